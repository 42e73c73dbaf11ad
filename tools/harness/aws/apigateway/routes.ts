/**
 * The routes of a RestAPI, turned into Swagger paths (and the resources some need) as the
 * provider does (pulumi-aws-apigateway aws-apigateway/apigateway/api.ts `createSwaggerSpec`,
 * `addEventHandlerRouteToSwaggerSpec`, `addIntegrationRouteToSwaggerSpec`,
 * `addRawDataRouteToSwaggerSpec`, `addBasePathOptionsToSwagger`, `checkRoute`). Static routes are
 * in staticRoutes.ts, authorizers in authorizers.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { getRegion } from "../utils";
import { escapeFailure } from "../../component-args";
import { addAuthorizers, duplicateAuthorizer, type Authorizer } from "./authorizers";
import { getPartition } from "./partition";
import { addStaticRoute } from "./staticRoutes";
import {
    addOperation,
    API_KEY_SECURITY_DEFINITION,
    lambdaIntegrationUri,
    lambdaOperation,
    newSwaggerSpec,
    proxyOperation,
    renderSwagger,
    swaggerMethod,
    type APIKeySource,
    type IntegrationTargetValue,
    type RequestValidator,
    type SwaggerOperation,
    type SwaggerSpec,
} from "./swagger";

/**
 * A route as the provider receives it (the SDK's RouteArgs, Outputs in it resolved): its kind is
 * told by which of `eventHandler`, `localPath`, `target` or `data` it has.
 */
export interface Route {
    /** Made to start with "/" (the route object is changed, as the provider changes it). */
    path: string;
    method?: string;
    eventHandler?: aws.lambda.Function;
    localPath?: string;
    contentType?: string;
    index?: string | boolean;
    target?: IntegrationTargetValue;
    data?: unknown;
    requiredParameters?: { name?: string; in?: string }[];
    requestValidator?: RequestValidator;
    apiKeyRequired?: boolean;
    authorizers?: Authorizer[] | Authorizer;
    iamAuthEnabled?: boolean;
}

/** The options of the API that shape its document. */
export interface SpecOptions {
    gatewayResponses?: Record<string, unknown>;
    requestValidator?: RequestValidator;
    apiKeySource?: APIKeySource;
    binaryMediaTypes: pulumi.Input<string>[];
    /** The bucket for static routes: made (named after the API) at the first one when not given. */
    staticRoutesBucket?: aws.s3.Bucket;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** For each path, for each method as the route gave it, the Lambda that serves it. */
export type SwaggerLambdas = Map<string, Map<string, aws.lambda.Function>>;

export interface BuiltSpec {
    swagger: pulumi.Output<string>;
    swaggerLambdas: SwaggerLambdas;
    staticRoutesBucket?: aws.s3.Bucket;
}

/** api.ts `checkRoute`: the provider's error for a route without a property its kind needs. */
export function checkRoute(parent: pulumi.Resource, route: object, prop: string): void {
    if ((route as Record<string, unknown>)[prop] === undefined) {
        throw new pulumi.ResourceError(`Route missing required [${prop}] property`, parent);
    }
}

function isEventHandler(route: Route): boolean {
    return route.eventHandler !== undefined;
}
function isStaticRoute(route: Route): boolean {
    return route.localPath !== undefined;
}
function isIntegrationRoute(route: Route): boolean {
    return route.target !== undefined;
}

/**
 * api.ts `createSwaggerSpec`: the document for `routes` (in order; a raw data route is one with
 * none of the other kinds' properties), the Lambdas API Gateway must be allowed to invoke, and the
 * static routes' bucket. The document's text fails (when resolved) on two differently configured
 * authorizers of one name.
 */
export function createSwaggerSpec(
    parent: pulumi.Resource,
    name: string,
    routes: Route[],
    options: SpecOptions,
): BuiltSpec {
    const spec = newSwaggerSpec(name, options);
    const swaggerLambdas: SwaggerLambdas = new Map();
    const authorizers = routes.flatMap((r) =>
        isEventHandler(r) || isStaticRoute(r) || isIntegrationRoute(r) ? (r.authorizers ?? []) : [],
    );
    const duplicate = duplicateAuthorizer(authorizers);
    let staticRoutesBucket: aws.s3.Bucket | undefined;

    for (const route of routes) {
        checkRoute(parent, route, "path");
        if (!route.path.startsWith("/")) route.path = "/" + route.path;
        if (isEventHandler(route)) {
            addEventHandlerRoute(parent, name, spec, swaggerLambdas, route);
        } else if (isStaticRoute(route)) {
            // api.ts names the bucket after the API, lower-cased, with only [a-z0-9-] kept.
            staticRoutesBucket ??=
                options.staticRoutesBucket ??
                new aws.s3.Bucket(name.toLowerCase().replace(/[^a-z0-9-]/g, ""), undefined, { parent });
            addStaticRoute(parent, name, spec, route, staticRoutesBucket, options.tags, (op, r) =>
                addBasePathOptions(parent, spec, op, r),
            );
        } else if (isIntegrationRoute(route)) {
            addIntegrationRoute(parent, spec, route);
        } else {
            addRawDataRoute(parent, spec, route);
        }
    }

    const swagger: pulumi.Output<string> = pulumi.all([spec, duplicate]).apply(([, duplicateName]) => {
        if (duplicateName) {
            // Thrown in an apply under the provider: the run fails with it (see failure.ts).
            return pulumi.output(
                escapeFailure<string>(
                    Promise.reject(
                        new pulumi.ResourceError(
                            `Multiple authorizers with the same name '${duplicateName}' but different configurations are not allowed.`,
                            parent,
                        ),
                    ),
                ),
            );
        }
        return renderSwagger(spec);
    });
    return { swagger, swaggerLambdas, staticRoutesBucket };
}

/**
 * api.ts `addEventHandlerRouteToSwaggerSpec`: an aws_proxy integration with the route's Lambda
 * (a Function is used as it is: createFunctionFromEventHandler makes one only from a callback,
 * which cannot cross to the provider).
 */
function addEventHandlerRoute(
    parent: pulumi.Resource,
    name: string,
    spec: SwaggerSpec,
    lambdas: SwaggerLambdas,
    route: Route,
): void {
    checkRoute(parent, route, "eventHandler");
    checkRoute(parent, route, "method");
    const method = swaggerMethod(route.method!);
    const lambda = route.eventHandler!;
    const operation = lambdaOperation(lambdaIntegrationUri(getPartition(parent), getRegion(parent), lambda.arn));
    addBasePathOptions(parent, spec, operation, route);
    addOperation(spec, route.path, method, operation);
    let byMethod = lambdas.get(route.path);
    if (!byMethod) lambdas.set(route.path, (byMethod = new Map()));
    byMethod.set(route.method!, lambda);
}

/**
 * api.ts `addIntegrationRouteToSwaggerSpec`: ANY on the path (with a trailing "/") and on its
 * `{proxy+}` catch-all, both to the target.
 */
function addIntegrationRoute(parent: pulumi.Resource, spec: SwaggerSpec, route: Route): void {
    checkRoute(parent, route, "target");
    const target = pulumi.output(route.target!) as pulumi.Output<IntegrationTargetValue>;
    const method = swaggerMethod("ANY");
    const path = route.path.endsWith("/") ? route.path : route.path + "/";
    const root = proxyOperation(target, false);
    addBasePathOptions(parent, spec, root, route);
    addOperation(spec, path, method, root);
    const proxy = proxyOperation(target, true);
    addBasePathOptions(parent, spec, proxy, route);
    addOperation(spec, path + "{proxy+}", method, proxy);
}

/** api.ts `addRawDataRouteToSwaggerSpec`: the route's data is the operation, as given. */
function addRawDataRoute(parent: pulumi.Resource, spec: SwaggerSpec, route: Route): void {
    checkRoute(parent, route, "data");
    checkRoute(parent, route, "method");
    addOperation(spec, route.path, swaggerMethod(route.method!), route.data);
}

/**
 * api.ts `addBasePathOptionsToSwagger`: authorizers, required parameters, the route's validator,
 * IAM auth and the API key, in that order.
 */
export function addBasePathOptions(
    parent: pulumi.Resource,
    spec: SwaggerSpec,
    operation: SwaggerOperation,
    route: Route,
): void {
    if (route.authorizers) {
        const records = addAuthorizers(parent, spec, route.authorizers);
        operation.security = operation.security || [];
        operation.security.push(...records);
    }
    if (route.requiredParameters) {
        for (const parameter of route.requiredParameters) {
            operation.parameters = operation.parameters || [];
            operation.parameters.push({ name: parameter.name, in: parameter.in, required: true });
        }
    }
    if (route.requestValidator) operation["x-amazon-apigateway-request-validator"] = route.requestValidator;
    if (route.iamAuthEnabled) operation["x-amazon-apigateway-auth"] = { type: "AWS_IAM" };
    if (route.apiKeyRequired) {
        spec.securityDefinitions = spec.securityDefinitions || {};
        const existing = spec.securityDefinitions["api_key"];
        if (existing && existing !== API_KEY_SECURITY_DEFINITION) {
            throw new Error("Defined a non-apikey security definition with the name api_key");
        }
        spec.securityDefinitions["api_key"] = API_KEY_SECURITY_DEFINITION;
        operation.security = operation.security || [];
        operation.security.push({ api_key: [] });
    }
}
