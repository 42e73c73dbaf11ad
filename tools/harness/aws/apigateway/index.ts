/**
 * @pulumi/aws-apigateway's one component, `aws-apigateway:index:RestAPI`, under the harness.
 * Under the engine the provider plugin (a Node.js program, pulumi-aws-apigateway's
 * `aws-apigateway/` folder) builds the RestApi, its Swagger body, Deployment, Stage and lambda
 * Permissions inside it (Construct); here the SDK class is swapped, as its module loads, for one
 * that builds the same resources in the program's process (component-swap.ts). Follows the
 * provider's major 3 (v3.0.0 and the commits after it).
 */
import { componentEmulation, type EmulatedComponents } from "../../component-swap";

/** Loaded when a program first loads the SDK class: it loads @pulumi/aws. */
function apigatewayComponents(): EmulatedComponents {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    const { RestAPI } = require("./restAPI") as typeof import("./restAPI");
    return { "aws-apigateway:index:RestAPI": RestAPI };
}

/** The emulation, for the SDK majors whose provider source this follows, as the check registers them (tools/clouds.ts). */
export const APIGATEWAY_EMULATION = componentEmulation("aws-apigateway", [3], apigatewayComponents);
