/**
 * The preflight: what a provider would refuse, found before `pulumi up`, for any program. Each
 * policy is one concern (names, user data, database versions, certificates, networks, tags,
 * enumerated values, credentials) and works on resource inputs alone (credentials: on the stack,
 * to see where a password comes from), so it runs the same under `pulumi preview --policy-pack`,
 * in the offline check and in the tests. Registered in the pack by `policies/rules/index.ts`.
 */
import type { Policies } from "@pulumi/policy";
import { preflightCertificates } from "./certificates";
import { preflightCredentials } from "./credentials";
import { CLOUD_PACKS } from "../lib/clouds";
import { preflightDatabaseVersions } from "./database-versions";
import { preflightValues } from "./enums";
import { preflightNames } from "./names";
import { preflightNetworks } from "./networks";
import { preflightPlacement } from "./placement";
import { preflightSettings } from "./settings";
import { preflightTags } from "./tags";
import { preflightUserData } from "./user-data";

export {
    preflightCertificates,
    preflightCredentials,
    preflightDatabaseVersions,
    preflightNames,
    preflightNetworks,
    preflightPlacement,
    preflightSettings,
    preflightTags,
    preflightUserData,
    preflightValues,
};

export const preflightPolicies: Policies = [
    preflightNames,
    preflightUserData,
    preflightDatabaseVersions,
    preflightCertificates,
    preflightNetworks,
    preflightPlacement,
    preflightTags,
    preflightValues,
    preflightSettings,
    preflightCredentials,
    // Policies only one cloud has (webtier-rds-lifecycle-explicit), from each cloud's pack.
    ...CLOUD_PACKS.flatMap((pack) => pack.policies ?? []),
];
