// The Swagger document RestAPI renders (pulumi-aws-apigateway api.ts), checked as text: policies
// read `body` as JSON, so keys, their order and left-out undefined values all matter.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    addOperation,
    lambdaOperation,
    newSwaggerSpec,
    proxyOperation,
    s3ObjectOperation,
    swaggerMethod,
    type IntegrationTargetValue,
} from "../../../../../tools/harness/aws/apigateway/swagger";

const NOT_FOUND = { statusCode: 404, responseTemplates: { "application/json": '{"message": "404 Not found" }' } };

describe("aws-apigateway Swagger rendering", () => {
    it("renders a one-route API exactly as the provider does", () => {
        const spec = newSwaggerSpec("api", { binaryMediaTypes: ["*/*"] });
        addOperation(spec, "/", swaggerMethod("GET"), lambdaOperation("arn:lambda-uri"));
        assert.strictEqual(
            JSON.stringify(spec),
            '{"swagger":"2.0","info":{"title":"api","version":"1.0"},"paths":{"/":{"get":{"x-amazon-apigateway-integration":' +
                '{"uri":"arn:lambda-uri","passthroughBehavior":"when_no_match","httpMethod":"POST","type":"aws_proxy"}}}},' +
                '"x-amazon-apigateway-binary-media-types":["*/*"],"x-amazon-apigateway-gateway-responses":' +
                '{"MISSING_AUTHENTICATION_TOKEN":{"statusCode":404,"responseTemplates":{"application/json":"{\\"message\\": \\"404 Not found\\" }"}},' +
                '"ACCESS_DENIED":{"statusCode":404,"responseTemplates":{"application/json":"{\\"message\\": \\"404 Not found\\" }"}}},' +
                '"x-amazon-apigateway-api-key-source":"HEADER"}',
        );
    });

    it("keeps given gateway responses and adds the 404s after them, and the validators when one is named", () => {
        const given = { DEFAULT_4XX: { responseTemplates: { "application/json": "{}" }, statusCode: 400 } };
        const spec = newSwaggerSpec("api", {
            binaryMediaTypes: ["*/*"],
            gatewayResponses: given,
            requestValidator: "PARAMS_ONLY",
            apiKeySource: "AUTHORIZER",
        });
        assert.deepStrictEqual(Object.keys(spec["x-amazon-apigateway-gateway-responses"]), [
            "DEFAULT_4XX",
            "MISSING_AUTHENTICATION_TOKEN",
            "ACCESS_DENIED",
        ]);
        assert.deepStrictEqual(spec["x-amazon-apigateway-gateway-responses"].ACCESS_DENIED, NOT_FOUND);
        assert.deepStrictEqual(Object.keys(spec["x-amazon-apigateway-request-validators"]!), [
            "ALL",
            "BODY_ONLY",
            "PARAMS_ONLY",
        ]);
        assert.strictEqual(spec["x-amazon-apigateway-request-validator"], "PARAMS_ONLY");
        assert.strictEqual(spec["x-amazon-apigateway-api-key-source"], "AUTHORIZER");
    });

    it("maps methods as swaggerMethod does and refuses others with the provider's message", () => {
        assert.strictEqual(swaggerMethod("POST"), "post");
        assert.strictEqual(swaggerMethod("ANY"), "x-amazon-apigateway-any-method");
        assert.throws(() => swaggerMethod("TRACE"), { message: "Method not supported: TRACE" });
    });

    it("routes a directory's greedy path to S3 with the proxy parameter passed on", () => {
        const op = s3ObjectOperation("arn:role", "arn:s3-uri", "proxy");
        assert.deepStrictEqual(Object.keys(op), ["responses", "x-amazon-apigateway-integration", "parameters"]);
        assert.deepStrictEqual(op.parameters, [{ name: "proxy", in: "path", required: true, type: "string" }]);
        assert.deepStrictEqual(op["x-amazon-apigateway-integration"]!.requestParameters, {
            "integration.request.path.proxy": "method.request.path.proxy",
        });
        assert.strictEqual(JSON.stringify(s3ObjectOperation("r", "u")).includes("parameters"), false);
    });

    it("proxies an integration target with a trailing slash, http_proxy and when_no_match by default", async () => {
        const target = pulumi.output<IntegrationTargetValue>({ uri: "https://example.com" });
        const op = proxyOperation(target, true);
        const resolved = await new Promise<string>((resolve) =>
            pulumi.output(op).apply((o) => resolve(JSON.stringify(o))),
        );
        assert.strictEqual(
            resolved,
            '{"x-amazon-apigateway-integration":{"responses":{"default":{"statusCode":"200"}},"uri":"https://example.com/{proxy}",' +
                '"type":"http_proxy","passthroughBehavior":"when_no_match","httpMethod":"ANY",' +
                '"requestParameters":{"integration.request.path.proxy":"method.request.path.proxy"}},' +
                '"parameters":[{"name":"proxy","in":"path","required":true,"type":"string"}]}',
        );
    });
});
