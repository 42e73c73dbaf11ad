/**
 * A route's authorizers, as the provider adds them (pulumi-aws-apigateway
 * aws-apigateway/apigateway/api.ts `addAuthorizersToSwagger`, `getLambdaAuthorizer`,
 * `getCognitoAuthorizer`, `checkDuplicateAuthorizer`; lambdaAuthorizer.ts
 * `createRoleWithAuthorizerInvocationPolicy`, `getIdentitySource`). A Lambda authorizer gets a
 * role API Gateway and Lambda may assume, allowed to invoke the handler; a Cognito one names its
 * user pools. Each becomes a `securityDefinitions` entry the first time its name is met.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "util";
import type { SwaggerSpec } from "./swagger";

/**
 * An authorizer as the provider receives it (the SDK's AuthorizerArgs; the provider's
 * LambdaAuthorizer | CognitoAuthorizer). The provider fills `authorizerName` in when missing.
 */
export interface Authorizer {
    authorizerName?: string;
    parameterName: string;
    /** A Lambda authorizer's: "header" or "query". */
    parameterLocation?: string;
    /** A Lambda authorizer's `x-amazon-apigateway-authtype` ("oauth2", "custom"). */
    authType?: string;
    /** A Lambda authorizer's: "token" or "request". */
    type?: string;
    /** The Lambda (what the SDK declares), or the provider's `{ uri, credentials }`. */
    handler?: aws.lambda.Function | { uri: pulumi.Input<string> | aws.lambda.Function; credentials: unknown };
    identitySource?: string[];
    identityValidationExpression?: string;
    authorizerResultTtlInSeconds?: number;
    /** A Cognito authorizer's user pools (ARNs, or pools, whose ARN is taken). */
    providerARNs?: (pulumi.Input<string> | aws.cognito.UserPool)[];
    /** A Cognito authorizer's scopes for the route's `security` entry. */
    methodsToAuthorize?: string[];
}

/** lambdaAuthorizer.ts `isLambdaAuthorizer`: it has a handler. */
function isLambdaAuthorizer(auth: Authorizer): boolean {
    return auth.handler !== undefined;
}

/** lambdaAuthorizer.ts `getIdentitySource`: the sources joined with ", ", or "". */
export function identitySource(sources: string[] | undefined): string {
    return sources ? sources.join(", ") : "";
}

/**
 * api.ts `addAuthorizersToSwagger`: each authorizer's definition (made on first sight of its
 * name, which defaults to `<title>-authorizer-<n>`) and its `security` record for the route.
 */
export function addAuthorizers(
    parent: pulumi.Resource,
    spec: SwaggerSpec,
    authorizers: Authorizer[] | Authorizer,
): Record<string, string[]>[] {
    const records: Record<string, string[]>[] = [];
    const definitions = (spec.securityDefinitions = spec.securityDefinitions || {});
    for (const auth of Array.isArray(authorizers) ? authorizers : [authorizers]) {
        const suffix = Object.keys(definitions).length;
        const authName = auth.authorizerName || `${spec.info.title}-authorizer-${suffix}`;
        // The provider writes the name back: a later route with the same object reuses it.
        auth.authorizerName = authName;
        const lambda = isLambdaAuthorizer(auth);
        if (!definitions[authName]) {
            definitions[authName] = {
                type: "apiKey",
                name: auth.parameterName,
                in: lambda ? auth.parameterLocation : "header",
                "x-amazon-apigateway-authtype": lambda ? auth.authType : "cognito_user_pools",
                "x-amazon-apigateway-authorizer": lambda
                    ? lambdaAuthorizerDefinition(parent, authName, auth)
                    : {
                          type: "cognito_user_pools",
                          identitySource: identitySource(auth.identitySource),
                          providerARNs: poolArns(auth.providerARNs!),
                      },
            };
        }
        records.push({ [authName]: lambda || !auth.methodsToAuthorize ? [] : auth.methodsToAuthorize });
    }
    return records;
}

/** api.ts `getCognitoPoolARNs`: a pool's ARN, or the ARN given. */
function poolArns(pools: (pulumi.Input<string> | aws.cognito.UserPool)[]): pulumi.Input<string>[] {
    const arns: pulumi.Input<string>[] = [];
    for (const pool of pools) arns.push(pulumi.CustomResource.isInstance(pool) ? pool.arn : pool);
    return arns;
}

/** A resource's ARN (or invoke ARN) when given a resource, else the value given. */
function arnOf(value: unknown, key: "arn" | "invokeArn"): pulumi.Input<string> {
    return pulumi.CustomResource.isInstance(value) ? (value as any)[key] : (value as pulumi.Input<string>);
}

/**
 * api.ts `getLambdaAuthorizer`: with `{ uri, credentials }` those; with a Lambda, the role
 * `<name>-authorizer-role` (and its invocation policy) as credentials, the Lambda's invoke ARN as uri.
 */
function lambdaAuthorizerDefinition(
    parent: pulumi.Resource,
    authName: string,
    auth: Authorizer,
): Record<string, unknown> {
    const handler = auth.handler!;
    let uri: pulumi.Input<string>;
    let credentials: pulumi.Input<string>;
    if ((handler as { uri?: unknown }).uri !== undefined) {
        const info = handler as { uri: unknown; credentials: unknown };
        uri = arnOf(info.uri, "invokeArn");
        credentials = arnOf(info.credentials, "arn");
    } else {
        // createFunctionFromEventHandler hands a Function back as it is: no new Lambda.
        const fn = handler as aws.lambda.Function;
        // The provider once made these unparented, and passes an alias to the root stack.
        const opts = { parent, aliases: [{ parent: pulumi.rootStackResource }] };
        uri = fn.invokeArn;
        credentials = authorizerRole(authName, fn, opts).arn;
    }
    return {
        type: auth.type,
        authorizerUri: uri,
        authorizerCredentials: credentials,
        identitySource: identitySource(auth.identitySource),
        identityValidationExpression: auth.identityValidationExpression,
        authorizerResultTtlInSeconds: auth.authorizerResultTtlInSeconds,
    };
}

/**
 * lambdaAuthorizer.ts `createRoleWithAuthorizerInvocationPolicy`: the role and its inline policy,
 * each with the options merged with the alias once more (mergeOptions concatenates: two aliases).
 */
function authorizerRole(authName: string, fn: aws.lambda.Function, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    const withAlias = () => pulumi.mergeOptions(opts, { aliases: [{ parent: pulumi.rootStackResource }] });
    const role = new aws.iam.Role(
        authName + "-authorizer-role",
        {
            assumeRolePolicy: JSON.stringify(
                aws.iam.assumeRolePolicyForPrincipal({ Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"] }),
            ),
        },
        withAlias(),
    );
    // The policy text keeps the source's template indentation: it is what the engine receives.
    const indent = (n: number) => " ".repeat(n);
    new aws.iam.RolePolicy(
        authName + "-invocation-policy",
        {
            policy: pulumi.interpolate`{
${indent(16)}"Version": "2012-10-17",
${indent(16)}"Statement": [
${indent(20)}{
${indent(24)}"Action": "lambda:InvokeFunction",
${indent(24)}"Effect": "Allow",
${indent(24)}"Resource": "${fn.arn}"
${indent(20)}}
${indent(16)}]
${indent(12)}}`,
            role: role.id,
        },
        withAlias(),
    );
    return role;
}

/**
 * api.ts `checkDuplicateAuthorizer`: the name of an authorizer named like an earlier one but set
 * up differently, if any. Lambda authorizers compare all but the handler, then the handlers'
 * resolved properties: the provider resolves every output of both, so the answer waits for (and
 * at a preview is as unknown as) their ids; two handlers are the same resource when their URNs are.
 */
export function duplicateAuthorizer(authorizers: Authorizer[]): pulumi.Output<string | undefined> {
    const named: Record<string, Authorizer> = {};
    const checks: pulumi.Output<string | undefined>[] = [];
    for (const auth of authorizers) {
        if (!auth.authorizerName) continue;
        const first = named[auth.authorizerName];
        if (!first) {
            named[auth.authorizerName] = auth;
            continue;
        }
        checks.push(authorizersEqual(first, auth).apply((equal) => (equal ? undefined : auth.authorizerName)));
    }
    return pulumi.all(checks).apply((names) => names.find((n) => n !== undefined));
}

function authorizersEqual(a: Authorizer, b: Authorizer): pulumi.Output<boolean> {
    if (isLambdaAuthorizer(a) && isLambdaAuthorizer(b)) {
        const { handler: handlerA, ...restA } = a;
        const { handler: handlerB, ...restB } = b;
        if (!isDeepStrictEqual(restA, restB)) return pulumi.output(false);
        return pulumi.all([identity(handlerA), identity(handlerB)]).apply(([x, y]) => isDeepStrictEqual(x, y));
    }
    if (a.providerARNs !== undefined && b.providerARNs !== undefined) {
        return pulumi.all([a, b] as any[]).apply(([x, y]) => isDeepStrictEqual(x, y));
    }
    return pulumi.output(false);
}

/** What tells two handlers apart once resolved: a resource's URN and id, else the value itself. */
function identity(handler: unknown): pulumi.Output<unknown> {
    if (pulumi.CustomResource.isInstance(handler)) return pulumi.all([handler.urn, handler.id]);
    return pulumi.output(handler as any);
}
