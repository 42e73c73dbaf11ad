/**
 * The health gate's dynamic provider, cloud-free: `create` waits until the server is healthy
 * behind its balancer, `diff` replaces the gate when it must vouch for a different server (or
 * balancer), and nothing else touches the cloud. Each cloud supplies the `ReaderFactory`.
 *
 * Pulumi serializes these functions (and what they reference) into the stack's state and runs
 * them in its dynamic-provider host, not in the program: they must capture only plain values
 * and functions, open clients themselves, and take credentials from the environment `pulumi up`
 * runs in.
 */
import * as pulumi from "@pulumi/pulumi";
import { HealthReader, waitUntilHealthy } from "./wait";

/** The gate's inputs as the provider receives them: plain values (and, before an update, unknowns). */
export interface GateInputs {
    /** The id the balancer knows the server by. */
    serverId: string;
    /** The server's name in the stack, for messages. */
    serverName: string;
    /** Addresses some clouds label health data with (DigitalOcean metrics). */
    serverAddresses?: { privateIp?: string; publicIp?: string };
    /** Cloud-specific: where the reader finds the balancer (AWS: region, target group ARN). */
    balancer: Record<string, string>;
    timeoutSeconds: number;
    pollIntervalSeconds: number;
}

/** Opens the cloud's health reader for a gate; runs inside the dynamic-provider host. */
export type ReaderFactory = (inputs: GateInputs) => HealthReader;

/** The inputs whose change means the gate vouches for something else, so it is replaced and waits again. */
export const REPLACING_INPUTS = ["serverId", "balancer"] as const;

function same(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The gate's diff. A new server id (the server was replaced; during a preview, an unknown id)
 * or another balancer replaces the gate, so the new gate waits for the new server. Other
 * changes (timeout, interval, name, addresses) update it in place, without waiting. Never
 * delete-before-replace: the old gate is only bookkeeping.
 */
export function gateDiff(olds: Partial<GateInputs>, news: Partial<GateInputs>): pulumi.dynamic.DiffResult {
    const replaces = REPLACING_INPUTS.filter((key) => !same(olds[key], news[key]));
    const updates = (["serverName", "serverAddresses", "timeoutSeconds", "pollIntervalSeconds"] as const).filter(
        (key) => !same(olds[key], news[key]),
    );
    return { changes: replaces.length + updates.length > 0, replaces: [...replaces], deleteBeforeReplace: false };
}

/** The gate's id: the server it vouched for. */
export function gateId(inputs: Pick<GateInputs, "serverName" | "serverId">): string {
    return `${inputs.serverName}:${inputs.serverId}`;
}

/** Builds the dynamic provider around a cloud's reader factory. */
export function createGateProvider(openReader: ReaderFactory): pulumi.dynamic.ResourceProvider {
    return {
        async create(inputs: GateInputs): Promise<pulumi.dynamic.CreateResult> {
            const reader = openReader(inputs);
            const status = await waitUntilHealthy(
                reader,
                { serverId: inputs.serverId, serverName: inputs.serverName },
                { timeoutMs: inputs.timeoutSeconds * 1000, intervalMs: inputs.pollIntervalSeconds * 1000 },
            );
            return {
                id: gateId(inputs),
                outs: { ...inputs, healthyAt: new Date().toISOString(), healthDetail: status.detail ?? "healthy" },
            };
        },
        async diff(_id: string, olds: GateInputs, news: GateInputs): Promise<pulumi.dynamic.DiffResult> {
            return gateDiff(olds, news);
        },
        // Only bookkeeping changed (see gateDiff): keep the new inputs, wait for nothing.
        async update(
            _id: string,
            olds: GateInputs & Record<string, unknown>,
            news: GateInputs,
        ): Promise<pulumi.dynamic.UpdateResult> {
            return { outs: { ...news, healthyAt: olds.healthyAt, healthDetail: olds.healthDetail } };
        },
        // Nothing exists in the cloud: refresh keeps what the state says, delete removes nothing.
        async read(id: string, props?: unknown): Promise<pulumi.dynamic.ReadResult> {
            return { id, props };
        },
        async delete(): Promise<void> {},
    };
}
