/**
 * The Swagger 2.0 document `aws-apigateway:index:RestAPI` hands `aws.apigateway.RestApi` as its
 * `body`, built as the provider builds it (pulumi-aws-apigateway aws-apigateway/apigateway/api.ts
 * `createSwaggerSpec` and the `createSwaggerOperationFor*` helpers; shapes from swagger_json.ts).
 * Policies read that JSON text, so every key is added in the provider's order: JSON.stringify
 * writes an object's keys in insertion order, and undefined values are left out as there.
 *
 * No resources here: values that come from resources (a Lambda's ARN, a role's ARN, the region)
 * arrive as Inputs and stay in the document until `renderSwagger` resolves it.
 */
import * as pulumi from "@pulumi/pulumi";

export type RequestValidator = "ALL" | "PARAMS_ONLY" | "BODY_ONLY";
export type APIKeySource = "HEADER" | "AUTHORIZER";

/** A gateway response as the program gives it (the SDK's SwaggerGatewayResponseArgs). */
export interface SwaggerGatewayResponse {
    statusCode?: pulumi.Input<number>;
    responseTemplates?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    responseParameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** An operation's `x-amazon-apigateway-integration` (swagger_json.ts ApigatewayIntegration). */
export interface SwaggerIntegration {
    credentials?: pulumi.Input<string>;
    uri: pulumi.Input<string>;
    passthroughBehavior?: pulumi.Input<string>;
    httpMethod: pulumi.Input<string>;
    type: pulumi.Input<string>;
    responses?: Record<string, { statusCode: string; responseParameters?: Record<string, string> }>;
    connectionType?: pulumi.Input<string | undefined>;
    connectionId?: pulumi.Input<string | undefined>;
    requestParameters?: Record<string, string>;
}

export interface SwaggerParameter {
    name: pulumi.Input<string | undefined>;
    in: pulumi.Input<string | undefined>;
    required: boolean;
    type?: string;
}

/** One method of one path (swagger_json.ts SwaggerOperation). */
export interface SwaggerOperation {
    responses?: Record<string, unknown>;
    "x-amazon-apigateway-integration"?: SwaggerIntegration;
    parameters?: SwaggerParameter[];
    security?: Record<string, string[]>[];
    "x-amazon-apigateway-request-validator"?: RequestValidator;
    "x-amazon-apigateway-auth"?: { type: string };
}

/** A `securityDefinitions` entry: the API key, or an authorizer (swagger_json.ts SecurityDefinition). */
export interface SecurityDefinition {
    type: "apiKey";
    name: string;
    in: string | undefined;
    "x-amazon-apigateway-authtype"?: string;
    "x-amazon-apigateway-authorizer"?: Record<string, unknown>;
}

export interface SwaggerSpec {
    swagger: "2.0";
    info: { title: string; version: string };
    paths: Record<string, Record<string, unknown>>;
    "x-amazon-apigateway-binary-media-types": pulumi.Input<string>[];
    "x-amazon-apigateway-gateway-responses": Record<string, unknown>;
    "x-amazon-apigateway-api-key-source": APIKeySource;
    "x-amazon-apigateway-request-validators"?: Record<
        string,
        { validateRequestBody: boolean; validateRequestParameters: boolean }
    >;
    "x-amazon-apigateway-request-validator"?: RequestValidator;
    securityDefinitions?: Record<string, SecurityDefinition>;
}

/** apikey.ts `apiKeySecurityDefinition`: one object, compared by identity in `addApiKey`. */
export const API_KEY_SECURITY_DEFINITION: SecurityDefinition = { type: "apiKey", name: "x-api-key", in: "header" };

/** api.ts `generateGatewayResponses`: 404 for a missing token and for denied access, unless given. */
function gatewayResponses(given: Record<string, unknown> | undefined): Record<string, unknown> {
    const responses = given ?? {};
    const notFound = () => ({
        statusCode: 404,
        responseTemplates: { "application/json": '{"message": "404 Not found" }' },
    });
    if (!responses["MISSING_AUTHENTICATION_TOKEN"]) responses["MISSING_AUTHENTICATION_TOKEN"] = notFound();
    if (!responses["ACCESS_DENIED"]) responses["ACCESS_DENIED"] = notFound();
    return responses;
}

/**
 * The document before any route (api.ts `createSwaggerSpec`): titled after the component, the API
 * key read from the header unless told otherwise, and the three request validators when the API
 * names one.
 */
export function newSwaggerSpec(
    title: string,
    options: {
        gatewayResponses?: Record<string, unknown>;
        requestValidator?: RequestValidator;
        apiKeySource?: APIKeySource;
        binaryMediaTypes: pulumi.Input<string>[];
    },
): SwaggerSpec {
    const spec: SwaggerSpec = {
        swagger: "2.0",
        info: { title, version: "1.0" },
        paths: {},
        "x-amazon-apigateway-binary-media-types": options.binaryMediaTypes,
        "x-amazon-apigateway-gateway-responses": gatewayResponses(options.gatewayResponses),
        "x-amazon-apigateway-api-key-source": options.apiKeySource || "HEADER",
    };
    if (options.requestValidator) {
        spec["x-amazon-apigateway-request-validators"] = {
            ALL: { validateRequestBody: true, validateRequestParameters: true },
            BODY_ONLY: { validateRequestBody: true, validateRequestParameters: false },
            PARAMS_ONLY: { validateRequestBody: false, validateRequestParameters: true },
        };
        spec["x-amazon-apigateway-request-validator"] = options.requestValidator;
    }
    return spec;
}

/** api.ts `swaggerMethod`: the lower-case method, or API Gateway's any-method key; else the provider's error. */
export function swaggerMethod(method: string): string {
    switch (method.toLowerCase()) {
        case "get":
        case "put":
        case "post":
        case "delete":
        case "options":
        case "head":
        case "patch":
            return method.toLowerCase();
        case "any":
            return "x-amazon-apigateway-any-method";
        default:
            throw new Error("Method not supported: " + method);
    }
}

/** api.ts `addSwaggerOperation`: a path's entry made on first use, the method set (replacing one). */
export function addOperation(spec: SwaggerSpec, path: string, method: string, operation: unknown): void {
    if (!spec.paths[path]) spec.paths[path] = {};
    spec.paths[path][method] = operation;
}

/** The `uri` of a Lambda proxy integration (api.ts `createSwaggerOperationForLambda`). */
export function lambdaIntegrationUri(
    partition: pulumi.Input<string>,
    region: pulumi.Input<string>,
    lambdaArn: pulumi.Input<string>,
): pulumi.Output<string> {
    return pulumi.interpolate`arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${lambdaArn}/invocations`;
}

/** An event handler route's operation (api.ts `createSwaggerOperationForLambda`). */
export function lambdaOperation(uri: pulumi.Input<string>): SwaggerOperation {
    return {
        "x-amazon-apigateway-integration": {
            uri,
            passthroughBehavior: "when_no_match",
            httpMethod: "POST",
            type: "aws_proxy",
        },
    };
}

/**
 * A static route's operation: GET of an S3 object through API Gateway's S3 integration with the
 * route's role, passing the content type on (api.ts `createSwaggerOperationForObjectKey`). A
 * directory's greedy route passes its `{proxy}` path parameter on to the object key.
 */
export function s3ObjectOperation(
    credentials: pulumi.Input<string>,
    uri: pulumi.Input<string>,
    pathParameter?: string,
): SwaggerOperation {
    const operation: SwaggerOperation = {
        responses: {
            "200": {
                description: "200 response",
                schema: { type: "object" },
                headers: { "Content-Type": { type: "string" }, "content-type": { type: "string" } },
            },
            "400": { description: "400 response" },
            "500": { description: "500 response" },
        },
        "x-amazon-apigateway-integration": {
            credentials,
            uri,
            passthroughBehavior: "when_no_match",
            httpMethod: "GET",
            type: "aws",
            responses: {
                "4\\d{2}": { statusCode: "400" },
                default: {
                    statusCode: "200",
                    responseParameters: {
                        "method.response.header.Content-Type": "integration.response.header.Content-Type",
                        "method.response.header.content-type": "integration.response.header.content-type",
                    },
                },
                "5\\d{2}": { statusCode: "500" },
            },
        },
    };
    if (pathParameter) {
        operation.parameters = [{ name: pathParameter, in: "path", required: true, type: "string" }];
        operation["x-amazon-apigateway-integration"]!.requestParameters = {
            [`integration.request.path.${pathParameter}`]: `method.request.path.${pathParameter}`,
        };
    }
    return operation;
}

/** The parts of an integration route's target the provider reads (api.ts IntegrationTarget). */
export interface IntegrationTargetValue {
    type?: string;
    uri: string;
    connectionType?: string;
    connectionId?: string;
    /** The provider reads this spelling; the SDK's TargetArgs declares `passthroughBehaviour`, which it ignores. */
    passthroughBehavior?: string;
}

/**
 * An integration route's operation (api.ts `createSwaggerOperationForProxy`): ANY to the target,
 * its uri with a trailing "/" (and "{proxy}" for the catch-all path), an HTTP proxy unless typed.
 */
export function proxyOperation(
    target: pulumi.Output<IntegrationTargetValue>,
    useProxyPathParameter: boolean,
): SwaggerOperation {
    const uri = target.apply((t) => {
        let result = t.uri;
        if (!result.endsWith("/")) result += "/";
        if (useProxyPathParameter) result += "{proxy}";
        return result;
    });
    const operation: SwaggerOperation = {
        "x-amazon-apigateway-integration": {
            responses: { default: { statusCode: "200" } },
            uri,
            type: target.apply((t) => (t.type !== undefined ? t.type : "http_proxy")),
            connectionType: target.apply((t) => t.connectionType),
            connectionId: target.apply((t) => t.connectionId),
            passthroughBehavior: target.apply((t) =>
                t.passthroughBehavior !== undefined ? t.passthroughBehavior : "when_no_match",
            ),
            httpMethod: "ANY",
        },
    };
    if (useProxyPathParameter) {
        operation.parameters = [{ name: "proxy", in: "path", required: true, type: "string" }];
        operation["x-amazon-apigateway-integration"]!.requestParameters = {
            "integration.request.path.proxy": "method.request.path.proxy",
        };
    }
    return operation;
}

/**
 * The document as text (api.ts: `pulumi.output(swagger).apply(JSON.stringify)`): unknown until
 * every value in it is known, as at a preview where a new Lambda's ARN is not.
 */
export function renderSwagger(spec: SwaggerSpec): pulumi.Output<string> {
    return pulumi.output(spec).apply((resolved) => JSON.stringify(resolved));
}
