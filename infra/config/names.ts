/**
 * Every cloud name webtier derives from the stack name, and the check of each against the limit
 * and pattern of the resource type it lands on, after the provider's autonaming. The rules are
 * the preflight's (policies/preflight/name-rules.ts): config validation refuses a stack name for
 * the same reason the preflight would refuse the resource, only earlier, naming the stack.
 *
 * Each cloud's profile (infra/<cloud>/profile.ts) lists the names, mirroring its components' logical
 * names (`${name}-<role>`); a test evaluates the real program on both clouds and fails when a named
 * resource is missing there.
 */
import { effectiveName, nameProblems, nameRulesFor } from "../../policies/preflight/name-rules";
import { cloudProfile } from "../clouds";
import type { DerivedName } from "./cloud-profile";
import type { Cloud } from "./types";

export type { DerivedName } from "./cloud-profile";

/**
 * The names a stack called `name` creates on `cloud` (the cloud's profile lists them). Resources
 * whose names do not derive from the stack name (listeners, routes, attachments, EC2 instances,
 * which have no name) are left out.
 */
export function derivedNames(cloud: Cloud, name: string): DerivedName[] {
    return cloudProfile(cloud).derivedNames(name);
}

/** One name the cloud would refuse, with the sentence that says why. */
export interface NameRefusal {
    derived: DerivedName;
    name: string;
    problems: string[];
}

/** The derived names of a stack the cloud would refuse; empty when every one is accepted. */
export function refusedNames(cloud: Cloud, name: string): NameRefusal[] {
    const refusals: NameRefusal[] = [];
    for (const derived of derivedNames(cloud, name)) {
        const rules = nameRulesFor(derived.type);
        const rule = derived.explicit ? rules.find((r) => r.property === derived.explicit!.property) : rules[0];
        if (!rule) continue;
        const props = derived.explicit ? { [derived.explicit.property]: derived.explicit.value } : {};
        const effective = effectiveName(rule, props, derived.logicalName);
        if (!effective) continue;
        const problems = nameProblems(rule, effective.name);
        if (problems.length > 0) refusals.push({ derived, name: effective.name, problems });
    }
    return refusals;
}
