/**
 * The IAM role awsx makes for a component that needs one (follows pulumi-awsx awsx/role.ts): none
 * when skipped, the given ARN, or a new `aws.iam.Role` of the component's name (its assume-role
 * policy as JSON text) with a managed policy attachment `<name>-<sha1(arn)>` per `policyArns`
 * entry. Shared by every namespace whose source calls `defaultRoleWithPolicies` (ecs's task and
 * execution roles, cloudtrail's logs role), as the provider shares its one role.ts.
 *
 * The ECS defaults (policy ARNs and trust) live here too because the provider keeps them in
 * role.ts: one file per source file keeps this one comparable with its source side by side.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { sha1hash } from "../utils";

/** The role arguments a component defaults, with the managed policies to attach to the role. */
export type RoleDefaults = aws.iam.RoleArgs & {
    /** ARNs of the policies to attach to the created role. */
    policyArns?: string[];
};

/** The role made (or named) for a component. */
export interface DefaultRole {
    roleArn?: pulumi.Output<string>;
    role?: aws.iam.Role;
    policies?: aws.iam.RolePolicyAttachment[];
}

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

/**
 * role.ts `defaultRoleWithPolicies`: nothing when skipped, the given ARN when one is named, else
 * `aws.iam.Role` `name` with `defaults` under the program's `args`, and an
 * `aws.iam.RolePolicyAttachment` `<name>-<sha1(arn)>` per policy ARN, both with `opts`.
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
