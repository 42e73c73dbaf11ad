/**
 * The node side of the eks emulation (follows pulumi-eks v4.3.0 nodejs/eks/nodes/index.ts): the
 * functions the cluster builds its default node group with, and the node group components by
 * type token for the package's emulation registry (../index.ts).
 */
import type { EmulatedComponents } from "../../../component-swap";
import { ManagedNodeGroup, NodeGroupV2 } from "./nodegroup";
import { NodeGroup } from "./nodegroup-v1";
import { NodeGroupSecurityGroup } from "./securitygroup";

export {
    computeWorkerSubnets,
    createNodeGroupV2,
    type NodeGroupBaseOptions,
    type NodeGroupV2Data,
    ManagedNodeGroup,
    NodeGroupV2,
} from "./nodegroup";
export { NodeGroup } from "./nodegroup-v1";
export { NodeGroupSecurityGroup, createNodeGroupSecurityGroup } from "./securitygroup";
/** For the cluster: whether its `nodeGroupOptions` keep it from building its default node group here. */
export { unsupportedSelfManagedOptions } from "./options";

export const COMPONENTS: EmulatedComponents = {
    [NodeGroupV2.__pulumiType]: NodeGroupV2,
    [ManagedNodeGroup.__pulumiType]: ManagedNodeGroup,
    [NodeGroup.__pulumiType]: NodeGroup,
    [NodeGroupSecurityGroup.__pulumiType]: NodeGroupSecurityGroup,
};
