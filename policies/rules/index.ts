/**
 * Every webtier policy, without constructing the pack: tests and the offline check import
 * this list; `policies/index.ts` hands it to `new PolicyPack` (which starts a gRPC server).
 */
import type { Policies } from "@pulumi/policy";
import { alerts } from "./alerts";
import { cacheNotPublic } from "./cache-not-public";
import { databaseNotPublic } from "./database-not-public";
import { healthChecks } from "./health-checks";
import { port80OnlyFromBalancer } from "./port-80-only-from-balancer";
import { privateVersionedStorage } from "./private-versioned-storage";
import { reliability } from "./reliability";
import { serversNotPublic } from "./servers-not-public";
import { sshAllowlist } from "./ssh-allowlist";
import { sshBroadRange } from "./ssh-broad-range";
import { storageNotPublic } from "./storage-not-public";
import { plaintextSecrets } from "./plaintext-secrets";
import { dataEncrypted } from "./data-encrypted";
import { tlsAtBalancer } from "./tls-at-balancer";
import { userDataSecrets } from "./user-data-secrets";
import { preflightPolicies } from "../preflight";

export {
    alerts,
    cacheNotPublic,
    dataEncrypted,
    databaseNotPublic,
    healthChecks,
    port80OnlyFromBalancer,
    privateVersionedStorage,
    reliability,
    serversNotPublic,
    sshAllowlist,
    sshBroadRange,
    storageNotPublic,
    tlsAtBalancer,
    userDataSecrets,
    plaintextSecrets,
};

export const policies: Policies = [
    sshAllowlist,
    sshBroadRange,
    port80OnlyFromBalancer,
    serversNotPublic,
    databaseNotPublic,
    cacheNotPublic,
    dataEncrypted,
    tlsAtBalancer,
    healthChecks,
    storageNotPublic,
    privateVersionedStorage,
    reliability,
    alerts,
    userDataSecrets,
    plaintextSecrets,
    ...preflightPolicies,
];

/** The pack's name, as `pulumi preview --policy-pack` reports it. */
export const PACK_NAME = "webtier";
