/**
 * webtier-reliability on DigitalOcean: at least `minServers` droplets behind the balancer,
 * replaced without downtime (no deleteBeforeReplace), and as many instances of every App Platform
 * service (App Platform's own balancer routes to them: one instance is one server, down while it
 * is redeployed or restarted); a database cluster with a standby node.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { deleteBeforeReplaceFinding } from "../../replacements";
import { Res, describe, isUnknown, listOf } from "../../values";
import { digitalOceanClusters } from "../data-access";
import { balancedDroplets } from "../droplets";
import { DO } from "../types";

/** Where the DigitalOcean tier falls below the reliability floor. */
export function digitalOceanReliabilityFindings(graph: StackGraph, minServers: number): Finding[] {
    const findings: Finding[] = [];
    const servers = new Set<Res>();
    for (const balancer of graph.ofType(DO.loadBalancers)) {
        const behind = balancedDroplets(graph, balancer);
        behind.forEach((droplet) => servers.add(droplet));
        if (behind.size < minServers) {
            findings.push({
                urn: balancer.urn,
                message: `${describe(balancer)} has ${behind.size} droplet(s) behind it; at least ${minServers} keep the app up when one fails. Raise webtier:servers.count.`,
            });
        }
    }
    for (const droplet of servers) {
        const finding = deleteBeforeReplaceFinding(droplet, "an app server");
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
