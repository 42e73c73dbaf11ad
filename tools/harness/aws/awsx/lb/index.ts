/** awsx's `lb` components, emulated (see ../types.ts). */
import type { EmulatedComponents } from "../types";
import { ApplicationLoadBalancer } from "./applicationLoadBalancer";
import { NetworkLoadBalancer } from "./networkLoadBalancer";
import { TargetGroupAttachment } from "./targetGroupAttachment";

export const COMPONENTS: EmulatedComponents = {
    [ApplicationLoadBalancer.__pulumiType]: ApplicationLoadBalancer,
    [NetworkLoadBalancer.__pulumiType]: NetworkLoadBalancer,
    [TargetGroupAttachment.__pulumiType]: TargetGroupAttachment,
};
