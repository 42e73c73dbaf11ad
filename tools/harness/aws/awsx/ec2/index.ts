/** awsx's `ec2` components and functions, emulated (see ../types.ts). */
import type { EmulatedComponents, EmulatedFunctions } from "../types";
import { DefaultVpc, getDefaultVpc } from "./default-vpc";
import { Vpc } from "./vpc";

export const COMPONENTS: EmulatedComponents = {
    [Vpc.__pulumiType]: Vpc,
    [DefaultVpc.__pulumiType]: DefaultVpc,
};

export const FUNCTIONS: EmulatedFunctions = {
    "awsx:ec2:getDefaultVpc": getDefaultVpc,
};
