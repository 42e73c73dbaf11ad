/** The cluster side of the eks provider, as upstream nodejs/eks/cluster/index.ts exports it. */
export { Cluster, type CoreData } from "./cluster";
export { supportsAccessEntries } from "./authenticationMode";
