/**
 * DigitalOcean values from a closed list or of a fixed shape (see policies/preflight/enums.ts,
 * which checks them): region slugs, Droplet size slugs, and a database cluster's region, node
 * count and size as its engine offers them. The tables and their sources are in slugs.ts and
 * database-options.ts. A value unknown during preview is not judged (enums.ts); neither is a
 * value whose judge, another setting (the engine, the node count), is unknown: the rule then
 * checks what holds for every engine or node count.
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
];
