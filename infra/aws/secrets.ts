import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { nameTag } from "./tags";

/**
 * The Parameter Store path of a stack's server secrets: `/webtier/<stack>/`. One path per stack,
 * so the servers' role can be granted that path and nothing else.
 */
export function secretsPath(stackName: string): string {
    if (!/^[A-Za-z0-9-]+$/.test(stackName)) {
        throw new Error(
            `webtier: the stack name "${stackName}" cannot be a Parameter Store path segment (letters, digits and dashes only)`,
        );
    }
    return `/webtier/${stackName}/`;
}

/** The parameter holding the servers' `.env` (SecureString). */
export function envParameterName(stackName: string): string {
    return `${secretsPath(stackName)}laravel-env`;
}

/**
 * The ARN pattern of every parameter under a path, in the account and region of `parameterArn`
 * (any parameter of the stack): `arn:aws:ssm:<region>:<account>:parameter/webtier/<stack>/*`.
 * A parameter ARN names the parameter without its leading slash.
 */
export function pathArnPattern(parameterArn: string, path: string): string {
    const marker = ":parameter/";
    const at = parameterArn.indexOf(marker);
    if (at < 0) throw new Error(`webtier: "${parameterArn}" is not an SSM parameter ARN`);
    return `${parameterArn.slice(0, at + marker.length)}${path.replace(/^\/+/, "")}*`;
}

/** Escape hatches for the secrets' children, by role. */
export interface ServerSecretsTransform {
    key?: Transform<aws.kms.KeyArgs>;
    alias?: Transform<aws.kms.AliasArgs>;
    /** The `.env` parameter. */
    parameter?: Transform<aws.ssm.ParameterArgs>;
}

export interface ServerSecretsArgs {
    /** The stack's resource prefix: the parameters live under `/webtier/<stackName>/`. Required. */
    stackName: string;
    /** The servers' `.env`, a secret Output (renderLaravelEnv). Required. */
    laravelEnv: pulumi.Input<string>;
    /** Escape hatches for the children. Default: none. */
    transform?: ServerSecretsTransform;
}

/**
 * Where the app servers' secrets live on AWS: SecureString parameters in Systems Manager
 * Parameter Store under `/webtier/<stack>/`, encrypted with a KMS key of the stack's own.
 *
 * Why not in the user data: EC2 returns user data to anyone allowed
 * `ec2:DescribeInstanceAttribute` and to every process on the instance through the metadata
 * service, and a password in it ties the password to the server (changing it replaced every
 * server). The parameter changes on its own; the servers read it at boot and on every release,
 * or on `webtier-env refresh`.
 *
 * Why a stack key rather than the account's `aws/ssm` key: the `aws/ssm` key's policy lets every
 * principal of the account decrypt through Parameter Store, so with it only the
 * `ssm:GetParameter` grant stands between another workload's role and this stack's passwords. A
 * stack key makes `kms:Decrypt` a second, separate grant that only the servers' role (and the
 * account's administrators, through the default key policy) has, shows every decryption in
 * CloudTrail under one key, and can be disabled to cut the servers off. It costs $1 a month;
 * rotation is yearly and automatic.
 *
 * The value is the whole rendered `.env` (about 1.5 KB, 2 KB with the longest config values),
 * so the file on the server is exactly what the program rendered, quoting included, and one
 * `GetParameter` call fetches it. Intelligent-Tiering keeps it a free standard parameter
 * unless it ever outgrows 4 KB.
 */
export class ServerSecrets extends pulumi.ComponentResource {
    /** The stack key that encrypts the parameters. */
    public readonly key: aws.kms.Key;
    /** The `.env` parameter. */
    public readonly envParameter: aws.ssm.Parameter;
    /** `/webtier/<stack>/`. */
    public readonly path: string;
    /** The `.env` parameter's name, as the servers ask for it. */
    public readonly envParameterName: string;
    /** `arn:aws:ssm:<region>:<account>:parameter/webtier/<stack>/*`: what the servers may read. */
    public readonly pathArn: pulumi.Output<string>;

    constructor(name: string, args: ServerSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:ServerSecrets", name, {}, opts);
        const t = args.transform ?? {};
        this.path = secretsPath(args.stackName);
        this.envParameterName = envParameterName(args.stackName);

        const keyName = childName(name, "secrets-key");
        this.key = new aws.kms.Key(
            ...transform(
                t.key,
                keyName,
                {
                    description: `webtier ${args.stackName}: app server secrets in Parameter Store (${this.path})`,
                    enableKeyRotation: true,
                    deletionWindowInDays: 30,
                    tags: nameTag(keyName),
                },
                { parent: this },
            ),
        );
        new aws.kms.Alias(
            ...transform(
                t.alias,
                childName(name, "secrets-key-alias"),
                {
                    name: `alias/webtier/${args.stackName}/secrets`,
                    targetKeyId: this.key.keyId,
                },
                { parent: this },
            ),
        );

        const parameterName = childName(name, "laravel-env");
        this.envParameter = new aws.ssm.Parameter(
            ...transform(
                t.parameter,
                parameterName,
                {
                    name: this.envParameterName,
                    description: `webtier ${args.stackName}: the app servers' .env (webtier-env installs it as /var/www/app/shared/.env)`,
                    type: "SecureString",
                    keyId: this.key.arn,
                    value: pulumi.secret(args.laravelEnv),
                    tier: "Intelligent-Tiering",
                    tags: nameTag(parameterName),
                },
                { parent: this },
            ),
        );

        this.pathArn = this.envParameter.arn.apply((arn) => pathArnPattern(arn, this.path));
        this.registerOutputs({ path: this.path, envParameter: this.envParameterName, keyArn: this.key.arn });
    }
}
