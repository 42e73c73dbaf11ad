/**
 * What is particular to one cloud in webtier's configuration: its regions, size classes, database
 * versions, network rules, the names it derives from the stack name and the config rules only it
 * has. Each cloud writes one (`infra/<cloud>/profile.ts`) and registers it, with its platform, in
 * `infra/clouds.ts`;
 * config validation, sizing and naming read the profile and never branch on the cloud's name.
 *
 * Profiles are plain data and pure functions: config parsing and the tests load them without a
 * provider SDK. The resources of a cloud are its platform (`infra/<cloud>/index.ts`), apart.
 */
import type { EngineVersionTable } from "../../policies/preflight/engine-versions";
import type { Cloud, SizeClass, WebtierConfig } from "./types";

/** What a size class means on a cloud (see infra/sizing.ts). */
export interface SizeTable {
    server: string;
    database: string;
    cache: string;
}

/** A name derived from the stack's name: the resource type, its logical name, and the name it sets (if any). */
export interface DerivedName {
    type: string;
    /** The logical name (`${name}-alb`); the provider autonames from it when `explicit` is absent. */
    logicalName: string;
    /** The name property the program sets itself, when it does (droplets, tags, final snapshots). */
    explicit?: { property: string; value: string };
    /** What it is, for messages. */
    role: string;
}

/** How a cloud treats private networks (see infra/config/network.ts). */
export interface CloudNetworkFacts {
    /** The VPC range a stack gets without `vpcCidr`: one fixed range, or one derived from the stack name. */
    defaultRange: { kind: "fixed"; cidr: string } | { kind: "derived-from-stack-name" };
    /** Whether the cloud refuses a VPC that overlaps another network of the same account. */
    refusesOverlap: boolean;
    /** Ranges the cloud keeps for itself, which a VPC may not overlap (in `regions` only, when named). */
    reserved: readonly { cidr: string; why: string; regions?: readonly string[] }[];
}

/** Reports a config problem on a key; `reported` says whether the key already has one. */
export interface ProblemSink {
    report(key: string, message: string): void;
    reported(key: string): boolean;
}

export interface CloudProfile {
    readonly name: Cloud;
    /** The cloud's name in messages ("AWS"). */
    readonly label: string;
    /** The prefix of the example stack names in messages ("aws" for "aws-prod"). */
    readonly stackPrefix: string;
    /** Regions that offer everything the stack needs (balancer, managed database and cache, object storage). */
    readonly regions: readonly string[];
    /** A region for examples in messages. */
    readonly exampleRegion: string;
    readonly sizes: Readonly<Record<SizeClass, SizeTable>>;
    /** The database engine versions the cloud offers, dated (its pack's policies/lib/<cloud>/engine-versions.ts). */
    readonly engineVersions: EngineVersionTable;
    readonly network: CloudNetworkFacts;
    /**
     * Alert destinations besides email: `true` where the cloud delivers to it, otherwise the
     * sentence that says why not and what to use instead (infra/config/alerts.ts reports it).
     */
    readonly alertDestinations: { readonly httpsEndpoint: true | string; readonly slack: true | string };
    /**
     * The access logs webtier keeps on this cloud, `webtier:accessLogDays` days (defaulting by
     * environment): the load balancer's, where it writes them, and the uploads bucket's.
     */
    readonly accessLogs: readonly ("balancer" | "uploads")[];
    /** The S3-compatible endpoint of object storage in a region. */
    storageEndpoint(region: string): string;
    /**
     * The names a stack whose resources are prefixed `name` creates on this cloud, checked against
     * the provider's naming rules after autonaming (infra/config/names.ts).
     */
    derivedNames(name: string): DerivedName[];
    /** The config rules only this cloud has, on the otherwise parsed config. */
    validate(config: WebtierConfig, problems: ProblemSink): void;
}
