/**
 * The preflight: what a provider would refuse, found before `pulumi up`, for any program. Each
 * policy is one concern (names, user data, database versions, certificates, networks, tags,
 * enumerated values) and works on resource inputs alone, so it runs the same under
 * `pulumi preview --policy-pack`, in the offline check and in the tests. Registered in the pack by `policies/rules/index.ts`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { preflightCertificates } from "./certificates";
import { preflightDatabaseVersions, rdsLifecycleExplicit } from "./database-versions";
import { preflightValues } from "./enums";
import { preflightNames } from "./names";
import { preflightNetworks } from "./networks";
import { preflightTags } from "./tags";
import { preflightUserData } from "./user-data";

export {
    preflightCertificates,
    preflightDatabaseVersions,
    preflightNames,
    preflightNetworks,
    preflightTags,
    preflightUserData,
    preflightValues,
    rdsLifecycleExplicit,
};

export const preflightPolicies: ResourceValidationPolicy[] = [
    preflightNames,
    preflightUserData,
    preflightDatabaseVersions,
    preflightCertificates,
    preflightNetworks,
    preflightTags,
    preflightValues,
    rdsLifecycleExplicit,
];
