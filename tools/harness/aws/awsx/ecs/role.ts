/**
 * The IAM roles awsx makes for a component that needs one (pulumi-awsx awsx/role.ts): a role
 * named after the component, with a managed policy attachment per default policy ARN, unless the
 * program names an existing role or skips it. Reusable by any namespace whose source calls
 * `defaultRoleWithPolicies`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import { sha1hash } from "../../utils";

/** The role arguments a component defaults, with the managed policies to attach to it. */
export type RoleDefaults = aws.iam.RoleArgs & { policyArns?: string[] };

/** What the ECS agent needs to pull images and write logs (role.ts `defaultExecutionRolePolicyARNs`). */
export function defaultExecutionRolePolicyARNs(): string[] {
    return ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"];
}

/** None: the source lists Lambda and ECS full access, both commented out. */
export function defaultTaskRolePolicyARNs(): string[] {
    return [];
}

/** Trust for ECS tasks, key order as the source writes it (it is stringified as is). */
export function defaultRoleAssumeRolePolicy(): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Action: "sts:AssumeRole",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Effect: "Allow",
                Sid: "",
            },
        ],
    };
}

/** The role made (or named) for a component. */
export interface DefaultRole {
    roleArn?: pulumi.Output<string>;
    role?: aws.iam.Role;
    policies?: aws.iam.RolePolicyAttachment[];
}

/**
 * role.ts `defaultRoleWithPolicies`: nothing when skipped, the given ARN when one is named, else
 * `aws.iam.Role` `name` with `defaults` under the program's `args`, and an
 * `aws.iam.RolePolicyAttachment` `<name>-<sha1(arn)>` per policy ARN.
 */
export function defaultRoleWithPolicies(
    name: string,
    inputs: awsx.types.input.awsx.DefaultRoleWithPolicyArgs | undefined,
    defaults: RoleDefaults,
    opts: pulumi.ResourceOptions,
): DefaultRole {
    if (inputs?.roleArn !== undefined && inputs?.args !== undefined) {
        throw new Error("Can't define role args if specified an existing role ARN");
    }
    if (inputs?.skip === true) return {};
    if (inputs?.roleArn !== undefined) return { roleArn: pulumi.output(inputs.roleArn) as pulumi.Output<string> };
    const args: RoleDefaults = { ...defaults, ...inputs?.args };
    const assumeRolePolicy =
        typeof args.assumeRolePolicy === "string" ? args.assumeRolePolicy : JSON.stringify(args.assumeRolePolicy);
    const roleArgs: RoleDefaults = { ...args, assumeRolePolicy };
    delete roleArgs.policyArns;
    const role = new aws.iam.Role(name, roleArgs, opts);
    const policies = args.policyArns?.map(
        (policyArn) =>
            new aws.iam.RolePolicyAttachment(`${name}-${sha1hash(policyArn)}`, { role: role.name, policyArn }, opts),
    );
    return { role, policies, roleArn: role.arn };
}
