/**
 * DigitalOcean values from a closed list or of a fixed shape (see policies/preflight/enums.ts,
 * which checks them): region slugs, Droplet size slugs, and a database cluster's region, node
 * count and size as its engine offers them, a volume's size, and a DNS record's type and numbers.
 * The tables and their sources are in slugs.ts, database-options.ts and below. A value unknown
 * during preview is not judged (enums.ts); neither is a value whose judge, another setting (the
 * engine, the node count), is unknown: the rule then checks what holds for every engine or node
 * count.
 */
import type { ValueRule } from "../../preflight/enums";
import { Res, isUnknown } from "../values";
import { DATABASE_OPTIONS_SOURCE, databaseRegionProblem, nodeCountProblem, sizeProblem } from "./database-options";
import {
    REGIONS,
    REGIONS_SOURCE,
    SPACES_REGIONS,
    SPACES_REGIONS_SOURCE,
    dropletSizeProblem,
    regionProblem,
} from "./slugs";

const CLUSTER = ["digitalocean:index/databaseCluster:DatabaseCluster"];
const SPACES = [
    "digitalocean:index/spacesBucket:SpacesBucket",
    "digitalocean:index/spacesBucketObject:SpacesBucketObject",
    "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy",
    "digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration",
];

/** A cluster's engine slug, when the program set it (undefined: absent or unknown during preview). */
function engineOf(res: Res): string | undefined {
    const engine = res.props.engine;
    return typeof engine === "string" && !isUnknown(engine) ? engine : undefined;
}

/** A cluster's node count, when the program set it to a number. */
function nodeCountOf(res: Res): number | undefined {
    const count = res.props.nodeCount;
    return typeof count === "number" ? count : undefined;
}

const text = (check: (value: string, res: Res) => string | undefined) => (value: string | number, res: Res) =>
    typeof value === "string" ? check(value, res) : undefined;

const VOLUME = ["digitalocean:index/volume:Volume"];
const RECORD = ["digitalocean:index/dnsRecord:DnsRecord"];

/**
 * A volume's size: terraform-provider-digitalocean digitalocean_volume `size`
 * (validation.IntAtLeast(1)) and the API's most, 16 TiB (openapi volumeActions_post_byId "The
 * maximum size for a volume is 16TiB", volume_action_post_resize size_gigabytes maximum 16384;
 * read 2026-12-03). The size of a volume made from a snapshot cannot be judged offline: the
 * snapshot's own size is the API's to tell.
 */
const VOLUME_SOURCE =
    "terraform-provider-digitalocean digitalocean_volume size (IntAtLeast(1)); DigitalOcean API volume actions (the maximum size for a volume is 16TiB, size_gigabytes maximum 16384)";

/**
 * A DNS record's type and numbers, as terraform-provider-digitalocean's digitalocean_record
 * validates them (digitalocean/domain/resource_record.go, read 2026-12-03): type one of A, AAAA,
 * CAA, CNAME, MX, NS, TXT, SRV, SOA; ttl at least 1; port, priority and weight 0 to 65535; flags
 * 0 to 255; tag one of issue, issuewild, iodef. What a type requires is settings.ts's.
 */
const RECORD_SOURCE = "terraform-provider-digitalocean digitalocean_record schema (resource_record.go ValidateFunc)";
const recordRange = (max: number, what: string) => () => ({
    min: 0,
    max,
    because: `DigitalOcean takes for a DNS record's ${what}`,
});

export const DIGITALOCEAN_VALUE_RULES: readonly ValueRule[] = [
    {
        types: [
            "digitalocean:index/droplet:Droplet",
            "digitalocean:index/loadBalancer:LoadBalancer",
            "digitalocean:index/vpc:Vpc",
            "digitalocean:index/kubernetesCluster:KubernetesCluster",
            "digitalocean:index/volume:Volume",
        ],
        property: "region",
        check: text((region) => regionProblem(region, REGIONS)),
        source: REGIONS_SOURCE,
    },
    {
        types: SPACES,
        property: "region",
        check: text((region) => regionProblem(region, SPACES_REGIONS, "with Spaces")),
        source: SPACES_REGIONS_SOURCE,
    },
    {
        types: ["digitalocean:index/droplet:Droplet", "digitalocean:index/kubernetesNodePool:KubernetesNodePool"],
        property: "size",
        check: text((size) => dropletSizeProblem(size)),
        source: "DigitalOcean Droplet size slugs (OpenAPI size and region examples; pulumi-digitalocean DropletSlug), shape only",
    },
    {
        types: ["digitalocean:index/kubernetesCluster:KubernetesCluster"],
        property: "nodePool.size",
        check: text((size) => dropletSizeProblem(size)),
        source: "DigitalOcean Droplet size slugs (OpenAPI size and region examples; pulumi-digitalocean DropletSlug), shape only",
    },
    {
        types: CLUSTER,
        property: "region",
        check: text((region, res) => databaseRegionProblem(engineOf(res), region)),
        source: DATABASE_OPTIONS_SOURCE,
    },
    {
        types: CLUSTER,
        property: "nodeCount",
        check: (count, res) => {
            const engine = engineOf(res);
            return typeof count === "number" && engine ? nodeCountProblem(engine, count) : undefined;
        },
        source: DATABASE_OPTIONS_SOURCE,
    },
    {
        types: CLUSTER,
        property: "size",
        check: text((size, res) => sizeProblem(engineOf(res), size, nodeCountOf(res))),
        source: DATABASE_OPTIONS_SOURCE,
    },
    {
        types: VOLUME,
        property: "size",
        range: () => ({ min: 1, max: 16384, because: "a DigitalOcean volume holds (GiB; 16 TiB)" }),
        source: VOLUME_SOURCE,
    },
    {
        types: RECORD,
        property: "type",
        allowed: ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "TXT", "SRV", "SOA"],
        source: RECORD_SOURCE,
    },
    {
        types: RECORD,
        property: "ttl",
        range: () => ({ min: 1, because: "DigitalOcean takes for a DNS record's TTL (seconds)" }),
        source: RECORD_SOURCE,
    },
    ...(["port", "priority", "weight"] as const).map((property) => ({
        types: RECORD,
        property,
        range: recordRange(65535, property),
        source: RECORD_SOURCE,
    })),
    { types: RECORD, property: "flags", range: recordRange(255, "CAA flags"), source: RECORD_SOURCE },
    { types: RECORD, property: "tag", allowed: ["issue", "issuewild", "iodef"], source: RECORD_SOURCE },
];
