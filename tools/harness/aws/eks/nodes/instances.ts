/**
 * Instance defaults of the eks provider's node groups (follows pulumi-eks v4.3.0
 * nodejs/eks/nodes/instances.ts). The Elastic Fabric Adapter helpers there (network interfaces per
 * network card, subnets filtered to a placement group's zone) read the instance type's offerings
 * from AWS; the harness does not follow them, and a managed node group with `enableEfaSupport: true`
 * stays remote (options.ts).
 */

/** The instance type of a node group that names none. */
export const DEFAULT_INSTANCE_TYPE = "t3.medium";
