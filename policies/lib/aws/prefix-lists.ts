/**
 * Managed prefix lists defined in the stack: their CIDRs are visible to a stack policy (inline
 * `entries` of the ManagedPrefixList and standalone ManagedPrefixListEntry resources), so a rule
 * naming one can be judged by what it contains. An AWS-managed list or one from another stack
 * stays opaque.
 */
import type { StackGraph } from "../graph";
import { Res, UNKNOWN, Unknown, isUnknown, listOf } from "../values";

export const PREFIX_LIST_TYPES = {
    lists: ["aws:ec2/managedPrefixList:ManagedPrefixList"],
    entries: ["aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry"],
} as const;

/**
 * The CIDRs of the prefix list a rule names, or undefined when the list is not one of this
 * stack's (or cannot be traced during preview). An entry unknown during preview is `UNKNOWN`.
 */
export function prefixListCidrs(
    graph: StackGraph,
    owner: Res,
    referenceKey: string,
    value: string | Unknown,
): (string | Unknown)[] | undefined {
    const { candidates } = graph.resolve(owner, referenceKey, value, PREFIX_LIST_TYPES.lists);
    if (candidates.length !== 1) return undefined;
    const [list] = candidates;
    const cidrs: (string | Unknown)[] = [];
    const inline = list.props.entries;
    if (isUnknown(inline)) cidrs.push(UNKNOWN);
    for (const entry of listOf<Record<string, any>>(inline)) {
        cidrs.push(isUnknown(entry) || isUnknown(entry?.cidr) ? UNKNOWN : String(entry?.cidr ?? ""));
    }
    for (const entry of graph.referrers(PREFIX_LIST_TYPES.entries, "prefixListId", list)) {
        cidrs.push(isUnknown(entry.props.cidr) ? UNKNOWN : String(entry.props.cidr ?? ""));
    }
    return cidrs;
}
