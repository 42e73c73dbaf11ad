/**
 * The health gate on DigitalOcean: a droplet is healthy when it is a member of the balancer
 * (it carries the in-rotation tag) and the balancer's health-check metrics for it pass. Reads
 * through infra/balancer-health, as the rolling deploy does, so the gate and the deploy judge
 * health alike.
 */
import {
    DIGITALOCEAN_API,
    DigitalOceanApi,
    DigitalOceanApiError,
    loadBalancerHealth,
} from "../balancer-health/digitalocean";
import { systemClock } from "../balancer-health/status";
import { createGateProvider, GateInputs } from "../health-gate/provider";
import { balancerHealthReader, HealthGateError, HealthReader } from "../health-gate/wait";
import { CREDENTIAL_VARIABLES } from "./credentials";

/** What the token `pulumi up` runs with needs for the gate (named in the gate's errors). */
export const GATE_PERMISSION =
    "read access to load balancers and monitoring (scopes load_balancer:read and monitoring:read)";

/** Refusals waiting cannot fix: a bad token, a token without the scopes, a balancer that is gone. */
export function isPermanentDigitalOceanError(error: unknown): boolean {
    return error instanceof DigitalOceanApiError && [401, 403, 404].includes(error.status);
}

/** The gate's `balancer` input on DigitalOcean. */
export function digitalOceanGateBalancer<T>(
    loadBalancerId: T,
    address: T,
    memberTag: T,
): { loadBalancerId: T; address: T; memberTag: T } {
    return { loadBalancerId, address, memberTag };
}

/**
 * Opens the reader inside Pulumi's dynamic-provider host, with the API token from the
 * environment `pulumi up` runs in (the same variable the DigitalOcean provider reads).
 */
export function openDigitalOceanHealthReader(inputs: GateInputs): HealthReader {
    const variable = CREDENTIAL_VARIABLES.token;
    const token = process.env[variable];
    if (!token) {
        throw new HealthGateError(
            `webtier health gate: ${variable} is not set in the environment \`pulumi up\` runs in, so the health of ${inputs.serverName} ` +
                `cannot be read. Export it (the DigitalOcean provider reads the same variable), or turn the gate off with webtier:servers.healthGate: false.`,
        );
    }
    const { loadBalancerId, address, memberTag } = inputs.balancer;
    const health = loadBalancerHealth({
        memberTag,
        // DIGITALOCEAN_API_URL: the endpoint override the DigitalOcean provider honours too.
        api: new DigitalOceanApi(token, undefined, process.env.DIGITALOCEAN_API_URL || DIGITALOCEAN_API),
        address,
        loadBalancerId,
        servers: [
            {
                id: inputs.serverId,
                name: inputs.serverName,
                privateIp: inputs.serverAddresses?.privateIp ?? "",
                publicIp: inputs.serverAddresses?.publicIp,
            },
        ],
        clock: systemClock,
    });
    return balancerHealthReader(health, GATE_PERMISSION, isPermanentDigitalOceanError);
}

/** The DigitalOcean gate provider: one object, so Pulumi serializes it once per program run. */
export const digitalOceanHealthGateProvider = createGateProvider(openDigitalOceanHealthReader);
