/** The eks provider's addon components (upstream nodejs/eks/addons/index.ts), and their emulations by type token. */
import type { EmulatedComponents } from "../../../component-swap";
import { Addon } from "./addon";
import { SdkVpcCniAddon, VpcCniAddon } from "./cni-addon";

export { Addon, stringifyAddonConfiguration } from "./addon";
export { SdkVpcCniAddon, VpcCniAddon, type VpcCniAddonOptions } from "./cni-addon";

export const COMPONENTS: EmulatedComponents = {
    [Addon.__pulumiType]: Addon,
    [VpcCniAddon.__pulumiType]: SdkVpcCniAddon,
};
