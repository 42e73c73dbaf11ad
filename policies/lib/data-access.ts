/**
 * What the database and cache rules share on every cloud: a finding, and the two kinds of data
 * store. How a cloud's data stores are reached (security groups and subnets, database firewalls)
 * is in its pack (lib/<cloud>/data-access.ts).
 */

/** A finding to report on `urn`. */
export interface Finding {
    urn: string;
    message: string;
}

/** The two kinds of data store the rules guard. */
export type DataKind = "database" | "cache";
