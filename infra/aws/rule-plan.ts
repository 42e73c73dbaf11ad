/**
 * Who may reach what, as data: every security-group rule of the tier, planned from config
 * alone. `rules.ts` turns each entry into one standalone `aws.vpc.SecurityGroup*Rule`; tests
 * and reviewers can read the whole network policy here. Nothing outside this list opens
 * anything: the groups themselves carry no inline rules.
 */
import { parseCidr } from "../../policies/lib/cidr";

/** The four security groups of the tier, by role. */
export type SecurityGroupRole = "balancer" | "app" | "database" | "cache";

/** The other end of a rule: an address range or another of the tier's groups. */
export type RulePeer = CidrPeer | { kind: "group"; group: SecurityGroupRole };
export interface CidrPeer {
    kind: "cidr";
    cidr: string;
    version: 4 | 6;
}

export interface PlannedRule {
    /** Unique, stable, name-safe key; the resource is named `${name}-${key}`. */
    key: string;
    group: SecurityGroupRole;
    direction: "ingress" | "egress";
    /** TCP port (every rule of the tier is a single TCP port). */
    port: number;
    peer: RulePeer;
    description: string;
}

export interface RulePlanInput {
    /**
     * CIDRs allowed to reach port 22 on the servers (validated by parseConfig: never world-open).
     * Required: `webtier:servers.allowSshFrom`, default none, which opens no SSH rule at all.
     */
    allowSshFrom: string[];
    /** The database engine's port. Required (`Database.port`). */
    databasePort: number;
    /** The cache's port. Required (`Cache.port`). */
    cachePort: number;
}

const WORLD_V4 = "0.0.0.0/0";
const WORLD_V6 = "::/0";

/** A CIDR as a name fragment: 203.0.113.0/24 becomes 203-0-113-0-24. */
export function cidrKey(cidr: string): string {
    return cidr
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
}

function cidrPeer(cidr: string): CidrPeer {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new Error(`rule plan: "${cidr}" is not a CIDR; fix webtier:servers.allowSshFrom.`);
    if (parsed.prefix === 0) {
        throw new Error(
            `rule plan: "${cidr}" would open SSH to the whole internet; list office or VPN ranges in webtier:servers.allowSshFrom.`,
        );
    }
    return { kind: "cidr", cidr, version: parsed.version };
}

/** Every rule the tier needs, and nothing else. */
export function planSecurityRules(input: RulePlanInput): PlannedRule[] {
    const { databasePort, cachePort } = input;
    const rules: PlannedRule[] = [];
    const world: CidrPeer[] = [
        { kind: "cidr", cidr: WORLD_V4, version: 4 },
        { kind: "cidr", cidr: WORLD_V6, version: 6 },
    ];

    // The balancer: the only public entry point.
    for (const port of [80, 443]) {
        for (const peer of world) {
            rules.push({
                key: `lb-in-${port}-ipv${peer.version}`,
                group: "balancer",
                direction: "ingress",
                port,
                peer,
                description:
                    port === 80
                        ? "HTTP from the internet (redirected to HTTPS when there is a domain)"
                        : "HTTPS from the internet",
            });
        }
    }
    rules.push({
        key: "lb-out-80-app",
        group: "balancer",
        direction: "egress",
        port: 80,
        peer: { kind: "group", group: "app" },
        description: "HTTP to the app servers only (TLS ends at the balancer)",
    });

    // App servers: web traffic only through the balancer, SSH only from the allowlist.
    rules.push({
        key: "app-in-80-lb",
        group: "app",
        direction: "ingress",
        port: 80,
        peer: { kind: "group", group: "balancer" },
        description: "HTTP from the balancer only",
    });
    const seen = new Set<string>();
    for (const cidr of input.allowSshFrom) {
        const key = `app-in-22-${cidrKey(cidr)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push({
            key,
            group: "app",
            direction: "ingress",
            port: 22,
            peer: cidrPeer(cidr),
            description: `SSH from the allowlisted range ${cidr}`,
        });
    }
    for (const port of [443, 80]) {
        rules.push({
            key: `app-out-${port}-ipv4`,
            group: "app",
            direction: "egress",
            port,
            peer: world[0],
            description:
                port === 443
                    ? "HTTPS out through NAT (AWS APIs, package mirrors, Composer)"
                    : "HTTP out through NAT (Ubuntu package mirrors)",
        });
    }
    rules.push({
        key: `app-out-${databasePort}-db`,
        group: "app",
        direction: "egress",
        port: databasePort,
        peer: { kind: "group", group: "database" },
        description: "to the database",
    });
    rules.push({
        key: `app-out-${cachePort}-cache`,
        group: "app",
        direction: "egress",
        port: cachePort,
        peer: { kind: "group", group: "cache" },
        description: "to the cache",
    });

    // Database and cache: only the app servers, and they start nothing themselves.
    rules.push({
        key: `db-in-${databasePort}-app`,
        group: "database",
        direction: "ingress",
        port: databasePort,
        peer: { kind: "group", group: "app" },
        description: "database connections from the app servers only",
    });
    rules.push({
        key: `cache-in-${cachePort}-app`,
        group: "cache",
        direction: "ingress",
        port: cachePort,
        peer: { kind: "group", group: "app" },
        description: "cache connections from the app servers only",
    });
    return rules;
}
