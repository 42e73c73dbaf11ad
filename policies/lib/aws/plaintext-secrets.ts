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
 *   configuration template): `elasticbeanstalk:DescribeConfigurationSettings`.
 * Values unknown during preview are not judged here (they are on `pulumi up`, and by the check,
 * which evaluates with every value known by default).
 */
import { isReference, isSecretName, listedFindings, secretsInText, secretsInVariable } from "../secrets";
import { Res, describe, isUnknown, listOf, propOf } from "../values";

const SSM_PARAMETERS = new Set(["aws:ssm/parameter:Parameter", "aws-native:ssm:Parameter"]);
const TASK_DEFINITIONS = new Set(["aws:ecs/taskDefinition:TaskDefinition", "aws-native:ecs:TaskDefinition"]);
const FUNCTIONS = new Set(["aws:lambda/function:Function", "aws-native:lambda:Function"]);
const BEANSTALK = new Set([
    "aws:elasticbeanstalk/environment:Environment",
    "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate",
]);
/** The settings namespace of a Beanstalk environment's environment properties. */
const BEANSTALK_ENVIRONMENT = "aws:elasticbeanstalk:application:environment";

const KEEP_IT_SECRET =
    "Keep it in Secrets Manager or an SSM SecureString parameter, read through the service's role, and pass only its name or ARN.";

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

/** A task definition's containers: a JSON string (classic provider) or a list (native provider). */
function containersOf(res: Res): unknown[] {
    const definitions = propOf(res, "containerDefinitions");
    if (typeof definitions !== "string") return listOf(definitions);
    try {
        return listOf(JSON.parse(definitions));
    } catch {
        // The provider refuses a definition that is not JSON; nothing to read here.
        return [];
    }
}

function taskDefinitionSecrets(res: Res): string[] {
    const problems: string[] = [];
    for (const container of containersOf(res)) {
        if (!container || typeof container !== "object" || isUnknown(container)) continue;
        const { name, environment } = container as { name?: unknown; environment?: unknown };
        const found = new Set<string>();
        for (const variable of listOf<{ name?: unknown; value?: unknown }>(environment)) {
            if (!variable || typeof variable !== "object" || isUnknown(variable)) continue;
            if (typeof variable.name !== "string" || !known(variable.value)) continue;
            for (const what of secretsInVariable(variable.name, variable.value)) found.add(what);
        }
        if (found.size === 0) continue;
        problems.push(
            `${describe(res)}: container ${typeof name === "string" ? `"${name}"` : "(unnamed)"} has ${listedFindings([...found])} in its environment, which ecs:DescribeTaskDefinition shows to anyone allowed it. ` +
                "Pass the secret in the container's secrets instead (valueFrom a Secrets Manager secret or an SSM SecureString parameter).",
        );
    }
    return problems;
}

/** Secrets in a map of variables (name to value); unknown maps and values are skipped. */
function secretsInVariables(variables: unknown): string[] {
    if (!variables || typeof variables !== "object" || isUnknown(variables)) return [];
    const found = new Set<string>();
    for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
        if (known(value)) for (const what of secretsInVariable(name, value)) found.add(what);
    }
    return [...found];
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

/** Secrets one AWS resource shows in plain text, as messages (never the values). */
export function awsPlaintextSecrets(res: Res): string[] {
    if (SSM_PARAMETERS.has(res.type)) return ssmParameterSecrets(res);
    if (TASK_DEFINITIONS.has(res.type)) return taskDefinitionSecrets(res);
    if (FUNCTIONS.has(res.type)) return functionSecrets(res);
    if (BEANSTALK.has(res.type)) return beanstalkSecrets(res);
    return [];
}
