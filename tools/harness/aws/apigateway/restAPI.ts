/**
 * `aws-apigateway:index:RestAPI`, built in the program's process as the provider's Construct
 * builds it (pulumi-aws-apigateway aws-apigateway/restAPI.ts, which hands its arguments to
 * apigateway/api.ts `createAPI`, see api.ts here).
 *
 * The provider builds inside `pulumi.output(args.routes).apply(...)`: routes made of plain values
 * and resources are known at once, and are built here at construction (so each output depends on
 * its own resources only); routes holding Outputs or Promises are built once those resolve, and
 * not at all at a preview where one is unknown, as there.
 */
import type * as aws from "@pulumi/aws";
import type * as apigateway from "@pulumi/aws-apigateway";
import * as pulumi from "@pulumi/pulumi";
import { escapeFailure } from "../../component-args";
import { hasPulumiType } from "../../component-args";
import { onTheWire } from "../../component-args";
import { createAPI, type APIArgs, type APIResources } from "./api";

const TYPE = "aws-apigateway:index:RestAPI";

/** The inputs the generated SDK class sends (@pulumi/aws-apigateway 3's constructor). */
const SDK_ARGS: readonly (keyof apigateway.RestAPIArgs)[] = [
    "apiKeySource",
    "binaryMediaTypes",
    "description",
    "disableExecuteApiEndpoint",
    "gatewayResponses",
    "requestValidator",
    "routes",
    "stageName",
    "staticRoutesBucket",
    "swaggerString",
    "tags",
];

/**
 * The arguments as the provider's Construct reads them: only the SDK's inputs, without undefined
 * properties, plain objects' keys sorted (the protobuf Struct's order; the raw data routes' `data`
 * and the gateway responses keep it in the document), resources and Outputs as they are.
 */
function providerArgs(args: apigateway.RestAPIArgs | undefined): APIArgs {
    const sent: Record<string, unknown> = {};
    for (const key of SDK_ARGS) if (args?.[key] !== undefined) sent[key] = args[key];
    return onTheWire(sent);
}

/** Whether `value` holds an Output or Promise anywhere but inside a resource. */
function holdsPending(value: unknown): boolean {
    if (value === null || typeof value !== "object") return false;
    if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
    if (pulumi.Resource.isInstance(value)) return false;
    return Object.values(value).some(holdsPending);
}

export class RestAPI extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    /** The generated class's check: by type token, across SDK copies. */
    static isInstance(obj: unknown): obj is RestAPI {
        return hasPulumiType(obj, TYPE);
    }

    readonly api: pulumi.Output<aws.apigateway.RestApi>;
    /** Always undefined: the provider makes a policy only from RestApi arguments the SDK does not send. */
    readonly apiPolicy: pulumi.Output<aws.apigateway.RestApiPolicy | undefined>;
    readonly deployment: pulumi.Output<aws.apigateway.Deployment>;
    readonly stage: pulumi.Output<aws.apigateway.Stage>;
    /** The stage's invoke URL with a trailing "/". */
    readonly url: pulumi.Output<string>;

    /**
     * @param args the SDK's RestAPIArgs: `routes` (event handler, static, integration or raw data
     *   routes) or `swaggerString`; `stageName` ("stage"); `apiKeySource`, `requestValidator`,
     *   `gatewayResponses`, `binaryMediaTypes` (["*\/*"]) for the document; `staticRoutesBucket`;
     *   `description`, `disableExecuteApiEndpoint` and `tags` for the RestApi (tags also on the
     *   stage and the static routes' roles and objects).
     */
    constructor(name: string, args?: apigateway.RestAPIArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const wire = providerArgs(args);
        if (!holdsPending(wire.routes)) {
            const built = createAPI(this, name, wire);
            this.api = pulumi.output(built.restAPI);
            this.deployment = pulumi.output(built.deployment);
            this.stage = pulumi.output(built.stage);
            this.url = built.url;
        } else {
            const built = pulumi.output(wire.routes as pulumi.Input<Route[]>).apply((routes) => {
                try {
                    return createAPI(this, name, { ...wire, routes });
                } catch (error) {
                    // Thrown in the provider's apply: the run fails with it (failure.ts).
                    return escapeFailure<APIResources>(
                        Promise.reject(error instanceof Error ? error : new Error(String(error))),
                    );
                }
            }) as unknown as pulumi.Output<APIResources>;
            this.api = built.apply((b) => b.restAPI);
            this.deployment = built.apply((b) => b.deployment);
            this.stage = built.apply((b) => b.stage);
            this.url = built.apply((b) => b.url);
        }
        this.apiPolicy = pulumi.output(undefined);
        this.registerOutputs({
            url: this.url,
            api: this.api,
            deployment: this.deployment,
            stage: this.stage,
            apiPolicy: this.apiPolicy,
        });
    }
}

type Route = NonNullable<APIArgs["routes"]>[number];
