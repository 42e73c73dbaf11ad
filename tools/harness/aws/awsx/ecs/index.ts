/** awsx's `ecs` components, emulated (see ../types.ts). */
import type { EmulatedComponents } from "../types";
import { EC2Service } from "./ec2Service";
import { EC2TaskDefinition } from "./ec2TaskDefinition";
import { FargateService } from "./fargateService";
import { FargateTaskDefinition } from "./fargateTaskDefinition";

export const COMPONENTS: EmulatedComponents = {
    [EC2Service.__pulumiType]: EC2Service,
    [EC2TaskDefinition.__pulumiType]: EC2TaskDefinition,
    [FargateService.__pulumiType]: FargateService,
    [FargateTaskDefinition.__pulumiType]: FargateTaskDefinition,
};
