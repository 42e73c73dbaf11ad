/**
 * webtier-reliability on DigitalOcean: at least `minServers` droplets behind the balancer (an
 * autoscale pool counts as the droplets it never scales below), replaced without downtime (no
 * deleteBeforeReplace, which on a pool deletes all its droplets at once), and as many instances
 * of every App Platform service (App Platform's own balancer routes to them: one instance is one
 * server, down while it is redeployed or restarted); a database cluster with a standby node.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { deleteBeforeReplaceFinding } from "../../replacements";
import { Res, UNKNOWN, describe, isUnknown, listOf, propOf } from "../../values";
import { digitalOceanClusters } from "../data-access";
import { balancedServers, isAutoscalePool } from "../droplets";
import { DO } from "../types";

/**
 * The droplets a server keeps running: a droplet is one; an autoscale pool keeps
 * `config.targetNumberInstances` (a fixed-size pool) or else scales down to
 * `config.minInstances` (absent: none is promised). UNKNOWN during preview when that is unknown.
 */
export function dropletsKept(server: Res): number | typeof UNKNOWN {
    if (!isAutoscalePool(server)) return 1;
    const config = propOf(server, "config") as Record<string, unknown> | undefined;
    if (isUnknown(config)) return UNKNOWN;
    const fixed = config?.targetNumberInstances;
    const count = fixed !== undefined && fixed !== null ? fixed : config?.minInstances;
    if (isUnknown(count)) return UNKNOWN;
    return typeof count === "number" && Number.isInteger(count) && count > 0 ? count : 0;
}

/** Where the DigitalOcean tier falls below the reliability floor. */
export function digitalOceanReliabilityFindings(graph: StackGraph, minServers: number): Finding[] {
    const findings: Finding[] = [];
    const servers = new Set<Res>();
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const behind = balancedServers(graph, balancer);
        behind.forEach((server) => servers.add(server));
        let count = 0;
        const unknown: Res[] = [];
        for (const server of behind) {
            const kept = dropletsKept(server);
            if (kept === UNKNOWN) unknown.push(server);
            else count += kept;
        }
        if (count < minServers) {
            const pools = [...behind].filter(isAutoscalePool);
            const counted =
                pools.length > 0
                    ? " (an autoscale pool counted at its minInstances, or its targetNumberInstances)"
                    : "";
            const unproven =
                unknown.length > 0
                    ? `, and ${unknown.map(describe).join(", ")} keeps a number of droplets unknown during preview`
                    : "";
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} has ${count} droplet(s) behind it${counted}${unproven}; at least ${minServers} keep the app up when one fails. Raise webtier:servers.count${pools.length > 0 ? ", or the pool's config.minInstances" : ""}.`,
            });
        }
    }
    for (const server of servers) {
        const finding = deleteBeforeReplaceFinding(server, "an app server");
        if (finding) findings.push(finding);
    }
    for (const app of graph.ofType(DO.apps)) findings.push(...appServiceFindings(app, minServers));
    for (const cluster of digitalOceanClusters(graph, "database")) {
        const nodes = cluster.props.nodeCount;
        if (isUnknown(nodes) || !(typeof nodes === "number" && nodes >= 2)) {
            findings.push({
                urn: cluster.urn,
                message: `${describe(cluster)} has ${isUnknown(nodes) ? "an unknown number of" : (nodes ?? 1)} node(s) and no standby. Set nodeCount to 2 or more (webtier:database.highAvailability).`,
            });
        }
    }
    return findings;
}

/**
 * The App Platform services of `app` that run fewer than `minServers` instances: `instanceCount`
 * (absent: App Platform runs one), or with autoscaling its `minInstanceCount`. Workers and jobs
 * serve no requests and are not counted.
 */
function appServiceFindings(app: Res, minServers: number): Finding[] {
    const spec = app.props.spec as Record<string, unknown> | undefined;
    if (isUnknown(spec))
        return [
            {
                urn: app.urn,
                message: `${describe(app)} has a spec unknown during preview, so its services cannot be shown to run ${minServers} instances or more. Write the spec from values known before deployment.`,
            },
        ];
    const findings: Finding[] = [];
    for (const service of listOf<Record<string, unknown>>(spec?.services)) {
        if (!service || isUnknown(service)) continue;
        const autoscaling = service.autoscaling as Record<string, unknown> | undefined;
        const scaled = autoscaling !== undefined && autoscaling !== null && !isUnknown(autoscaling);
        const count = scaled ? autoscaling.minInstanceCount : (service.instanceCount ?? 1);
        const key = scaled ? "autoscaling.minInstanceCount" : "instanceCount";
        const name = typeof service.name === "string" ? `"${service.name}"` : "(unnamed)";
        if (isUnknown(count) || isUnknown(autoscaling))
            findings.push({
                urn: app.urn,
                message: `${describe(app)}: service ${name} runs a number of instances unknown during preview, which cannot be shown to be ${minServers} or more. Set ${key} literally.`,
            });
        else if (typeof count === "number" && count < minServers)
            findings.push({
                urn: app.urn,
                message: `${describe(app)}: service ${name} runs ${count} instance(s); at least ${minServers} keep the app up when one fails or is redeployed. Set ${key} to ${minServers} or more.`,
            });
    }
    return findings;
}
