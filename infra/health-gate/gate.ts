/**
 * The health gate resource and the one-at-a-time ordering of servers around it, cloud-free.
 *
 * Why: Pulumi replaces a server create-before-delete, but "created" is not "serving". A
 * `HealthGate` per server is created right after the server joins the balancer and succeeds
 * only once the balancer reports that server healthy; server i+1 depends on gate i. So a
 * change that replaces every server (new image, size or bootstrap) brings up one new server,
 * waits until it serves, then the next; the old servers are deleted only at the end of the
 * update, after every replacement passed its gate. A server that never gets healthy fails its
 * gate, which stops the update before any old server is deleted.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "../config/parse";
import { transform, Transform } from "../transform";

/**
 * How long a gate waits by default: boot, cloud-init, the first health checks, with room. The
 * config's default (`webtier:servers.healthGateTimeoutMinutes`), so a gate built outside the
 * platforms waits as long as one the config built.
 */
export const DEFAULT_TIMEOUT_SECONDS = DEFAULTS.servers.healthGateTimeoutMinutes * 60;
/** How often the balancer is asked by default: about once per health-check interval. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 10;

export interface HealthGateArgs {
    /**
     * The server's id as its balancer knows it (EC2 instance id, droplet id). Required. A new
     * id, that is a replaced server, replaces the gate, which then waits for the new server.
     */
    serverId: pulumi.Input<string>;
    /** The server's name in the stack, for messages ("prod-app-2"). Required. */
    serverName: string;
    /** Addresses the cloud may label health data with. Default: none. */
    serverAddresses?: pulumi.Input<{
        privateIp?: pulumi.Input<string | undefined>;
        publicIp?: pulumi.Input<string | undefined>;
    }>;
    /**
     * Where the cloud's reader finds the balancer (AWS: region and target group ARN;
     * DigitalOcean: balancer id, address and in-rotation tag). Required. A change replaces the gate.
     */
    balancer: Record<string, pulumi.Input<string>>;
    /**
     * Seconds to wait for the server to become healthy before failing the update. Default
     * `DEFAULT_TIMEOUT_SECONDS` (10 minutes): enough for boot, cloud-init and the balancer's healthy threshold.
     */
    timeoutSeconds?: number;
    /** Seconds between two health reads. Default 10. */
    pollIntervalSeconds?: number;
}

/** The gate's logical name: the server's, plus "-healthy" (`prod-app-2-healthy`). */
export function gateName(serverName: string): string {
    return `${serverName}-healthy`;
}

/**
 * Waits, on create and on replacement, until the balancer reports one server healthy.
 * A Pulumi dynamic resource (type `pulumi-nodejs:dynamic:Resource`): `provider` is the cloud's
 * (see `infra/aws/health-gate.ts`, `infra/digitalocean/health-gate.ts`).
 */
export class HealthGate extends pulumi.dynamic.Resource {
    constructor(
        name: string,
        provider: pulumi.dynamic.ResourceProvider,
        args: HealthGateArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        const timeoutSeconds = args.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
        const pollIntervalSeconds = args.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
        if (!(timeoutSeconds > 0) || !(pollIntervalSeconds > 0)) {
            throw new Error(
                `webtier: ${name}: the health gate's timeoutSeconds and pollIntervalSeconds must be positive, got ${timeoutSeconds} and ${pollIntervalSeconds}.`,
            );
        }
        super(
            provider,
            name,
            {
                serverId: args.serverId,
                serverName: args.serverName,
                serverAddresses: args.serverAddresses ?? {},
                balancer: args.balancer,
                timeoutSeconds,
                pollIntervalSeconds,
            },
            // The timeout is the provider's own (it polls until then), not a customTimeouts option.
            opts,
        );
    }
}

/** The health gate settings a cloud's servers component takes. */
export interface HealthGateSettings {
    /** The cloud's gate provider. Required. */
    provider: pulumi.dynamic.ResourceProvider;
    /** See `HealthGateArgs.balancer`. Required. */
    balancer: Record<string, pulumi.Input<string>>;
    /** See `HealthGateArgs.timeoutSeconds`. Required: the platforms pass `webtier:servers.healthGateTimeoutMinutes` in seconds. */
    timeoutSeconds: number;
    /** Resources the balancer needs before it routes to servers (AWS: the forwarding listener). Default: none. */
    dependsOn?: pulumi.Resource[];
    /** Escape hatch: adjust each gate's args and options (called with the gate's name, `prod-app-2-healthy`). */
    transform?: Transform<HealthGateArgs>;
}

/** One server as the ordering sees it: what it built, and the resource that means "this one is in the balancer". */
export interface SequencedServer<T> {
    /** Whatever the cloud built for this server (instance and attachment, droplet...). */
    built: T;
    serverName: string;
    serverId: pulumi.Input<string>;
    serverAddresses?: HealthGateArgs["serverAddresses"];
    /** The resource that puts the server behind the balancer (AWS: its target group attachment; DO: the droplet). */
    member: pulumi.Resource;
}

export interface Sequenced<T> {
    built: T;
    /** The server's gate; absent when gates are off. */
    gate?: HealthGate;
}

/**
 * Builds `count` servers strictly one after another. `build(index, after)` must create server
 * `index` with `dependsOn: after`. With gates, server i+1 waits for gate i, which waits for
 * server i's membership and its health; without, it waits for server i's membership only.
 */
export function buildOneAtATime<T>(
    count: number,
    gates: HealthGateSettings | undefined,
    build: (index: number, after: pulumi.Resource[]) => SequencedServer<T>,
    opts: pulumi.CustomResourceOptions,
): Sequenced<T>[] {
    const result: Sequenced<T>[] = [];
    let previous: pulumi.Resource | undefined;
    for (let index = 0; index < count; index += 1) {
        const server = build(index, previous ? [previous] : []);
        let gate: HealthGate | undefined;
        if (gates) {
            const [name, args, gateOpts] = transform(
                gates.transform,
                gateName(server.serverName),
                {
                    serverId: server.serverId,
                    serverName: server.serverName,
                    serverAddresses: server.serverAddresses,
                    balancer: gates.balancer,
                    timeoutSeconds: gates.timeoutSeconds,
                },
                { ...opts, dependsOn: [server.member, ...(gates.dependsOn ?? [])] },
            );
            gate = new HealthGate(name, gates.provider, args, gateOpts);
        }
        result.push({ built: server.built, gate });
        previous = gate ?? server.member;
    }
    return result;
}
