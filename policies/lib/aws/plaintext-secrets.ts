/**
 * Where AWS shows a secret to whoever may read a resource's configuration
 * (webtier-plaintext-secrets), each with the API that answers it:
 * - SSM parameters of type String or StringList (the classic provider's `value`, `insecureValue`
 *   and write-only `valueWo`; the native provider's `value`): `ssm:GetParameter` and
 *   `ssm:GetParameterHistory` answer the value unencrypted, and the console shows it;
 * - ECS container definitions' `environment` (a JSON string in the classic provider, objects in
 *   the native one): `ecs:DescribeTaskDefinition`;
 * - Lambda functions' `environment.variables`: `lambda:GetFunctionConfiguration`;
 * - Elastic Beanstalk environment properties (settings in the
 *   `aws:elasticbeanstalk:application:environment` namespace, on an environment or a
 *   configuration template): `elasticbeanstalk:DescribeConfigurationSettings`;
 * - App Runner services' `runtimeEnvironmentVariables` (image or code configuration):
 *   `apprunner:DescribeService` (secrets belong in `runtimeEnvironmentSecrets`, ARNs);
 * - CodeBuild projects' environment variables of type PLAINTEXT (the default):
 *   `codebuild:BatchGetProjects` (types PARAMETER_STORE and SECRETS_MANAGER hold a name);
 * - Amplify apps' and branches' `environmentVariables`: `amplify:GetApp`, `amplify:GetBranch`;
 * - Batch job definitions' container `environment` (container, ECS, multi-node and EKS
 *   properties): `batch:DescribeJobDefinitions`;
 * - Lightsail container deployments' `environment`: `lightsail:GetContainerServiceDeployments`.
 * And where the secret store itself hands a secret out: a Secrets Manager secret whose resource
 * policy (the secret's `policy`, or a SecretPolicy) lets every principal (`Principal: "*"`,
 * `NotPrincipal`) call `secretsmanager:GetSecretValue` without a condition naming fixed sources:
 * every role of the account reads it, and every AWS account when its KMS key allows too.
 * Values unknown during preview are not judged here (they are on `pulumi up`, and by the check,
 * which evaluates with every value known by default).
 */
import { isReference, isSecretName, listedFindings, secretsInText, secretsInVariable } from "../secrets";
import { policyIsPublic } from "../storage";
import { Res, describe, isUnknown, listOf, propOf, sameText } from "../values";

const SSM_PARAMETERS = new Set(["aws:ssm/parameter:Parameter", "aws-native:ssm:Parameter"]);
const TASK_DEFINITIONS = new Set(["aws:ecs/taskDefinition:TaskDefinition", "aws-native:ecs:TaskDefinition"]);
const FUNCTIONS = new Set(["aws:lambda/function:Function", "aws-native:lambda:Function"]);
const APP_RUNNER = new Set(["aws:apprunner/service:Service", "aws-native:apprunner:Service"]);
const CODEBUILD = new Set(["aws:codebuild/project:Project", "aws-native:codebuild:Project"]);
const AMPLIFY = new Set([
    "aws:amplify/app:App",
    "aws:amplify/branch:Branch",
    "aws-native:amplify:App",
    "aws-native:amplify:Branch",
]);
const BATCH = new Set(["aws:batch/jobDefinition:JobDefinition", "aws-native:batch:JobDefinition"]);
const LIGHTSAIL_DEPLOYMENTS = new Set([
    "aws:lightsail/containerServiceDeploymentVersion:ContainerServiceDeploymentVersion",
]);
const BEANSTALK = new Set([
    "aws:elasticbeanstalk/environment:Environment",
    "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate",
]);
/** The settings namespace of a Beanstalk environment's environment properties. */
const BEANSTALK_ENVIRONMENT = "aws:elasticbeanstalk:application:environment";

const KEEP_IT_SECRET =
    "Keep it in Secrets Manager or an SSM SecureString parameter, read through the service's role, and pass only its name or ARN.";

/** Lightsail's container deployments have no secret variables, so the fix is elsewhere. */
const LIGHTSAIL_FIX =
    "Lightsail container deployments have no secret variables: run the container where a secret is passed by reference (App Runner's runtimeEnvironmentSecrets, an ECS container's secrets), or have the app read it from Secrets Manager when it starts.";

function known(value: unknown): value is string {
    return typeof value === "string" && value !== "";
}

function ssmParameterSecrets(res: Res): string[] {
    const type = propOf(res, "type");
    if (type !== "String" && type !== "StringList") return [];
    const name = propOf(res, "name");
    // A parameter's name is a path: its last segment says what it holds (`/app/prod/db_password`).
    const leaf = (known(name) ? name : res.name).split("/").pop() ?? "";
    const found = new Set<string>();
    for (const key of ["value", "insecureValue", "valueWo"]) {
        const value = propOf(res, key);
        if (!known(value)) continue;
        if (isSecretName(leaf) && !isReference(value.trim())) found.add(`a secret by its name (${leaf})`);
        for (const what of secretsInText(value)) found.add(what);
    }
    if (found.size === 0) return [];
    return [
        `${describe(res)} is a ${type} parameter holding ${listedFindings([...found])}: ssm:GetParameter answers its value unencrypted to anyone allowed it, and the console shows it. ` +
            'Make it a SecureString (type "SecureString", encrypted with a KMS key) or keep the secret in Secrets Manager.',
    ];
}

function taskDefinitionSecrets(res: Res): string[] {
    const problems: string[] = [];
    // A JSON string in the classic provider, a list in the native one.
    for (const container of listOf(documentOf(propOf(res, "containerDefinitions")))) {
        const { name, environment } = objectOf(container) ?? {};
        const found = secretsInVariables(environment);
        if (found.length === 0) continue;
        problems.push(
            `${describe(res)}: container ${typeof name === "string" ? `"${name}"` : "(unnamed)"} has ${listedFindings(found)} in its environment, which ecs:DescribeTaskDefinition shows to anyone allowed it. ` +
                "Pass the secret in the container's secrets instead (valueFrom a Secrets Manager secret or an SSM SecureString parameter).",
        );
    }
    return problems;
}

/**
 * Secrets in a set of variables: a map of name to value (the classic provider's maps) or a list
 * of `{ name, value }` (API JSON, the native provider's key-value lists; CodeBuild adds `type`,
 * whose non-PLAINTEXT values name a parameter or secret rather than hold one). Unknown maps,
 * items and values are skipped.
 */
function secretsInVariables(variables: unknown): string[] {
    if (!variables || typeof variables !== "object" || isUnknown(variables)) return [];
    const pairs: [unknown, unknown][] = Array.isArray(variables)
        ? variables
              .filter((v) => v && typeof v === "object" && !isUnknown(v) && plainVariable(v))
              .map((v: { name?: unknown; value?: unknown }) => [v.name, v.value])
        : Object.entries(variables as Record<string, unknown>);
    const found = new Set<string>();
    for (const [name, value] of pairs) {
        if (typeof name === "string" && known(value))
            for (const what of secretsInVariable(name, value)) found.add(what);
    }
    return [...found];
}

/** A listed variable whose value is its text: no `type`, or PLAINTEXT (CodeBuild's default). */
function plainVariable(variable: { type?: unknown }): boolean {
    return variable.type === undefined || variable.type === null || sameText(variable.type, "PLAINTEXT");
}

/** A property that is a JSON document in the classic provider and an object in the native one. */
function documentOf(value: unknown): unknown {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        // The provider refuses a document that is not JSON; nothing to read here.
        return undefined;
    }
}

/** The members of an object that is known, else undefined. */
function objectOf(value: unknown): Record<string, unknown> | undefined {
    return value && typeof value === "object" && !isUnknown(value) ? (value as Record<string, unknown>) : undefined;
}

function functionSecrets(res: Res): string[] {
    const environment = propOf(res, "environment") as { variables?: unknown } | undefined;
    if (!environment || typeof environment !== "object" || isUnknown(environment)) return [];
    const found = secretsInVariables(environment.variables);
    if (found.length === 0) return [];
    return [
        `${describe(res)} has ${listedFindings(found)} in its environment variables, which lambda:GetFunctionConfiguration shows to anyone allowed it. ${KEEP_IT_SECRET}`,
    ];
}

function beanstalkSecrets(res: Res): string[] {
    const found = new Set<string>();
    for (const setting of listOf<{ namespace?: unknown; name?: unknown; value?: unknown }>(propOf(res, "settings"))) {
        if (!setting || typeof setting !== "object" || isUnknown(setting)) continue;
        if (setting.namespace !== BEANSTALK_ENVIRONMENT || typeof setting.name !== "string") continue;
        if (known(setting.value)) for (const what of secretsInVariable(setting.name, setting.value)) found.add(what);
    }
    if (found.size === 0) return [];
    return [
        `${describe(res)} has ${listedFindings([...found])} in its environment properties, which elasticbeanstalk:DescribeConfigurationSettings shows to anyone allowed it. ${KEEP_IT_SECRET}`,
    ];
}

function appRunnerSecrets(res: Res): string[] {
    const source = objectOf(listOf(propOf(res, "sourceConfiguration"))[0]);
    if (!source) return [];
    const found = new Set<string>();
    const image = objectOf(listOf(objectOf(listOf(source.imageRepository)[0])?.imageConfiguration)[0]);
    const code = objectOf(listOf(source.codeRepository)[0]);
    const codeConfiguration = objectOf(listOf(code?.codeConfiguration)[0]);
    const values = objectOf(listOf(codeConfiguration?.codeConfigurationValues)[0]);
    for (const where of [image, values]) {
        for (const what of secretsInVariables(where?.runtimeEnvironmentVariables)) found.add(what);
    }
    if (found.size === 0) return [];
    return [
        `${describe(res)} has ${listedFindings([...found])} in its runtime environment variables, which apprunner:DescribeService shows to anyone allowed it. ` +
            "Pass the secret in runtimeEnvironmentSecrets instead (the ARN of a Secrets Manager secret or an SSM parameter, read through the instance role).",
    ];
}

function codeBuildSecrets(res: Res): string[] {
    const environment = objectOf(listOf(propOf(res, "environment"))[0]);
    const found = secretsInVariables(environment?.environmentVariables);
    if (found.length === 0) return [];
    return [
        `${describe(res)} has ${listedFindings(found)} in a PLAINTEXT environment variable (the default type), which codebuild:BatchGetProjects shows to anyone allowed it. ` +
            'Give the variable type "SECRETS_MANAGER" or "PARAMETER_STORE" and, as its value, the name of the secret or SecureString parameter.',
    ];
}

function amplifySecrets(res: Res): string[] {
    const found = secretsInVariables(propOf(res, "environmentVariables"));
    if (found.length === 0) return [];
    const api = res.type.endsWith(":Branch") ? "amplify:GetBranch" : "amplify:GetApp";
    return [
        `${describe(res)} has ${listedFindings(found)} in its environment variables, which ${api} shows to anyone allowed it. ` +
            "Keep the secret in SSM Parameter Store as a SecureString under /amplify/{appId}/{branch}/ (Amplify's secrets) and read it in the build.",
    ];
}

/** The containers of a Batch job definition, wherever its properties put them. */
function batchContainers(res: Res): Record<string, unknown>[] {
    const containers: Record<string, unknown>[] = [];
    const ecs = (properties: unknown) => {
        for (const task of listOf(objectOf(documentOf(properties))?.taskProperties)) {
            for (const container of listOf(objectOf(task)?.containers)) containers.push(objectOf(container) ?? {});
        }
    };
    const eks = (properties: unknown) => {
        const pod = objectOf(listOf(objectOf(listOf(documentOf(properties))[0])?.podProperties)[0]);
        for (const list of [pod?.containers, pod?.initContainers]) {
            for (const container of listOf(list)) containers.push(objectOf(container) ?? {});
        }
    };
    const container = objectOf(documentOf(propOf(res, "containerProperties")));
    if (container) containers.push(container);
    ecs(propOf(res, "ecsProperties"));
    eks(propOf(res, "eksProperties"));
    for (const range of listOf(objectOf(documentOf(propOf(res, "nodeProperties")))?.nodeRangeProperties)) {
        const node = objectOf(range);
        const nodeContainer = objectOf(node?.container);
        if (nodeContainer) containers.push(nodeContainer);
        ecs(node?.ecsProperties);
        eks(node?.eksProperties);
    }
    return containers;
}

function batchSecrets(res: Res): string[] {
    const found = new Set<string>();
    for (const container of batchContainers(res)) {
        // `environment` in ECS containers, `env` in EKS ones (`envs` in the classic provider).
        for (const list of [container.environment, container.env, container.envs]) {
            for (const what of secretsInVariables(list)) found.add(what);
        }
    }
    if (found.size === 0) return [];
    return [
        `${describe(res)} has ${listedFindings([...found])} in a container's environment, which batch:DescribeJobDefinitions shows to anyone allowed it. ` +
            "Pass the secret in the container's secrets instead (valueFrom a Secrets Manager secret or an SSM SecureString parameter, read through the execution role).",
    ];
}

function lightsailDeploymentSecrets(res: Res): string[] {
    const problems: string[] = [];
    for (const container of listOf(propOf(res, "containers"))) {
        const { containerName, environment } = objectOf(container) ?? {};
        const found = secretsInVariables(environment);
        if (found.length === 0) continue;
        problems.push(
            `${describe(res)}: container ${typeof containerName === "string" ? `"${containerName}"` : "(unnamed)"} has ${listedFindings(found)} in its environment, which lightsail:GetContainerServiceDeployments shows to anyone allowed it. ${LIGHTSAIL_FIX}`,
        );
    }
    return problems;
}

const SECRET_POLICIES = new Set([
    "aws:secretsmanager/secret:Secret",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws-native:secretsmanager:ResourcePolicy",
]);

/** A Secrets Manager resource policy that lets everyone read the secret's value. */
function secretPolicySecrets(res: Res): string[] {
    // The native provider's ResourcePolicy names it resourcePolicy (an object).
    const policy = res.props.policy ?? res.props.resourcePolicy;
    if (policyIsPublic(policy, "secretsmanager:GetSecretValue") !== true) return [];
    return [
        `${describe(res)} has a resource policy that lets every principal (Principal "*" or NotPrincipal) read the secret (secretsmanager:GetSecretValue) with no condition naming fixed sources (aws:PrincipalArn, aws:PrincipalAccount, aws:SourceVpce, ...): any role of the account can read it, and any AWS account if its KMS key allows. Name the principals that need it (the app servers' role), and set blockPublicPolicy on the SecretPolicy so Secrets Manager refuses a policy this broad.`,
    ];
}

/** Secrets one AWS resource shows in plain text, as messages (never the values). */
export function awsPlaintextSecrets(res: Res): string[] {
    if (SSM_PARAMETERS.has(res.type)) return ssmParameterSecrets(res);
    if (TASK_DEFINITIONS.has(res.type)) return taskDefinitionSecrets(res);
    if (FUNCTIONS.has(res.type)) return functionSecrets(res);
    if (BEANSTALK.has(res.type)) return beanstalkSecrets(res);
    if (APP_RUNNER.has(res.type)) return appRunnerSecrets(res);
    if (CODEBUILD.has(res.type)) return codeBuildSecrets(res);
    if (AMPLIFY.has(res.type)) return amplifySecrets(res);
    if (BATCH.has(res.type)) return batchSecrets(res);
    if (LIGHTSAIL_DEPLOYMENTS.has(res.type)) return lightsailDeploymentSecrets(res);
    if (SECRET_POLICIES.has(res.type)) return secretPolicySecrets(res);
    return [];
}
