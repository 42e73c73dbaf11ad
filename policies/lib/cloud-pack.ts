/**
 * What a cloud brings to the policy pack: one module per cloud (`lib/<cloud>/index.ts`),
 * registered in `lib/clouds.ts`. It says what is particular to the cloud, its resource types and
 * how they express exposure; the rules (`rules/`) ask every registered cloud the same questions
 * and never name a cloud's types. A cloud without an answer to a question has nothing of that
 * kind (DigitalOcean has no prefix lists, no user data readable through the API).
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { ValueRule } from "../preflight/enums";
import type { EngineVersionTable } from "../preflight/engine-versions";
import type { NameRule } from "../preflight/name-rules";
import type { UserDataLimit } from "../preflight/user-data";
import type { WebtierPolicyConfig } from "./config";
import type { Finding } from "./data-access";
import type { StackGraph } from "./graph";
import type { NetworkRule } from "./network";
import type { Res, Unknown } from "./values";

/** A server and the security groups or firewalls that filter what reaches it. */
export interface ServerFilters {
    server: Res;
    filters: Res[];
}

/** A server nothing the stack declares filters, every port open on its public address. */
export interface UnfilteredServer {
    server: Res;
    /** True when that cannot be told during preview (names or tags unknown). */
    unknown: boolean;
    /** Why, in the cloud's words, after the server's name: "is covered by no firewall (by tag or by droplet id)". */
    why: string;
    /** What would filter it, followed in messages by "that admits port 22 only from ...". */
    cover: string;
}

/** A stack-wide question: the findings of the cloud's resources, in the stack's order. */
export type StackCheck = (graph: StackGraph, config: WebtierPolicyConfig) => Finding[];

export interface CloudPack {
    /** The cloud's name, as webtier's config and outputs name it. */
    readonly cloud: string;
    /** Readable names of its resource types, for messages (`security group "web-sg"`). */
    readonly labels: Readonly<Record<string, string>>;
    /** Properties besides `id` and `arn` that other resources use to refer to a resource of a type. */
    readonly identityKeys: Readonly<Record<string, readonly string[]>>;
    /** Its resource types that admit traffic, each read into `NetworkRule`s (lib/network.ts). */
    readonly networkRules: Readonly<Record<string, (res: Res) => NetworkRule[]>>;
    /**
     * The CIDRs of a managed list a network rule names as a source (AWS prefix lists), when the
     * stack defines the list; undefined when it does not or cannot be traced.
     */
    listedRanges?(
        graph: StackGraph,
        owner: Res,
        referenceKey: string,
        value: string | Unknown,
    ): (string | Unknown)[] | undefined;
    /**
     * Each of its servers (what SSH reaches) with the security groups or firewalls proven to
     * filter the server's inbound traffic: what several of them admit adds up for the server.
     */
    serverFilters?(graph: StackGraph): ServerFilters[];
    /**
     * Its servers nothing the stack declares filters, open on their public address (a droplet no
     * firewall covers, a Lightsail instance under its default firewall). An EC2 instance always
     * has a security group.
     */
    unfilteredServers?(graph: StackGraph): UnfilteredServer[];
    /** Its part of each stack rule (see the rule of the same name in rules/). */
    readonly checks: {
        readonly alerts: StackCheck;
        readonly cacheNotPublic: StackCheck;
        readonly databaseNotPublic: StackCheck;
        readonly port80OnlyFromBalancer: (graph: StackGraph, appPorts: readonly number[]) => Finding[];
        readonly privateVersionedStorage: StackCheck;
        readonly reliability: StackCheck;
        readonly tlsAtBalancer: StackCheck;
    };
    /** The ports its balancers send traffic to on the servers, and whether one is unknown during preview. */
    appPorts(graph: StackGraph): { ports: Set<number>; unknown: boolean };
    /** Health checks of its balancers (webtier-health-checks): the types that have them, and their problems. */
    readonly healthChecks: {
        readonly types: readonly string[];
        problems(res: Res, healthCheckPath: string): string[];
    };
    /** Stored files made public by one of its resources (webtier-storage-not-public), as messages. */
    storageExposure(res: Res): string[];
    /** The safe fix of a public resource under "remediate", or undefined (webtier-storage-not-public). */
    storageRemediation(args: ResourceValidationArgs): Record<string, any> | undefined;
    /** Secrets one of its resources shows in plain text to whoever may read it (webtier-plaintext-secrets), as messages. */
    plaintextSecrets(res: Res): string[];
    /** Why one of its data stores keeps data unencrypted on disk (webtier-data-encrypted); absent where the cloud always encrypts. */
    encryptionAtRest?(res: Res): string[];
    /**
     * Resources whose user data others than the server can read through the cloud's API
     * (webtier-user-data-secrets), and where secrets go instead: any AWS resource; on
     * DigitalOcean an autoscale pool's droplet template, not a droplet (its user data is served
     * only on its own metadata address). Absent: no resource of the cloud shows its user data.
     */
    readonly userData?: { covers(type: string): boolean; readonly advice: string };
    /** What the cloud would refuse halfway through a first `pulumi up` (the preflight, policies/preflight/). */
    readonly preflight: CloudPreflight;
    /** Policies only this cloud has, added to the pack after the preflight. */
    readonly policies?: readonly ResourceValidationPolicy[];
}

/** A cloud's published limits, each with its source, for the preflight policies of the same names. */
export interface CloudPreflight {
    /** Name rules of its types, own names first, then names a resource carries (names.ts). */
    readonly nameRules: readonly NameRule[];
    /** User data size limits (user-data.ts). */
    readonly userDataLimits: readonly UserDataLimit[];
    /** Values from a closed list or of a fixed shape (enums.ts). */
    readonly valueRules: readonly ValueRule[];
    /** Its dated database engine versions (engine-versions.ts; webtier's config reads them too). */
    readonly engineVersions: EngineVersionTable;
    /** Each of these judges one resource and says what the cloud refuses in it, as messages. */
    databaseVersions?(res: Res, on: string): string[];
    certificates?(res: Res): string[];
    /** Certificates of the stack served before the cloud can have issued them (certificates.ts). */
    certificateIssuance?(graph: StackGraph): Finding[];
    networks?(res: Res): string[];
    tags?(res: Res): string[];
    /** Settings of one resource it refuses together (settings.ts), as messages. */
    settings?(res: Res): string[];
    /** Passwords and tokens of the stack it refuses at create (credentials.ts, a stack policy). */
    credentials?(graph: StackGraph): Finding[];
    /** Resources of the stack placed where it refuses them: zones, regions (placement.ts, a stack policy). */
    placement?(graph: StackGraph): Finding[];
}
