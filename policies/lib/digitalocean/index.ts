/**
 * DigitalOcean in the policy pack: its resource types and how they express exposure, registered
 * in lib/clouds.ts. Everything the rules ask of DigitalOcean is answered from this folder.
 */
import type { CloudPack } from "../cloud-pack";
import { digitalOceanAlertFindings } from "./checks/alerts";
import { digitalOceanCacheFindings, digitalOceanDatabaseFindings } from "./checks/data-stores";
import { DIGITALOCEAN_HEALTH_CHECKS } from "./checks/health-checks";
import { digitalOceanPort80Findings } from "./checks/port-80-only-from-balancer";
import { digitalOceanStorageFindings } from "./checks/private-versioned-storage";
import { digitalOceanReliabilityFindings } from "./checks/reliability";
import { digitalOceanStorageExposure, digitalOceanStorageRemediation } from "./checks/storage-not-public";
import { digitalOceanTlsFindings } from "./checks/tls-at-balancer";
import { digitalOceanAppPorts, digitalOceanServerFilters, uncoveredServers, uncoveredText } from "./droplets";
import { DIGITALOCEAN_NETWORK_RULES } from "./firewall-rules";
import { DIGITALOCEAN_IDENTITY_KEYS, DIGITALOCEAN_LABELS } from "./types";
import { digitalOceanVersionProblems } from "./database-versions";
import { DIGITALOCEAN_ENGINE_VERSIONS } from "./engine-versions";
import { DIGITALOCEAN_NAME_RULES } from "./name-rules";
import { vpcRangeProblems } from "./networks";
import { digitalOceanTagProblems } from "./tags";
import { DIGITALOCEAN_USER_DATA_LIMITS } from "./user-data-limits";
import { digitalOceanPlaintextSecrets } from "./plaintext-secrets";
import { digitalOceanRegionFindings } from "./regions";
import { digitalOceanSettingsProblems } from "./settings";
import { digitalOceanVpcOverlapFindings } from "./vpc-overlaps";
import { DIGITALOCEAN_VALUE_RULES } from "./value-rules";

export const DIGITALOCEAN_PACK: CloudPack = {
    cloud: "digitalocean",
    labels: DIGITALOCEAN_LABELS,
    identityKeys: DIGITALOCEAN_IDENTITY_KEYS,
    networkRules: DIGITALOCEAN_NETWORK_RULES,
    serverFilters: digitalOceanServerFilters,
    unfilteredServers: (graph) =>
        uncoveredServers(graph).map(({ server, unknown }) => {
            const { why, cover } = uncoveredText(server, unknown);
            return { server, unknown, why, cover };
        }),
    checks: {
        alerts: (graph) => digitalOceanAlertFindings(graph),
        cacheNotPublic: (graph) => digitalOceanCacheFindings(graph),
        databaseNotPublic: (graph) => digitalOceanDatabaseFindings(graph),
        port80OnlyFromBalancer: digitalOceanPort80Findings,
        privateVersionedStorage: (graph) => digitalOceanStorageFindings(graph),
        reliability: (graph, config) => digitalOceanReliabilityFindings(graph, config.minServers),
        tlsAtBalancer: (graph, config) => digitalOceanTlsFindings(graph, config.allowHttpOnly),
    },
    appPorts: digitalOceanAppPorts,
    healthChecks: DIGITALOCEAN_HEALTH_CHECKS,
    storageExposure: digitalOceanStorageExposure,
    storageRemediation: digitalOceanStorageRemediation,
    plaintextSecrets: digitalOceanPlaintextSecrets,
    // A droplet's user data is served only on its own metadata address (webtier's droplets carry
    // their .env there by design), but an autoscale pool's droplet template, user data included,
    // is part of the pool, which the API (GET /v2/droplets/autoscale/{id}) shows to every member
    // who can read it.
    userData: {
        covers: (type) => type === "digitalocean:index/dropletAutoscale:DropletAutoscale",
        advice:
            "An autoscale pool's droplet template, user data included, is shown by the API (GET /v2/droplets/autoscale/{id}) to every team member who can read the pool. " +
            "Keep secrets out of the template: hand them to each droplet after it boots (configuration management over SSH, or a secret store read with a short-lived token), or run plain droplets, whose user data only the droplet's own metadata address serves.",
    },
    preflight: {
        nameRules: DIGITALOCEAN_NAME_RULES,
        userDataLimits: DIGITALOCEAN_USER_DATA_LIMITS,
        valueRules: DIGITALOCEAN_VALUE_RULES,
        engineVersions: DIGITALOCEAN_ENGINE_VERSIONS,
        databaseVersions: digitalOceanVersionProblems,
        networks: vpcRangeProblems,
        placement: (graph) => [...digitalOceanRegionFindings(graph), ...digitalOceanVpcOverlapFindings(graph)],
        tags: digitalOceanTagProblems,
        settings: digitalOceanSettingsProblems,
    },
};
