/**
 * The clouds the policy pack knows: the one registry in `policies/` that names them. Each cloud's
 * module (`lib/<cloud>/index.ts`) says what is particular to it, its resource types and how they
 * express exposure; the rules and the preflight ask every cloud here and never name one. Adding a
 * cloud: its module, and one line below.
 *
 * The pack ships alone (`pulumi policy publish policies`), so this mirrors infra/clouds.ts rather
 * than importing it; the seams test checks that the two name the same clouds, by type (a cloud
 * registered in infra/ without a pack here does not compile) and by value.
 */
import type { ValueRule } from "../preflight/enums";
import type { EngineVersionTable } from "../preflight/engine-versions";
import type { NameRule } from "../preflight/name-rules";
import type { UserDataLimit } from "../preflight/user-data";
import type { CloudPack } from "./cloud-pack";
import type { NetworkRule } from "./network";
import type { Res } from "./values";
import { AWS_PACK } from "./aws";
import { DIGITALOCEAN_PACK } from "./digitalocean";

/** Each cloud's pack, by the cloud's name (tests/repository/cloud-seams.test.ts holds the names to infra's `Cloud` at compile time). */
export const PACKS = {
    aws: AWS_PACK,
    digitalocean: DIGITALOCEAN_PACK,
} as const satisfies Record<string, CloudPack>;

/** Every cloud's pack, in the order the rules report them. */
export const CLOUD_PACKS: readonly CloudPack[] = Object.values(PACKS);

/** Readable names of every cloud's resource types, for messages (values.ts `describe`). */
export const RESOURCE_LABELS: Readonly<Record<string, string>> = Object.assign(
    {},
    ...CLOUD_PACKS.map((pack) => pack.labels),
) as Record<string, string>;

/** The properties besides `id` and `arn` by which resources of each type are referred to (graph.ts). */
export const IDENTITY_KEYS: Readonly<Record<string, readonly string[]>> = Object.assign(
    {},
    ...CLOUD_PACKS.map((pack) => pack.identityKeys),
) as Record<string, readonly string[]>;

/** How each type that admits traffic reads into network rules (network.ts `rulesOf`). */
export const NETWORK_RULE_READERS: Readonly<Record<string, (res: Res) => NetworkRule[]>> = Object.assign(
    {},
    ...CLOUD_PACKS.map((pack) => pack.networkRules),
) as Record<string, (res: Res) => NetworkRule[]>;

/** Every cloud's name rules (preflight/name-rules.ts). */
export const NAME_RULES: readonly NameRule[] = CLOUD_PACKS.flatMap((pack) => pack.preflight.nameRules);

/** Every cloud's user data limits (preflight/user-data.ts). */
export const USER_DATA_LIMITS: readonly UserDataLimit[] = CLOUD_PACKS.flatMap((pack) => pack.preflight.userDataLimits);

/** Every cloud's closed lists and shapes of values (preflight/enums.ts). */
export const VALUE_RULES: readonly ValueRule[] = CLOUD_PACKS.flatMap((pack) => pack.preflight.valueRules);

/** Each cloud's database engine versions, by cloud (preflight/engine-versions.ts). */
export const ENGINE_VERSION_TABLES: Readonly<Record<string, EngineVersionTable>> = Object.fromEntries(
    CLOUD_PACKS.map((pack) => [pack.cloud, pack.preflight.engineVersions]),
);
