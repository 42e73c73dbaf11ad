/**
 * The app port: the port the balancers send traffic to on the servers. What the rule that only
 * the balancer reaches it (webtier-port-80-only-from-balancer) shares on every cloud.
 */
import { NetworkRule, Source, Tri, admitsTcpPort } from "./network";
import { UNKNOWN, isUnknown } from "./values";

/** Where the servers listen when no balancer says otherwise (webtier's nginx). */
export const DEFAULT_APP_PORT = 80;

/** The first app port the rule admits (or may admit), and whether only "may". */
export function admittedAppPort(rule: NetworkRule, ports: number[]): { port: number; answer: Tri } | undefined {
    let maybe: number | undefined;
    for (const port of ports) {
        const answer = admitsTcpPort(rule, port);
        if (answer === true) return { port, answer };
        if (answer === UNKNOWN && maybe === undefined) maybe = port;
    }
    return maybe === undefined ? undefined : { port: maybe, answer: UNKNOWN };
}

/** A source's value for messages. */
export function shown(source: Source): string {
    return isUnknown(source.value) ? "a value unknown during preview" : source.value;
}

/** How a rule reaches the app port, for messages. */
export function reachText(admitted: { port: number; answer: Tri }): string {
    return admitted.answer === UNKNOWN
        ? `may admit port ${admitted.port}, the app port (protocol or ports unknown during preview),`
        : `admits port ${admitted.port}${admitted.port === DEFAULT_APP_PORT ? "" : ", the app port,"}`;
}
