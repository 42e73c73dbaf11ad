/**
 * The resource graph of a stack validation: which resource an id, ARN or name refers to,
 * and the roles resources play (balancer, app server, database, cache) in the web tier.
 *
 * A reference is resolved first by identity (the referenced resource's `id`, `arn` or name
 * in its properties, as the engine reports outputs), then through `propertyDependencies`,
 * which is all there is during a preview, when the id of a resource about to be created is
 * still unknown. Through dependencies a reference resolves to a set of candidates; a rule
 * holds when it holds for every candidate.
 */
import type { NetworkRule } from "./network";
import { registered } from "./registered";
import { Res, Unknown, isUnknown, listOf, propOf } from "./values";

/** The candidates a reference may point at. */
export interface Resolution {
    /** Resources of the expected types the reference may point at. */
    candidates: Res[];
    /** True when the reference was matched by identity (or has one possible target). */
    certain: boolean;
}

export class StackGraph {
    private readonly byUrn = new Map<string, Res>();
    /**
     * Resources by the identities they report, indexed on the first lookup: every stack policy
     * builds a graph of the whole stack, and a policy whose resources are absent (or that reads no
     * reference) never resolves one, so would otherwise read three properties of every resource
     * for nothing.
     */
    private indexed?: Map<string, Res[]>;
    /** The resources of each type in the stack's order, and each one's place, indexed on the first lookup. */
    private typed?: { byType: Map<string, Res[]>; place: Map<Res, number> };

    constructor(readonly resources: Res[]) {
        for (const res of resources) this.byUrn.set(res.urn, res);
    }

    private get byIdentity(): Map<string, Res[]> {
        if (this.indexed) return this.indexed;
        const byIdentity = new Map<string, Res[]>();
        for (const res of this.resources) {
            // Besides id and ARN, the properties each cloud's pack says its types are referred to by.
            for (const key of ["id", "arn", ...(registered().IDENTITY_KEYS[res.type] ?? [])]) {
                const value = propOf(res, key);
                if ((typeof value === "string" || typeof value === "number") && !isUnknown(value) && value !== "") {
                    const identity = String(value);
                    const known = byIdentity.get(identity) ?? [];
                    // An id and an ARN may be the same text (ELBv2 ids are ARNs): one entry per resource.
                    if (!known.includes(res)) byIdentity.set(identity, [...known, res]);
                }
            }
        }
        this.indexed = byIdentity;
        return byIdentity;
    }

    get(urn: string): Res | undefined {
        return this.byUrn.get(urn);
    }

    /** The resources of `types`, in the stack's order (rules ask for a few types, many times). */
    ofType(types: readonly string[]): Res[] {
        if (!this.typed) {
            const byType = new Map<string, Res[]>();
            const place = new Map<Res, number>();
            this.resources.forEach((res, index) => {
                place.set(res, index);
                const list = byType.get(res.type);
                if (list) list.push(res);
                else byType.set(res.type, [res]);
            });
            this.typed = { byType, place };
        }
        const { byType, place } = this.typed;
        const lists = [...new Set(types)].flatMap((type) => byType.get(type) ?? []);
        return types.length > 1 ? lists.sort((a, b) => place.get(a)! - place.get(b)!) : lists;
    }

    /**
     * What `from`'s property `key` (holding `value`, perhaps unknown) refers to among `types`.
     * A known value is matched by identity; failing that (or when unknown), the property's
     * dependencies of those types are the candidates.
     */
    resolve(
        from: Res,
        key: string,
        value: string | number | Unknown | undefined,
        types: readonly string[],
    ): Resolution {
        const dependencies = this.dependenciesOf(from, key, types);
        if (value !== undefined && !isUnknown(value)) {
            const exact = (this.byIdentity.get(String(value)) ?? []).filter((res) => types.includes(res.type));
            if (exact.length > 0) return { candidates: exact, certain: true };
            // A known value that is no identity of this stack: a dependency can be what it names
            // only while its own identity is unknown. (A constant foreign "sg-..." returned from an
            // apply on the balancer group's id depends on that group but is not it.)
            const candidates = dependencies.filter((res) => !this.identityKnown(res));
            return { candidates, certain: candidates.length === 1 };
        }
        return { candidates: dependencies, certain: dependencies.length === 1 };
    }

    /** Does the resource report its id (as every resource does once created)? */
    identityKnown(res: Res): boolean {
        const id = propOf(res, "id");
        return (typeof id === "string" || typeof id === "number") && !isUnknown(id) && id !== "";
    }

    /** Every value of a list (or single) property, resolved; the union of candidates. */
    resolveAll(
        from: Res,
        key: string,
        types: readonly string[],
        values?: (string | Unknown)[],
    ): { candidates: Res[]; unresolved: (string | Unknown)[] } {
        const candidates = new Set<Res>();
        const unresolved: (string | Unknown)[] = [];
        for (const value of values ?? listOf<string | number>(propOf(from, key))) {
            const resolution = this.resolve(from, key, value, types);
            resolution.candidates.forEach((c) => candidates.add(c));
            if (resolution.candidates.length === 0) unresolved.push(isUnknown(value) ? value : String(value));
        }
        return { candidates: [...candidates], unresolved };
    }

    /** The resources of `types` that `from`'s property `key` was computed from. */
    dependenciesOf(from: Res, key: string, types: readonly string[]): Res[] {
        return (from.propertyDependencies[key] ?? [])
            .map((urn) => this.byUrn.get(urn))
            .filter((res): res is Res => res !== undefined && types.includes(res.type));
    }

    /** Resources of `types` whose property `key` refers to `target` (by identity or dependency). */
    referrers(types: readonly string[], key: string, target: Res): Res[] {
        return this.ofType(types).filter((res) => {
            const values = listOf<string | number>(propOf(res, key));
            return values.some((value) => this.resolve(res, key, value, [target.type]).candidates.includes(target));
        });
    }

    /** The security group(s) a rule protects: the group itself for inline rules. */
    ruleTargets(owner: Res, rule: NetworkRule): Resolution {
        if (rule.target.kind === "itself") return { candidates: [owner], certain: true };
        return this.resolve(owner, rule.target.referenceKey, rule.target.value, rule.target.types);
    }

    /** Every (owner, ingress rule) pair whose protected group may be one of `groups`. */
    ingressInto(groups: Set<Res>, rulesOf: (res: Res) => NetworkRule[]): { owner: Res; rule: NetworkRule }[] {
        const found: { owner: Res; rule: NetworkRule }[] = [];
        for (const owner of this.resources) {
            for (const rule of rulesOf(owner)) {
                if (rule.direction !== "ingress") continue;
                if (this.ruleTargets(owner, rule).candidates.some((g) => groups.has(g))) found.push({ owner, rule });
            }
        }
        return found;
    }
}
