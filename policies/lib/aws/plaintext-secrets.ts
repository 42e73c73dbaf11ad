/**
 * Where AWS shows a secret to whoever may read a resource's configuration
 * (webtier-plaintext-secrets), each with the API that answers it:
 * - SSM parameters of type String or StringList (the classic provider's `value`, `insecureValue`
 *   and write-only `valueWo`; the native provider's `value`): `ssm:GetParameter` and
 *   `ssm:GetParameterHistory` answer the value unencrypted, and the console shows it;
 * - ECS container definitions' `environment`, `command` and `entryPoint` (a JSON string in the
 *   classic provider, objects in the native one): `ecs:DescribeTaskDefinition`;
 * - Lambda functions' `environment.variables`: `lambda:GetFunctionConfiguration`;
 * - Elastic Beanstalk environment properties (settings in the
 *   `aws:elasticbeanstalk:application:environment` namespace, on an environment or a
 *   configuration template, the classic provider's `settings` or the native one's
 *   `optionSettings`): `elasticbeanstalk:DescribeConfigurationSettings`;
 * - App Runner services' `runtimeEnvironmentVariables` (image or code configuration):
 *   `apprunner:DescribeService` (secrets belong in `runtimeEnvironmentSecrets`, ARNs);
 * - CodeBuild projects' environment variables of type PLAINTEXT (the default) and their inline
 *   buildspecs (`env: variables:` and the commands): `codebuild:BatchGetProjects` (types
 *   PARAMETER_STORE and SECRETS_MANAGER, and a buildspec's `parameter-store:` and
 *   `secrets-manager:`, hold a name);
 * - Amplify apps' and branches' `environmentVariables`: `amplify:GetApp`, `amplify:GetBranch`;
 * - Batch job definitions' containers' `environment` and command line (container, ECS,
 *   multi-node and EKS properties): `batch:DescribeJobDefinitions`;
 * - Lightsail container deployments' `environment`: `lightsail:GetContainerServiceDeployments`.
 * And where the secret store itself hands a secret out: a Secrets Manager secret whose resource
 * policy (the secret's `policy`, or a SecretPolicy) lets every principal (`Principal: "*"`,
 * `NotPrincipal`) call `secretsmanager:GetSecretValue` without a condition naming fixed sources:
 * every role of the account reads it, and every AWS account when its KMS key allows too.
 * None of these places expands variables, so a value starting with `$` is the secret as written
 * (only a script handed to a shell, `sh -c "..."`, reads `$DB_PASSWORD` as a reference).
 * Values unknown during preview are not judged here (they are on `pulumi up`, and by the check,
 * which evaluates with every value known by default).
 */
import {
    type Reading,
    SCRIPT,
    VERBATIM,
    holdsNoSecret,
    isSecretName,
    listedFindings,
    secretsInText,
    secretsInVariable,
} from "../secrets";
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
    "aws-native:elasticbeanstalk:Environment",
    "aws-native:elasticbeanstalk:ConfigurationTemplate",
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

/** Pulumi's autonaming suffix: a dash and 7 random characters (`db-password-1a2b3c4`). */
const AUTONAME_SUFFIX = /-(?=[a-z0-9]*\d)[a-z0-9]{7}$/;

/**
 * The names that say what a parameter holds: the last segment of its name, a path
 * (`/app/prod/db_password`), without the suffix autonaming adds (`db-password-1a2b3c4`, whose
 * last word would hide the secret's), and the resource's own name.
 */
function parameterNames(res: Res): string[] {
    const leaf = (name: string) => name.split("/").pop() ?? "";
    const name = propOf(res, "name");
    const names = [leaf(res.name)];
    if (known(name)) names.unshift(leaf(name).replace(AUTONAME_SUFFIX, ""));
    return [...new Set(names)];
}

function ssmParameterSecrets(res: Res): string[] {
    const type = propOf(res, "type");
    if (type !== "String" && type !== "StringList") return [];
    const secretName = parameterNames(res).find(isSecretName);
    const found = new Set<string>();
    for (const key of ["value", "insecureValue", "valueWo"]) {
        const value = propOf(res, key);
        if (!known(value)) continue;
        if (secretName !== undefined && !holdsNoSecret(value.trim(), VERBATIM))
            found.add(`a secret by its name (${secretName})`);
        // A StringList's items are comma-separated (API ssm PutParameter Value): each is read as a line of its own.
        for (const what of secretsInText(type === "StringList" ? value.split(",").join("\n") : value, VERBATIM))
            found.add(what);
    }
    if (found.size === 0) return [];
    return [
        `${describe(res)} is a ${type} parameter holding ${listedFindings([...found])}: ssm:GetParameter answers its value unencrypted to anyone allowed it, and the console shows it. ` +
            'Make it a SecureString (type "SecureString", encrypted with a KMS key) or keep the secret in Secrets Manager.',
    ];
}

/** A shell given a script to run (`sh -c "..."`, `/bin/bash -ec "..."`): the word after the flag is the script. */
const SHELL = /(^|\/)(sh|bash|ash|dash|zsh)$/;
const SCRIPT_FLAG = /^-[a-z]*c[a-z]*$/;

/**
 * Kubernetes expands `$(NAME)` in a container's command and args from its environment (the
 * closing parenthesis may be cut off where an option's value ends at one).
 */
const KUBERNETES_COMMAND: Reading = { isReference: (value) => /^\$\([A-Za-z_][A-Za-z0-9_]*\)?$/.test(value) };

/**
 * What a container's command line holds, its words in the order the container runs them (ECS'
 * `entryPoint` then `command`, EKS' `command` then `args`). A script handed to a shell is read as
 * a script (the shell resolves `$REDIS_PASSWORD` from the container's secrets); the other words
 * are read as the runtime passes them, joined by blanks (`redis-server --requirepass ...`).
 */
function secretsInCommand(lists: unknown[], reading: Reading = VERBATIM): string[] {
    const words = lists.flatMap((list) => listOf(list)).filter((word): word is string => known(word));
    const found = new Set<string>();
    const passed: string[] = [];
    for (let i = 0; i < words.length; i++) {
        if (SHELL.test(words[i]) && SCRIPT_FLAG.test(words[i + 1] ?? "") && i + 2 < words.length) {
            for (const what of secretsInText(words[i + 2], SCRIPT)) found.add(what);
            passed.push(words[i], words[i + 1]);
            i += 2;
            continue;
        }
        const word = words[i];
        // Quoted as a shell would need it, so a word with blanks stays one value.
        passed.push(/[\s"']/.test(word) ? (word.includes('"') ? `'${word}'` : `"${word}"`) : word);
    }
    for (const what of secretsInText(passed.join(" "), reading)) found.add(what);
    return [...found];
}

/** Where a container holds its findings, in words: "the X variable in its environment and a URL ... in its command line". */
function containerPlaces(environment: string[], command: string[]): string {
    return [
        environment.length > 0 ? `${listedFindings(environment)} in its environment` : "",
        command.length > 0 ? `${listedFindings(command)} in its command line` : "",
    ]
        .filter(Boolean)
        .join(" and ");
}

/** How a container gets a secret instead, for ECS and Batch alike. */
const CONTAINER_SECRETS =
    "Pass the secret in the container's secrets instead (valueFrom a Secrets Manager secret or an SSM SecureString parameter); a command reads it from the variable that sets (`sh -c 'exec redis-server --requirepass \"$REDIS_PASSWORD\"'`).";

function taskDefinitionSecrets(res: Res): string[] {
    const problems: string[] = [];
    // A JSON string in the classic provider, a list in the native one.
    for (const container of listOf(documentOf(propOf(res, "containerDefinitions")))) {
        const { name, environment, entryPoint, command } = objectOf(container) ?? {};
        const inEnvironment = secretsInVariables(environment);
        const inCommand = secretsInCommand([entryPoint, command]);
        if (inEnvironment.length === 0 && inCommand.length === 0) continue;
        problems.push(
            `${describe(res)}: container ${typeof name === "string" ? `"${name}"` : "(unnamed)"} has ${containerPlaces(inEnvironment, inCommand)}, which ecs:DescribeTaskDefinition shows to anyone allowed it. ${CONTAINER_SECRETS}`,
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
            for (const what of secretsInVariable(name, value, VERBATIM)) found.add(what);
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

type BeanstalkSetting = { namespace?: unknown; name?: unknown; optionName?: unknown; value?: unknown };

function beanstalkSecrets(res: Res): string[] {
    const found = new Set<string>();
    // `settings` with `name` in the classic provider, `optionSettings` with `optionName` in the native one.
    const settings = listOf<BeanstalkSetting>(
        propOf(res, res.type.startsWith("aws-native:") ? "optionSettings" : "settings"),
    );
    for (const setting of settings) {
        if (!setting || typeof setting !== "object" || isUnknown(setting)) continue;
        const name = setting.name ?? setting.optionName;
        if (setting.namespace !== BEANSTALK_ENVIRONMENT || typeof name !== "string") continue;
        if (known(setting.value)) for (const what of secretsInVariable(name, setting.value, VERBATIM)) found.add(what);
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

/** A buildspec's blocks that map variables to the names of parameters and secrets (`DB_PASSWORD: /ci/db_password`). */
const BUILDSPEC_NAMES = /^(\s*)(parameter-store|secrets-manager)\s*:\s*$/;

/** A buildspec without its `parameter-store:` and `secrets-manager:` blocks, whose values are names. */
export function buildspecWithoutNames(buildspec: string): string {
    const kept: string[] = [];
    let blockIndent: number | undefined;
    for (const line of buildspec.split(/\r?\n/)) {
        const indent = /^\s*/.exec(line)![0].length;
        if (blockIndent !== undefined && (line.trim() === "" || indent > blockIndent)) continue;
        const names = BUILDSPEC_NAMES.exec(line);
        blockIndent = names ? names[1].length : undefined;
        if (!names) kept.push(line);
    }
    return kept.join("\n");
}

function codeBuildSecrets(res: Res): string[] {
    const problems: string[] = [];
    const environment = objectOf(listOf(propOf(res, "environment"))[0]);
    const found = secretsInVariables(environment?.environmentVariables);
    if (found.length > 0)
        problems.push(
            `${describe(res)} has ${listedFindings(found)} in a PLAINTEXT environment variable (the default type), which codebuild:BatchGetProjects shows to anyone allowed it. ` +
                'Give the variable type "SECRETS_MANAGER" or "PARAMETER_STORE" and, as its value, the name of the secret or SecureString parameter.',
        );
    // An inline buildspec (`buildspec` in the classic provider, `buildSpec` in the native one) is
    // part of the project; one naming a file in the source is a path, and holds nothing.
    const buildspecs = [propOf(res, "source"), ...listOf(propOf(res, "secondarySources"))]
        .map((source) => objectOf(listOf(source)[0]))
        .map((source) => source?.buildspec ?? source?.buildSpec);
    const inBuildspec = new Set<string>();
    for (const buildspec of buildspecs) {
        // Its commands run in a shell, which resolves their variables.
        if (known(buildspec))
            for (const what of secretsInText(buildspecWithoutNames(buildspec), SCRIPT)) inBuildspec.add(what);
    }
    if (inBuildspec.size > 0)
        problems.push(
            `${describe(res)} has ${listedFindings([...inBuildspec])} in its inline buildspec, which codebuild:BatchGetProjects shows to anyone allowed it. ` +
                "Map the variable to the secret under env: secrets-manager: (or parameter-store:, a SecureString parameter) instead, which holds only its name.",
        );
    return problems;
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

/** A container of a Batch job definition, and whether it runs in an EKS pod (which expands `$(NAME)` in its command). */
type BatchContainer = { container: Record<string, unknown>; pod: boolean };

/** The containers of a Batch job definition, wherever its properties put them. */
function batchContainers(res: Res): BatchContainer[] {
    const containers: BatchContainer[] = [];
    const ecs = (properties: unknown) => {
        for (const task of listOf(objectOf(documentOf(properties))?.taskProperties)) {
            for (const container of listOf(objectOf(task)?.containers))
                containers.push({ container: objectOf(container) ?? {}, pod: false });
        }
    };
    const eks = (properties: unknown) => {
        const pod = objectOf(listOf(objectOf(listOf(documentOf(properties))[0])?.podProperties)[0]);
        for (const list of [pod?.containers, pod?.initContainers]) {
            for (const container of listOf(list)) containers.push({ container: objectOf(container) ?? {}, pod: true });
        }
    };
    const container = objectOf(documentOf(propOf(res, "containerProperties")));
    if (container) containers.push({ container, pod: false });
    ecs(propOf(res, "ecsProperties"));
    eks(propOf(res, "eksProperties"));
    for (const range of listOf(objectOf(documentOf(propOf(res, "nodeProperties")))?.nodeRangeProperties)) {
        const node = objectOf(range);
        const nodeContainer = objectOf(node?.container);
        if (nodeContainer) containers.push({ container: nodeContainer, pod: false });
        ecs(node?.ecsProperties);
        eks(node?.eksProperties);
    }
    return containers;
}

function batchSecrets(res: Res): string[] {
    const inEnvironment = new Set<string>();
    const inCommand = new Set<string>();
    for (const { container, pod } of batchContainers(res)) {
        // `environment` in ECS containers, `env` in EKS ones (`envs` in the classic provider).
        for (const list of [container.environment, container.env, container.envs]) {
            for (const what of secretsInVariables(list)) inEnvironment.add(what);
        }
        // ECS containers run `command` as given; EKS ones run `command` then `args`, expanding `$(NAME)`.
        const command = pod
            ? secretsInCommand([container.command, container.args], KUBERNETES_COMMAND)
            : secretsInCommand([container.command]);
        for (const what of command) inCommand.add(what);
    }
    if (inEnvironment.size === 0 && inCommand.size === 0) return [];
    return [
        `${describe(res)}: a container has ${containerPlaces([...inEnvironment], [...inCommand])}, which batch:DescribeJobDefinitions shows to anyone allowed it. ${CONTAINER_SECRETS}`,
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
