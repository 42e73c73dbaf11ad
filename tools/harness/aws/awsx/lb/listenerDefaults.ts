/**
 * The port and protocol an application load balancer's default target group and listeners get
 * when the program leaves them out (follows pulumi-awsx awsx/lb/applicationLoadBalancer.ts,
 * getDefaultProtocol / getListenerProtocol). Pure: no resources.
 */
import * as pulumi from "@pulumi/pulumi";

/** The part of a listener's arguments the defaults read. */
export interface ListenerPortProtocol {
    port?: pulumi.Input<number | undefined>;
    protocol?: pulumi.Input<string | undefined>;
}

/** A port and protocol; the SDK's inputs may resolve to undefined, and pass on as they are. */
export interface PortProtocol {
    port: pulumi.Input<number | undefined>;
    protocol: pulumi.Input<string | undefined>;
}

/** A listener's protocol from its port: 443 is HTTPS, any other HTTP. */
export function portToProtocol(port: number): string {
    return port === 443 ? "HTTPS" : "HTTP";
}

/** A listener's port from its protocol: HTTPS is 443, any other 80. */
export function protocolToPort(protocol: string): number {
    return protocol === "HTTPS" ? 443 : 80;
}

/**
 * A listener's port and protocol: both as given; one given, the other derived from it; neither
 * (or no listener), `defaultPort` (else 80) over HTTP. Inputs are tested for truthiness, as the
 * source does (an Output counts as given).
 */
export function getListenerProtocol(
    listener: ListenerPortProtocol | undefined,
    defaultPort?: pulumi.Input<number | undefined>,
): PortProtocol {
    if (listener) {
        const { port, protocol } = listener;
        if (port && protocol) return { port, protocol };
        if (port) return { port, protocol: protocol ?? pulumi.output(port).apply((p) => portToProtocol(p!)) };
        if (protocol) return { protocol, port: pulumi.output(protocol).apply((p) => protocolToPort(p!)) };
    }
    return { port: defaultPort ?? 80, protocol: "HTTP" };
}

/**
 * The port and protocol the default target group (and the single listener, given or default)
 * take: from `listener`; with a `listeners` list, from its first entry, except a list of exactly
 * one, which gives none (the source's test reads `length !== 1`; kept as it is).
 */
export function getDefaultProtocol(args: {
    listener?: ListenerPortProtocol;
    listeners?: ListenerPortProtocol[];
    defaultTargetGroupPort?: pulumi.Input<number | undefined>;
}): PortProtocol | undefined {
    let listener = args.listener;
    if (args.listeners) {
        if (args.listeners.length !== 1) listener = args.listeners[0];
        else return undefined;
    }
    return getListenerProtocol(listener, args.defaultTargetGroupPort);
}
