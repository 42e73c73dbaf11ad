/**
 * Autonaming as the bridged providers do it in their Check, before the engine hands a resource's
 * inputs to a policy pack: a name property the program leaves out gets the resource's logical
 * name, a separator and 7 random characters (pulumi-terraform-bridge `AutoName`, `Randlen: 7`,
 * hexadecimal), lowercased where the provider lowercases; none when it would exceed the provider's maximum length.
 *
 * Which resources a provider autonames, and how, is each cloud's (its `autoname` in
 * tools/harness/mocks/<cloud>.ts, registered in tools/clouds.ts).
 *
 * Without this, a reference to an autonamed resource (`tag.name` in a firewall, a balancer's
 * `dropletTag`) reached the policies as undefined.
 */
import { randomBytes } from "crypto";
import { PROVIDER_MOCKS } from "../clouds";
import type { AutonameRule } from "./provider-mocks";
import { sdkClassFor } from "./sdk-classes";

export type { AutonameRule } from "./provider-mocks";

/**
 * The rule for `type`, if its provider autonames it. `hasInput` says whether the resource type
 * takes a given input at all (DigitalOcean autonames every resource with a `name` input).
 */
export function autonameRule(type: string, hasInput: (field: string) => boolean): AutonameRule | undefined {
    const [pkg] = type.split(":");
    return PROVIDER_MOCKS.find((mocks) => mocks.package === pkg)?.autoname?.(type, hasInput);
}

/**
 * `<name><separator><7 random hex>`, lowercased if the provider lowercases; undefined when it
 * would exceed the provider's maximum length, where the provider's Check fails instead
 * (`NewUniqueName`: "name '<prefix>' plus 7 random chars is longer than maximum length N") and
 * leaves the name to the policies that report it.
 */
export function autoname(
    name: string,
    rule: AutonameRule,
    random: () => string = () => randomBytes(4).toString("hex").slice(0, 7),
): string | undefined {
    const prefix = `${name}${rule.separator}`;
    if (prefix.length + 7 > rule.maxLength) return undefined;
    const result = `${prefix}${random()}`;
    return rule.lowercase ? result.toLowerCase() : result;
}

const inputsByType = new Map<string, string>();

/** Whether the SDK class of `type` takes `field` as an input (its constructor sets resourceInputs[field]). */
export function takesInput(type: string, field: string): boolean {
    if (!inputsByType.has(type)) inputsByType.set(type, sdkClassFor(type)?.toString() ?? "");
    return inputsByType.get(type)!.includes(`resourceInputs["${field}"]`);
}

/** The autoname rule of a resource type, judging DigitalOcean's `name` input from its installed SDK class. */
export function autonameRuleFor(type: string): AutonameRule | undefined {
    return autonameRule(type, (field) => takesInput(type, field));
}
