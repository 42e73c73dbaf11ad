/**
 * awsx's components (`awsx.ec2.Vpc`, `awsx.lb.ApplicationLoadBalancer`, `awsx.ecs.FargateService`,
 * ...) under the harness. Under the engine the awsx provider plugin (a Node.js program,
 * pulumi-awsx's `awsx/` folder) builds the VPC's subnets, the balancer's listeners and security
 * group, the service's task definition and roles inside each (Construct); here each SDK class is
 * swapped, as its module loads, for one that builds the same resources in the program's process
 * (component-swap.ts). The majors 2 and 3 build the same resources but for the AWS provider major
 * they bundle; another major's components stay remote.
 */
import { componentEmulation, type EmulatedComponents } from "../../component-swap";

/**
 * Every emulated component by type token. Loaded when a program first loads an awsx class: the
 * emulations load @pulumi/aws, which a check of a DigitalOcean program never needs.
 */
export function awsxComponents(): EmulatedComponents {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    return {
        ...(require("./cloudtrail") as typeof import("./cloudtrail")).COMPONENTS,
        ...(require("./ec2") as typeof import("./ec2")).COMPONENTS,
        ...(require("./ecr") as typeof import("./ecr")).COMPONENTS,
        ...(require("./ecs") as typeof import("./ecs")).COMPONENTS,
        ...(require("./lb") as typeof import("./lb")).COMPONENTS,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** awsx's components, for the SDK majors whose provider source this follows, as the check registers them (tools/clouds.ts). */
export const AWSX_EMULATION = componentEmulation("awsx", [2, 3], awsxComponents);
