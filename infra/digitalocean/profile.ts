/**
 * DigitalOcean in webtier's configuration: regions, size classes, database versions, network rules,
 * the names a stack creates and the config rules only DigitalOcean has (see
 * infra/config/cloud-profile.ts).
 */
import { DIGITALOCEAN_ENGINE_VERSIONS } from "../../policies/lib/digitalocean/engine-versions";
import { DIGITALOCEAN_RESERVED_RANGES } from "../../policies/lib/digitalocean/networks";
import type { CloudProfile, DerivedName } from "../config/cloud-profile";
import { childName } from "../naming";
import { NAMESPACE } from "../config/namespace";

/** The most servers config allows (servers.count): the longest droplet name has this index. */
const MAX_SERVERS = 100;

function derivedNames(name: string): DerivedName[] {
    const auto = (type: string, role: string, suffix: string): DerivedName => ({
        type,
        role,
        logicalName: childName(name, suffix),
    });
    const explicit = (type: string, role: string, value: string): DerivedName => ({
        type,
        role,
        logicalName: value,
        explicit: { property: "name", value },
    });
    return [
        auto("digitalocean:index/vpc:Vpc", "the VPC", "vpc"),
        auto("digitalocean:index/databaseCluster:DatabaseCluster", "the database cluster", "db"),
        auto("digitalocean:index/databaseCluster:DatabaseCluster", "the cache cluster", "cache"),
        auto("digitalocean:index/loadBalancer:LoadBalancer", "the load balancer", "lb"),
        auto("digitalocean:index/firewall:Firewall", "the firewall", "firewall"),
        auto("digitalocean:index/spacesBucket:SpacesBucket", "the uploads bucket", "uploads"),
        auto("digitalocean:index/spacesBucket:SpacesBucket", "the access-log bucket", "access-logs"),
        explicit("digitalocean:index/tag:Tag", "the app servers' tag", childName(name, "app")),
        explicit("digitalocean:index/tag:Tag", "the balancer's member tag", childName(name, "lb")),
        explicit("digitalocean:index/droplet:Droplet", "the last app server", childName(name, `app-${MAX_SERVERS}`)),
    ];
}

export const DIGITALOCEAN_PROFILE: CloudProfile = {
    name: "digitalocean",
    label: "DigitalOcean",
    stackPrefix: "do",
    // Only regions with Spaces and managed databases.
    regions: ["nyc3", "sfo2", "sfo3", "ams3", "fra1", "lon1", "sgp1", "syd1", "tor1", "blr1", "atl1"],
    exampleRegion: "ams3",
    sizes: {
        small: { server: "s-1vcpu-2gb", database: "db-s-1vcpu-2gb", cache: "db-s-1vcpu-2gb" },
        medium: { server: "s-2vcpu-4gb", database: "db-s-2vcpu-4gb", cache: "db-s-2vcpu-4gb" },
        large: { server: "s-4vcpu-8gb", database: "db-s-4vcpu-8gb", cache: "db-s-4vcpu-8gb" },
    },
    engineVersions: DIGITALOCEAN_ENGINE_VERSIONS,
    // DigitalOcean refuses a VPC whose range overlaps any other network of the account ("Network
    // ranges cannot overlap with other networks in the same account", vpc_create in its OpenAPI
    // specification), so each stack gets its own default range.
    network: {
        defaultRange: { kind: "derived-from-stack-name" },
        refusesOverlap: true,
        reserved: DIGITALOCEAN_RESERVED_RANGES,
    },
    alertDestinations: {
        httpsEndpoint:
            "DigitalOcean alert policies cannot post to an arbitrary HTTPS endpoint; use alerts.slack ({ url, channel }) or alerts.emails.",
        slack: true,
    },
    // The load balancers write none; Spaces logs the uploads bucket's requests.
    accessLogs: ["uploads"],
    storageEndpoint: (region) => `https://${region}.digitaloceanspaces.com`,
    derivedNames,
    validate(config, problems) {
        if (config.domain !== undefined && config.dnsZone === undefined && !problems.reported("dnsZone")) {
            problems.report(
                "dnsZone",
                `is required on DigitalOcean when a domain is set: Let's Encrypt certificates need the zone in DigitalOcean DNS (for example \`pulumi config set ${NAMESPACE}:dnsZone example.com\`).`,
            );
        }
        if (config.database.extendedSupport) {
            problems.report(
                "database.extendedSupport",
                `is an RDS setting; DigitalOcean has no Extended Support. Remove it.`,
            );
        }
        if (config.cache.engine === "redis") {
            problems.report(
                "cache.engine",
                `"redis" cannot be created on DigitalOcean any more; use "valkey" (Laravel's Redis drivers work with it unchanged).`,
            );
        }
        if (config.queue.driver === "sqs") {
            problems.report("queue.driver", `"sqs" exists only on AWS; use "redis" on DigitalOcean.`);
        }
    },
};
