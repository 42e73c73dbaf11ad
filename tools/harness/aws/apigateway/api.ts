/**
 * The resources of a RestAPI around its document, as the provider creates them
 * (pulumi-aws-apigateway aws-apigateway/apigateway/api.ts `createAPI`,
 * `createLambdaPermissions`): the `aws.apigateway.RestApi` with the document as `body`, a
 * Deployment redeployed when the API changes, a lambda Permission per event handler route, and
 * the Stage (named "stage" unless told) once those permissions exist.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ifUndefined, sha1hash } from "../utils";
import { createSwaggerSpec, type Route, type SwaggerLambdas } from "./routes";
import type { APIKeySource, RequestValidator } from "./swagger";

/** The component's arguments as the provider receives them (the SDK's RestAPIArgs after the trip). */
export interface APIArgs {
    routes?: Route[];
    swaggerString?: pulumi.Input<string>;
    stageName?: pulumi.Input<string>;
    requestValidator?: RequestValidator;
    apiKeySource?: APIKeySource;
    staticRoutesBucket?: aws.s3.Bucket;
    gatewayResponses?: Record<string, unknown>;
    binaryMediaTypes?: pulumi.Input<string>[];
    description?: pulumi.Input<string>;
    disableExecuteApiEndpoint?: pulumi.Input<boolean>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface APIResources {
    restAPI: aws.apigateway.RestApi;
    deployment: aws.apigateway.Deployment;
    stage: aws.apigateway.Stage;
    /** Made only from a `policy` in the RestApi arguments, which the SDK never sends: always undefined. */
    apiPolicy?: aws.apigateway.RestApiPolicy;
    url: pulumi.Output<string>;
}

/** api.ts `createAPI`, for the arguments restAPI.ts passes it (the component's own as `restApiArgs`). */
export function createAPI(parent: pulumi.Resource, name: string, args: APIArgs): APIResources {
    const binaryMediaTypes = args.binaryMediaTypes ?? ["*/*"];
    let swaggerString: pulumi.Output<string>;
    let title: pulumi.Output<string>;
    let swaggerLambdas: SwaggerLambdas;
    if (args.swaggerString) {
        // A given document only gets a title (the component's name) when it has none.
        const spec = pulumi.output(args.swaggerString).apply((text) => {
            const parsed = JSON.parse(text);
            if (parsed.info === undefined) parsed.info = {};
            if (parsed.info.title === undefined) parsed.info.title = name;
            return parsed as { info: { title: string } };
        });
        title = spec.apply((s) => s.info.title);
        swaggerString = spec.apply((s) => JSON.stringify(s));
        swaggerLambdas = new Map();
    } else if (args.routes) {
        const built = createSwaggerSpec(parent, name, args.routes, {
            gatewayResponses: args.gatewayResponses,
            requestValidator: args.requestValidator,
            apiKeySource: args.apiKeySource,
            binaryMediaTypes,
            staticRoutesBucket: args.staticRoutesBucket,
            tags: args.tags,
        });
        title = pulumi.output(name);
        swaggerString = built.swagger;
        swaggerLambdas = built.swaggerLambdas;
    } else {
        throw new pulumi.ResourceError(
            "API must specify either [swaggerString] or as least one of the [route] options.",
            undefined,
        );
    }
    const stageName = args.stageName || "stage";

    // The provider spreads all of the component's arguments into the RestApi's; the RestApi
    // constructor keeps those it declares: description, disableExecuteApiEndpoint and tags.
    const restAPI = new aws.apigateway.RestApi(
        name,
        {
            description: args.description,
            disableExecuteApiEndpoint: args.disableExecuteApiEndpoint,
            tags: args.tags,
            name: ifUndefined<string>(undefined, title),
            binaryMediaTypes,
            body: swaggerString,
            apiKeySource: args.apiKeySource,
        },
        { parent },
    );

    // Every RestApi property that should redeploy the API, hashed into the Deployment's variables.
    const version = pulumi
        .all([
            restAPI.apiKeySource,
            restAPI.binaryMediaTypes,
            restAPI.endpointConfiguration,
            restAPI.minimumCompressionSize,
            restAPI.policy,
            swaggerString,
        ])
        .apply(([apiKey, binaryMediaTypes, endpointConfig, minimumCompression, policy, swagger]) =>
            sha1hash(JSON.stringify({ apiKey, binaryMediaTypes, endpointConfig, minimumCompression, policy, swagger })),
        );
    const deployment = new aws.apigateway.Deployment(
        name,
        { restApi: restAPI, variables: { version } },
        { parent, dependsOn: [] },
    );

    const permissions = createLambdaPermissions(parent, restAPI, name, swaggerLambdas);

    const tags = args.tags;
    const stage = new aws.apigateway.Stage(
        name,
        {
            restApi: restAPI,
            deployment,
            stageName,
            // `{ ...restApiArgs.tags }` in the source; an Output of tags is passed on as it is.
            tags: tags ? (pulumi.Output.isInstance(tags) ? tags : { ...(tags as object) }) : undefined,
        },
        { parent, dependsOn: permissions },
    );
    return { restAPI, deployment, stage, url: pulumi.interpolate`${stage.invokeUrl}/` };
}

/**
 * api.ts `createLambdaPermissions`: `<name>-<hash of method and path>` lets API Gateway invoke
 * each route's Lambda from any stage of the API (the console's test stage included).
 */
function createLambdaPermissions(
    parent: pulumi.Resource,
    restAPI: aws.apigateway.RestApi,
    name: string,
    lambdas: SwaggerLambdas,
): aws.lambda.Permission[] {
    const permissions: aws.lambda.Permission[] = [];
    for (const [path, byMethod] of lambdas) {
        for (const [method, lambda] of byMethod) {
            const methodAndPath = `${method === "ANY" ? "*" : method}${path}`;
            permissions.push(
                new aws.lambda.Permission(
                    name + "-" + sha1hash(methodAndPath),
                    {
                        action: "lambda:invokeFunction",
                        function: lambda,
                        principal: "apigateway.amazonaws.com",
                        sourceArn: pulumi.interpolate`${restAPI.executionArn}/*/${methodAndPath}`,
                    },
                    { parent },
                ),
            );
        }
    }
    return permissions;
}
