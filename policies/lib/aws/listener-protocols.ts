/**
 * Listeners ELB refuses at create for the balancer they are on (webtier-preflight-placement):
 * - a protocol the balancer's type does not speak (API elasticloadbalancingv2 CreateListener
 *   Protocol: "For Application Load Balancers, the supported protocols are HTTP and HTTPS. For
 *   Network Load Balancers, the supported protocols are TCP, TLS, UDP, and TCP_UDP");
 * - a default action forwarding to a target group of a protocol the balancer does not route
 *   (CreateTargetGroup Protocol: HTTP and HTTPS for Application Load Balancers; TCP, TLS, UDP and
 *   TCP_UDP for Network Load Balancers; GENEVE for Gateway Load Balancers).
 * A listener is judged when it names one balancer of the stack whose type is known (unset is
 * "application", the provider's default); a gateway load balancer's listener, which takes no
 * protocol, is not.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, listOf, textOf } from "../values";
import { AWS_BALANCER_TYPES } from "./balancers";

/**
 * What each balancer type refuses of a listener's protocol and a target group's, and what it
 * takes, in words. A network load balancer's list has grown (QUIC and TCP_QUIC since the text
 * above): it is refused only what the other types alone speak.
 */
const KINDS: Readonly<
    Record<string, { label: string; takes: string; refuses(protocol: string): boolean; fix: string }>
> = {
    application: {
        label: "an application load balancer",
        takes: "HTTP and HTTPS",
        refuses: (protocol) => protocol !== "HTTP" && protocol !== "HTTPS",
        fix: "HTTP or HTTPS",
    },
    network: {
        label: "a network load balancer",
        takes: "TCP, TLS, UDP and TCP_UDP",
        refuses: (protocol) => ["HTTP", "HTTPS", "GENEVE"].includes(protocol),
        fix: "TCP, TLS, UDP or TCP_UDP",
    },
};

const SOURCE = "Source: API elasticloadbalancingv2 CreateListener Protocol, CreateTargetGroup Protocol.";

/** The one balancer of the stack a listener names, when it names exactly one. */
function balancerOf(graph: StackGraph, listener: Res): Res | undefined {
    const { candidates, certain } = graph.resolve(
        listener,
        "loadBalancerArn",
        listener.props.loadBalancerArn,
        AWS_BALANCER_TYPES.elbv2,
    );
    return certain && candidates.length === 1 ? candidates[0] : undefined;
}

/** The target groups a listener's default actions forward to, with where each is named. */
function forwardedGroups(graph: StackGraph, listener: Res): { group: Res; path: string }[] {
    const out: { group: Res; path: string }[] = [];
    const actions = listener.props.defaultActions;
    if (isUnknown(actions)) return out;
    listOf<Record<string, any>>(actions).forEach((action, i) => {
        if (isUnknown(action) || !action) return;
        const named: { value: unknown; path: string }[] = [];
        if (action.targetGroupArn !== undefined)
            named.push({ value: action.targetGroupArn, path: `defaultActions[${i}].targetGroupArn` });
        const forward = action.forward;
        if (forward && !isUnknown(forward) && !isUnknown(forward.targetGroups))
            listOf<Record<string, any>>(forward.targetGroups).forEach((entry, j) => {
                if (entry && !isUnknown(entry))
                    named.push({ value: entry.arn, path: `defaultActions[${i}].forward.targetGroups[${j}].arn` });
            });
        for (const { value, path } of named) {
            if (typeof value !== "string") continue;
            const { candidates, certain } = graph.resolve(
                listener,
                "defaultActions",
                value,
                AWS_BALANCER_TYPES.targetGroups,
            );
            if (certain && candidates.length === 1) out.push({ group: candidates[0], path });
        }
    });
    return out;
}

export function awsListenerProtocolFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const listener of graph.ofType(AWS_BALANCER_TYPES.listeners)) {
        const balancer = balancerOf(graph, listener);
        if (!balancer) continue;
        const type = balancer.props.loadBalancerType;
        if (isUnknown(type)) continue;
        const kind = KINDS[textOf(type ?? "application")];
        if (!kind) continue;
        // Unset, the protocol is HTTP on an application load balancer (which takes it) and must be
        // set on a network one (the provider's plan says so).
        const protocol = listener.props.protocol;
        const spoken = typeof protocol === "string" && !isUnknown(protocol) ? protocol.toUpperCase() : undefined;
        if (spoken !== undefined && kind.refuses(spoken))
            findings.push({
                urn: listener.urn,
                message: `${describe(listener)} has protocol ${spoken} on ${describe(balancer)}, ${kind.label}, which takes ${kind.takes} listeners: ELB refuses it. Use ${kind.fix}, or a load balancer of a type that speaks ${spoken}. ${SOURCE}`,
            });
        for (const { group, path } of forwardedGroups(graph, listener)) {
            if (group.props.targetType === "lambda") continue;
            const groupProtocol = group.props.protocol;
            if (typeof groupProtocol !== "string") continue;
            const routed = groupProtocol.toUpperCase();
            if (!kind.refuses(routed)) continue;
            findings.push({
                urn: listener.urn,
                message: `${describe(listener)}: ${path} forwards to ${describe(group)}, a ${routed} target group, which ${describe(balancer)}, ${kind.label}, cannot route to; ELB refuses the listener. Give the target group protocol ${kind.fix}. ${SOURCE}`,
            });
        }
    }
    return findings;
}
