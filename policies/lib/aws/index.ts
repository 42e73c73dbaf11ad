/**
 * AWS in the policy pack: its resource types and how they express exposure, registered in
 * lib/clouds.ts. Everything the rules ask of AWS is answered from this folder.
 */
import type { CloudPack } from "../cloud-pack";
import { awsAppPorts } from "./balancers";
import { awsAlertFindings } from "./checks/alerts";
import { awsCacheFindings } from "./checks/cache-not-public";
import { awsDatabaseFindings } from "./checks/database-not-public";
import { AWS_HEALTH_CHECKS } from "./checks/health-checks";
import { awsPort80Findings } from "./checks/port-80-only-from-balancer";
import { awsStorageFindings } from "./checks/private-versioned-storage";
import { awsReliabilityFindings } from "./checks/reliability";
import { awsStorageExposure, awsStorageRemediation } from "./checks/storage-not-public";
import { awsTlsFindings } from "./checks/tls-at-balancer";
import { AWS_NETWORK_RULES } from "./network-rules";
import { prefixListCidrs } from "./prefix-lists";
import { awsServerFilters } from "./security-groups";
import { AWS_IDENTITY_KEYS, AWS_LABELS } from "./types";
import { AWS_USER_DATA } from "./user-data";
import { awsPlaintextSecrets } from "./plaintext-secrets";
import { acmCertificateProblems, acmIssuanceFindings } from "./certificates";
import { rdsLifecycleExplicit, rdsVersionProblems } from "./database-versions";
import { AWS_ENGINE_VERSIONS } from "./engine-versions";
import { AWS_NAME_RULES, AWS_SECONDARY_NAME_RULES } from "./name-rules";
import { awsRangeProblems } from "./networks";
import { awsResourceTagProblems } from "./tags";
import { awsCredentialFindings } from "./credentials";
import { awsSettingsProblems } from "./settings";
import { AWS_USER_DATA_LIMITS } from "./user-data-limits";
import { lightsailUnfilteredServers } from "./lightsail";
import { awsEncryptionAtRest } from "./encryption-at-rest";
import { awsZoneFindings } from "./zones";
import { awsListenerProtocolFindings } from "./listener-protocols";
import { AWS_VALUE_RULES } from "./value-rules";

export const AWS_PACK: CloudPack = {
    cloud: "aws",
    labels: AWS_LABELS,
    identityKeys: AWS_IDENTITY_KEYS,
    networkRules: AWS_NETWORK_RULES,
    listedRanges: prefixListCidrs,
    serverFilters: awsServerFilters,
    unfilteredServers: lightsailUnfilteredServers,
    checks: {
        alerts: (graph) => awsAlertFindings(graph),
        cacheNotPublic: (graph) => awsCacheFindings(graph),
        databaseNotPublic: (graph) => awsDatabaseFindings(graph),
        port80OnlyFromBalancer: awsPort80Findings,
        privateVersionedStorage: (graph) => awsStorageFindings(graph),
        reliability: (graph, config) => awsReliabilityFindings(graph, config.minServers),
        tlsAtBalancer: (graph, config) => awsTlsFindings(graph, config.allowedTlsPolicies, config.allowHttpOnly),
    },
    appPorts: awsAppPorts,
    healthChecks: AWS_HEALTH_CHECKS,
    storageExposure: awsStorageExposure,
    storageRemediation: awsStorageRemediation,
    plaintextSecrets: awsPlaintextSecrets,
    encryptionAtRest: awsEncryptionAtRest,
    userData: AWS_USER_DATA,
    preflight: {
        nameRules: [...AWS_NAME_RULES, ...AWS_SECONDARY_NAME_RULES],
        userDataLimits: AWS_USER_DATA_LIMITS,
        valueRules: AWS_VALUE_RULES,
        engineVersions: AWS_ENGINE_VERSIONS,
        databaseVersions: rdsVersionProblems,
        certificates: acmCertificateProblems,
        certificateIssuance: acmIssuanceFindings,
        networks: awsRangeProblems,
        tags: awsResourceTagProblems,
        credentials: awsCredentialFindings,
        settings: awsSettingsProblems,
        placement: (graph) => [...awsZoneFindings(graph), ...awsListenerProtocolFindings(graph)],
    },
    policies: [rdsLifecycleExplicit],
};
