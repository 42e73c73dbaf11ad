/**
 * webtier-database-not-public and webtier-cache-not-public on DigitalOcean: each cluster in the VPC
 * behind a database firewall trusting only the app servers (lib/digitalocean/data-access.ts).
 * (DigitalOcean caches always use TLS and a password.)
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { digitalOceanDataStoreAccessFindings } from "../data-access";

/** Every DigitalOcean database cluster outside the VPC or reachable by more than the app servers. */
export function digitalOceanDatabaseFindings(graph: StackGraph): Finding[] {
    return digitalOceanDataStoreAccessFindings(graph, "database");
}

/** Every DigitalOcean cache cluster outside the VPC or reachable by more than the app servers. */
export function digitalOceanCacheFindings(graph: StackGraph): Finding[] {
    return digitalOceanDataStoreAccessFindings(graph, "cache");
}
