// @pulumi/aws-apigateway's RestAPI under the harness: the resources the provider's Construct
// builds (pulumi-aws-apigateway aws-apigateway/apigateway/api.ts), registered inside the
// component with its names and inputs.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { APIGATEWAY_EMULATION } from "../../../../../tools/harness/aws/apigateway";
import { RestAPI } from "../../../../../tools/harness/aws/apigateway/restAPI";
import { sha1hash } from "../../../../../tools/harness/aws/utils";
import { evaluate, Evaluation } from "../../../../../tools/harness/evaluate";
import { only, childrenOf } from "../registered";
import { scratchDir } from "../../../../support/scratch";

const REST_API = "aws:apigateway/restApi:RestApi";
const DEPLOYMENT = "aws:apigateway/deployment:Deployment";
const STAGE = "aws:apigateway/stage:Stage";
const PERMISSION = "aws:lambda/permission:Permission";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const OBJECT = "aws:s3/bucketObject:BucketObject";
const BUCKET = "aws:s3/bucket:Bucket";
const COMPONENT = "aws-apigateway:index:RestAPI";

function lambda(name = "fn"): aws.lambda.Function {
    return new aws.lambda.Function(name, {
        role: "arn:aws:iam::123456789012:role/lambda",
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({}),
    });
}

const LAMBDA_URI_PREFIX = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";

describe("aws-apigateway RestAPI under the harness", () => {
    before(() => APIGATEWAY_EMULATION.install());

    it("builds a lambda route as pulumi/examples writes it: RestApi, Deployment, Permission, Stage", async () => {
        const e = await evaluate({
            program: () => {
                const api = new RestAPI("api", { routes: [{ path: "/", method: "GET", eventHandler: lambda() }] });
                return { url: api.url };
            },
        });
        const component = only(e, COMPONENT, "api");
        assert.strictEqual(component.remote, undefined);
        assert.deepStrictEqual(childrenOf(e, component), [
            `${REST_API}::api`,
            `${DEPLOYMENT}::api`,
            `${PERMISSION}::api-${sha1hash("GET/")}`,
            `${STAGE}::api`,
        ]);
        const fn = only(e, "aws:lambda/function:Function", "fn");
        const rest = only(e, REST_API, "api");
        assert.strictEqual(rest.inputs.name, "api");
        assert.deepStrictEqual(rest.inputs.binaryMediaTypes, ["*/*"]);
        assert.strictEqual(rest.inputs.apiKeySource, undefined);
        const body = JSON.parse(rest.inputs.body);
        assert.deepStrictEqual(body.paths, {
            "/": {
                get: {
                    "x-amazon-apigateway-integration": {
                        uri: `${LAMBDA_URI_PREFIX}${fn.state.arn}/invocations`,
                        passthroughBehavior: "when_no_match",
                        httpMethod: "POST",
                        type: "aws_proxy",
                    },
                },
            },
        });
        assert.deepStrictEqual(
            e.calls.map((c) => c.token),
            ["aws:index/getPartition:getPartition", "aws:index/getRegion:getRegion"],
        );
        // The permission lets API Gateway call the Lambda on GET / from any stage of this API.
        const permission = only(e, PERMISSION);
        assert.strictEqual(permission.inputs.action, "lambda:invokeFunction");
        assert.strictEqual(permission.inputs.principal, "apigateway.amazonaws.com");
        assert.strictEqual(permission.wireInputs!.function.urn, fn.urn);
        assert.strictEqual(permission.inputs.sourceArn, `${rest.state.executionArn}/*/GET/`);
        assert.deepStrictEqual(permission.propertyDependencies.sourceArn, [rest.urn]);
        // The deployment hashes what redeploys the API; the stage waits for the permissions.
        const deployment = only(e, DEPLOYMENT);
        assert.strictEqual(deployment.wireInputs!.restApi.urn, rest.urn);
        assert.match(deployment.inputs.variables.version, /^[0-9a-f]{8}$/);
        const stage = only(e, STAGE);
        assert.strictEqual(stage.inputs.stageName, "stage");
        assert.strictEqual(stage.wireInputs!.deployment.urn, deployment.urn);
        assert.strictEqual(stage.wireInputs!.restApi.urn, rest.urn);
        assert.strictEqual(stage.inputs.tags, undefined);
        assert.ok(stage.dependencies.includes(permission.urn));
        assert.strictEqual(e.outputs.url, `${stage.state.invokeUrl}/`);
        // As the provider computes them: the stage's URL and the API's execution ARN, with the API's id.
        assert.match(
            e.outputs.url,
            new RegExp(`^https://${rest.id}\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com/stage/$`),
        );
        assert.match(
            permission.inputs.sourceArn,
            new RegExp(`^arn:aws:execute-api:[a-z0-9-]+:\\d{12}:${rest.id}/\\*/GET/$`),
        );
        assert.deepStrictEqual(Object.keys(component.wireOutputs!).sort(), ["api", "deployment", "stage", "url"]);
        assert.strictEqual(component.wireOutputs!.api.urn, rest.urn);
    });

    it("renders the exact body for a small API, with its stage name, tags and API key", async () => {
        const e = await evaluate({
            program: () =>
                void new RestAPI("shop", {
                    stageName: "v1",
                    apiKeySource: "HEADER",
                    description: "the shop",
                    tags: { team: "web" },
                    routes: [
                        {
                            path: "items",
                            method: "ANY",
                            eventHandler: lambda(),
                            apiKeyRequired: true,
                            requiredParameters: [{ name: "id", in: "query" }],
                        },
                        { path: "/raw", method: "GET", data: { zeta: 1, alpha: { b: 2, a: 1 } } },
                    ],
                }),
        });
        const fn = only(e, "aws:lambda/function:Function", "fn");
        const rest = only(e, REST_API, "shop");
        assert.strictEqual(
            rest.inputs.body,
            JSON.stringify({
                swagger: "2.0",
                info: { title: "shop", version: "1.0" },
                paths: {
                    "/items": {
                        "x-amazon-apigateway-any-method": {
                            "x-amazon-apigateway-integration": {
                                uri: `${LAMBDA_URI_PREFIX}${fn.state.arn}/invocations`,
                                passthroughBehavior: "when_no_match",
                                httpMethod: "POST",
                                type: "aws_proxy",
                            },
                            parameters: [{ name: "id", in: "query", required: true }],
                            security: [{ api_key: [] }],
                        },
                    },
                    // Raw data crosses to the provider as a protobuf Struct: keys sorted.
                    "/raw": { get: { alpha: { a: 1, b: 2 }, zeta: 1 } },
                },
                "x-amazon-apigateway-binary-media-types": ["*/*"],
                "x-amazon-apigateway-gateway-responses": {
                    MISSING_AUTHENTICATION_TOKEN: {
                        statusCode: 404,
                        responseTemplates: { "application/json": '{"message": "404 Not found" }' },
                    },
                    ACCESS_DENIED: {
                        statusCode: 404,
                        responseTemplates: { "application/json": '{"message": "404 Not found" }' },
                    },
                },
                "x-amazon-apigateway-api-key-source": "HEADER",
                securityDefinitions: { api_key: { type: "apiKey", name: "x-api-key", in: "header" } },
            }),
        );
        assert.strictEqual(rest.inputs.apiKeySource, "HEADER");
        assert.strictEqual(rest.inputs.description, "the shop");
        assert.deepStrictEqual(rest.inputs.tags, { team: "web" });
        // ANY is "*" in the permission's source ARN; no usage plan or key is made (the source makes none).
        const permission = only(e, PERMISSION, `shop-${sha1hash("*/items")}`);
        assert.strictEqual(permission.inputs.sourceArn, `${rest.state.executionArn}/*/*/items`);
        const stage = only(e, STAGE, "shop");
        assert.strictEqual(stage.inputs.stageName, "v1");
        assert.deepStrictEqual(stage.inputs.tags, { team: "web" });
        assert.strictEqual(e.resources.filter((r) => r.type.startsWith("aws:apigateway/apiKey")).length, 0);
        assert.strictEqual(e.resources.filter((r) => r.type.startsWith("aws:apigateway/usagePlan")).length, 0);
    });

    it("serves static files from a bucket named after the API, with a role per route", async () => {
        const dir = scratchDir("apigw-static-");
        fs.mkdirSync(path.join(dir, "site", "css"), { recursive: true });
        fs.writeFileSync(path.join(dir, "site", "index.html"), "<html></html>");
        fs.writeFileSync(path.join(dir, "site", "css", "app.css"), "body{}");
        fs.writeFileSync(path.join(dir, "robots.txt"), "");
        const e = await evaluate({
            program: () =>
                void new RestAPI("My_Site", {
                    routes: [
                        { path: "/", localPath: path.join(dir, "site") },
                        { path: "/robots.txt", localPath: path.join(dir, "robots.txt"), contentType: "text/plain" },
                    ],
                }),
        });
        const dirKey = "My_Site" + sha1hash("get:/");
        const fileKey = "My_Site" + sha1hash("get:/robots.txt");
        const component = only(e, COMPONENT);
        // Sorted: the registrations finish in the order their inputs resolve.
        assert.deepStrictEqual(
            childrenOf(e, component).sort(),
            [
                `${BUCKET}::mysite`,
                `${ROLE}::${dirKey}`,
                `${ATTACHMENT}::${dirKey}`,
                `${OBJECT}::${dirKey}/css/app.css`,
                `${OBJECT}::${dirKey}/index.html`,
                `${ROLE}::${fileKey}`,
                `${ATTACHMENT}::${fileKey}`,
                `${OBJECT}::${fileKey}`,
                `${REST_API}::My_Site`,
                `${DEPLOYMENT}::My_Site`,
                `${STAGE}::My_Site`,
            ].sort(),
        );
        const bucket = only(e, BUCKET);
        const css = only(e, OBJECT, `${dirKey}/css/app.css`);
        assert.strictEqual(css.inputs.key, `${dirKey}/css/app.css`);
        assert.strictEqual(css.inputs.contentType, "text/css");
        assert.strictEqual(css.wireInputs!.bucket.urn, bucket.urn);
        assert.strictEqual(only(e, OBJECT, fileKey).inputs.contentType, "text/plain");
        const role = only(e, ROLE, dirKey);
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal, {
            Service: "apigateway.amazonaws.com",
        });
        assert.strictEqual(only(e, ATTACHMENT, dirKey).inputs.policyArn, "arn:aws:iam::aws:policy/AmazonS3FullAccess");
        const body = JSON.parse(only(e, REST_API).inputs.body);
        assert.deepStrictEqual(Object.keys(body.paths), ["/", "/{proxy+}", "/robots.txt"]);
        const greedy = body.paths["/{proxy+}"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"];
        assert.strictEqual(greedy.uri, `arn:aws:apigateway:us-east-1:s3:path/${bucket.state.bucket}/${dirKey}/{proxy}`);
        assert.strictEqual(greedy.credentials, role.state.arn);
        assert.strictEqual(
            body.paths["/"].get["x-amazon-apigateway-integration"].uri,
            `arn:aws:apigateway:us-east-1:s3:path/${bucket.state.bucket}/${dirKey}/index.html`,
        );
        // No event handler route: no permission, and the stage waits for nothing else.
        assert.strictEqual(e.resources.filter((r) => r.type === PERMISSION).length, 0);
    });

    it("adds a Lambda authorizer with its role and invocation policy, and a Cognito one", async () => {
        const e = await evaluate({
            program: () => {
                const authFn = lambda("auth");
                new RestAPI("api", {
                    routes: [
                        {
                            path: "/a",
                            method: "GET",
                            eventHandler: lambda(),
                            authorizers: [
                                {
                                    parameterName: "Authorization",
                                    parameterLocation: "header",
                                    authType: "oauth2",
                                    type: "token",
                                    handler: authFn,
                                    identitySource: ["method.request.header.Authorization"],
                                },
                                {
                                    authorizerName: "pool",
                                    parameterName: "Authorization",
                                    providerARNs: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/p"],
                                    identitySource: ["method.request.header.Authorization"],
                                    methodsToAuthorize: ["email"],
                                },
                            ],
                        },
                    ],
                });
            },
        });
        const role = only(e, ROLE, "api-authorizer-0-authorizer-role");
        assert.strictEqual(role.parent, only(e, COMPONENT).urn);
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal, {
            Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"],
        });
        const authFn = only(e, "aws:lambda/function:Function", "auth");
        const policy = only(e, "aws:iam/rolePolicy:RolePolicy", "api-authorizer-0-invocation-policy");
        assert.strictEqual(policy.inputs.role, role.id);
        assert.deepStrictEqual(JSON.parse(policy.inputs.policy).Statement, [
            { Action: "lambda:InvokeFunction", Effect: "Allow", Resource: authFn.state.arn },
        ]);
        const body = JSON.parse(only(e, REST_API).inputs.body);
        // Through JSON as the body went: the AWS mocks give a Function no invokeArn, which leaves
        // authorizerUri out of the text.
        const expected = JSON.parse(
            JSON.stringify({
                "api-authorizer-0": {
                    type: "apiKey",
                    name: "Authorization",
                    in: "header",
                    "x-amazon-apigateway-authtype": "oauth2",
                    "x-amazon-apigateway-authorizer": {
                        type: "token",
                        authorizerUri: authFn.state.invokeArn,
                        authorizerCredentials: role.state.arn,
                        identitySource: "method.request.header.Authorization",
                    },
                },
                pool: {
                    type: "apiKey",
                    name: "Authorization",
                    in: "header",
                    "x-amazon-apigateway-authtype": "cognito_user_pools",
                    "x-amazon-apigateway-authorizer": {
                        type: "cognito_user_pools",
                        identitySource: "method.request.header.Authorization",
                        providerARNs: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/p"],
                    },
                },
            }),
        );
        assert.deepStrictEqual(body.securityDefinitions, expected);
        assert.deepStrictEqual(body.paths["/a"].get.security, [{ "api-authorizer-0": [] }, { pool: ["email"] }]);
    });

    it("fails as the provider does without routes or a document, and on a route without a method", async () => {
        await assert.rejects(
            evaluate({ program: () => void new RestAPI("api", {}) }),
            /API must specify either \[swaggerString\] or as least one of the \[route\] options\./,
        );
        await assert.rejects(
            evaluate({ program: () => void new RestAPI("api", { routes: [{ path: "/", eventHandler: lambda() }] }) }),
            /Route missing required \[method\] property/,
        );
    });

    it("builds the same resources at a preview, with the body and source ARN unknown", async () => {
        const program = () =>
            void new RestAPI("api", { routes: [{ path: "/", method: "GET", eventHandler: lambda() }] });
        const up = await evaluate({ program });
        const preview = await evaluate({ program, preview: true });
        const names = (e: Evaluation) => e.resources.map((r) => `${r.type}::${r.name}`);
        assert.deepStrictEqual(names(preview), names(up));
        assert.deepStrictEqual(only(preview, REST_API).unknownInputs, ["body"]);
        assert.deepStrictEqual(only(preview, PERMISSION).unknownInputs, ["sourceArn"]);
    });

    it("builds routes holding Outputs once they resolve, and none at a preview where one is unknown", async () => {
        const program = () => {
            const fn = lambda();
            void new RestAPI("api", {
                routes: [
                    { path: "/proxy", target: { type: "http_proxy", uri: pulumi.interpolate`https://${fn.arn}` } },
                ],
            });
        };
        const up = await evaluate({ program });
        const body = JSON.parse(only(up, REST_API).inputs.body);
        assert.deepStrictEqual(Object.keys(body.paths), ["/proxy/", "/proxy/{proxy+}"]);
        const preview = await evaluate({ program, preview: true });
        assert.deepStrictEqual(childrenOf(preview, only(preview, COMPONENT)), []);
    });

    it("takes a given Swagger document, titled after the component when it has no title", async () => {
        const e = await evaluate({
            program: () => void new RestAPI("docs", { swaggerString: JSON.stringify({ swagger: "2.0", paths: {} }) }),
        });
        const rest = only(e, REST_API);
        assert.strictEqual(rest.inputs.name, "docs");
        assert.strictEqual(rest.inputs.body, '{"swagger":"2.0","paths":{},"info":{"title":"docs"}}');
        assert.strictEqual(e.resources.filter((r) => r.type === PERMISSION).length, 0);
    });

    it("replaces the installed SDK class with the emulation", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after install, as a program loads it
        const sdk = require("@pulumi/aws-apigateway") as typeof import("@pulumi/aws-apigateway");
        assert.strictEqual(sdk.RestAPI, RestAPI);
        const e = await evaluate({
            program: () => {
                const api = new sdk.RestAPI("api", { routes: [{ path: "/", method: "GET", eventHandler: lambda() }] });
                assert.ok(sdk.RestAPI.isInstance(api));
            },
        });
        const component = only(e, COMPONENT);
        assert.strictEqual(component.remote, undefined);
        assert.strictEqual(childrenOf(e, component).length, 4);
    });
});
