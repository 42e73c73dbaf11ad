/**
 * The health gate's polling loop, cloud-free: ask a `HealthReader` about one server until the
 * balancer calls it healthy, retrying passing API errors, and fail with an error that names
 * the server, the balancer and what to do when it never gets there.
 */
import { pollUntil } from "../balancer-health/poll";
import { Clock, HealthSource, MemberStatus, systemClock } from "../balancer-health/status";

/**
 * What the gate needs from a cloud: the balancer's health for one server, read through
 * infra/balancer-health, which the rolling deploy (tools/deploy) reads through too.
 */
export interface HealthReader extends HealthSource {
    /** What the identity running `pulumi up` must be allowed to do, for the error message. */
    readonly requiredPermission: string;
    /**
     * True for errors that waiting cannot fix (no credentials, access denied, the balancer is
     * gone): the gate fails at once instead of retrying until the timeout. Default: none.
     */
    isPermanent?(error: unknown): boolean;
}

/**
 * A cloud's `HealthReader` over its health source: the gate reads health exactly as the rolling
 * deploy does, and adds what its errors need (the permission, which errors are final).
 */
export function balancerHealthReader(
    balancer: HealthSource,
    requiredPermission: string,
    isPermanent: (error: unknown) => boolean,
): HealthReader {
    return {
        description: balancer.description,
        health: (serverId) => balancer.health(serverId),
        requiredPermission,
        isPermanent,
    };
}

/** The server the gate waits for. */
export interface GateTarget {
    /** The id the balancer knows it by (EC2 instance id, droplet id). */
    serverId: string;
    /** Its name in the stack, for messages ("prod-app-2"). */
    serverName: string;
}

export interface WaitOptions {
    /** Give up after this long. */
    timeoutMs: number;
    /** Time between two health reads. */
    intervalMs: number;
    /** Default: the system clock. Tests pass a fake one. */
    clock?: Clock;
}

/** Thrown when a server never became healthy, or its health could not be read at all. */
export class HealthGateError extends Error {
    constructor(message: string) {
        super(message);
        // Set again on purpose: inside the dynamic provider Pulumi's closure serializer turns
        // `super(message)` into `Error.call(this, message)`, which leaves `message` unset.
        this.message = message;
        this.name = "HealthGateError";
    }
}

function duration(ms: number): string {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    const seconds = Math.round(ms / 1000);
    return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** The message of anything thrown. Not `instanceof Error`: errors of classes serialized into the provider are not. */
function errorText(error: unknown): string {
    const message = (error as { message?: unknown } | undefined)?.message;
    return typeof message === "string" ? message : String(error);
}

/** What the last read said, for the timeout message. */
type LastSeen = { status: MemberStatus } | { error: unknown };

function describeLast(last: LastSeen | undefined): string {
    if (!last) return "nothing read yet";
    if ("error" in last) return `the last health read failed: ${errorText(last.error)}`;
    const { health, detail } = last.status;
    const meaning = health === "absent" ? "not a member of the balancer" : health;
    return detail ? `${meaning} (${detail})` : meaning;
}

/**
 * Resolves with the healthy status once `reader` reports `target` healthy. Every other answer
 * (pending, unhealthy, draining, absent) and every API error `isPermanent` does not claim is
 * read again after `intervalMs`; after `timeoutMs` it rejects with a `HealthGateError`.
 */
export async function waitUntilHealthy(
    reader: HealthReader,
    target: GateTarget,
    options: WaitOptions,
): Promise<MemberStatus> {
    const server = `${target.serverName} (${target.serverId})`;
    return pollUntil<MemberStatus, LastSeen>(
        options.clock ?? systemClock,
        { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs },
        async () => {
            let status: MemberStatus;
            try {
                status = await reader.health(target.serverId);
            } catch (error) {
                if (reader.isPermanent?.(error)) {
                    throw new HealthGateError(
                        `webtier health gate: cannot read the health of ${server} from ${reader.description}: ${errorText(error)}. ` +
                            `The identity running \`pulumi up\` needs ${reader.requiredPermission}; grant it, or turn the gate off ` +
                            `with webtier:servers.healthGate: false (replacements then do not wait for health).`,
                    );
                }
                return { last: { error } };
            }
            return status.health === "healthy" ? { done: status } : { last: { status } };
        },
        (last) =>
            `webtier health gate: ${server} did not become healthy behind ${reader.description} within ${duration(options.timeoutMs)}; ` +
            `last seen: ${describeLast(last)}. The update stopped here, before any server it replaces was deleted, so the servers ` +
            `already in service keep serving. Check the server's bootstrap (/var/log/cloud-init-output.log) and that the health ` +
            `check path answers 2xx or 3xx, then run \`pulumi up\` again; to wait longer, raise webtier:servers.healthGateTimeoutMinutes.`,
    ).catch((error: unknown) => {
        // pollUntil reports timeouts as DeployErrors: give them the gate's own name.
        if (error instanceof HealthGateError) throw error;
        throw new HealthGateError(errorText(error));
    });
}
