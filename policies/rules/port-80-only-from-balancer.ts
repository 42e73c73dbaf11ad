/**
 * Only the balancer is public: the app port (the port the balancers send traffic to on the
 * servers: target groups, attachments, ECS services, classic ELB instance ports, DigitalOcean
 * forwarding rules; 80 when the stack has no balancer) is reachable on the app servers only
 * from the balancer (AWS: a rule naming the load balancer's security group; DigitalOcean: a
 * firewall rule naming the load balancer's uid), never from a CIDR; and every droplet (an autoscale pool's too) is behind
 * a firewall at all. The balancer's own security group, open to the internet on 80/443, is
 * correct and not looked at, unless the app servers share it.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_APP_PORT } from "../lib/app-port";
import { CLOUD_PACKS } from "../lib/clouds";
import { StackGraph } from "../lib/graph";
import { fromStackResources } from "../lib/values";

export { DEFAULT_APP_PORT };

/** The app ports of the stack: what its balancers target (each cloud's pack reads its own), or 80 when none says. */
export function appPorts(graph: StackGraph): number[] {
    const ports = new Set<number>();
    let unknown = false;
    for (const pack of CLOUD_PACKS) {
        const found = pack.appPorts(graph);
        found.ports.forEach((port) => ports.add(port));
        unknown ||= found.unknown;
    }
    // A port unknown during preview cannot be followed; 80, webtier's own, is judged at least.
    if (ports.size === 0 || unknown) ports.add(DEFAULT_APP_PORT);
    return [...ports].sort((a, b) => a - b);
}

export const port80OnlyFromBalancer: StackValidationPolicy = {
    name: "webtier-port-80-only-from-balancer",
    description:
        "Only the balancer is public: the app port (what the balancers target on the servers, 80 by default) is reachable on the app servers only from the load balancer (AWS: the balancer's security group; DigitalOcean: the load balancer's uid; Lightsail: not at all on the public address), never from a CIDR, also when the balancer and the servers share a security group (an EKS node group's security group may admit itself, as EKS requires); every droplet and autoscale pool is behind a firewall, every Lightsail instance under a firewall of the stack, no Elastic Beanstalk web server a single instance.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        const ports = appPorts(graph);
        for (const pack of CLOUD_PACKS)
            for (const finding of pack.checks.port80OnlyFromBalancer(graph, ports))
                reportViolation(finding.message, finding.urn);
    },
};
