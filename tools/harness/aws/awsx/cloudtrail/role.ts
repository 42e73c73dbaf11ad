/**
 * A component's role (follows pulumi-awsx awsx/role.ts defaultRoleWithPolicies): none when
 * skipped, the given ARN, or a new `aws.iam.Role` of the component's name (its assume-role
 * policy as JSON text) with a policy attachment `<name>-<sha1(arn)>` per `policyArns` entry.
 * (The ecs namespace's task and execution roles use the same function.)
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { sha1hash } from "../../utils";

export type RoleDefaults = Omit<aws.iam.RoleArgs, "assumeRolePolicy"> & {
    assumeRolePolicy: pulumi.Input<string> | aws.types.input.iam.PolicyDocument;
    /** ARNs of the policies to attach to the created role. */
    policyArns?: string[];
};

export function defaultRoleWithPolicies(
    name: string,
    inputs: awsx.types.input.awsx.DefaultRoleWithPolicyArgs | undefined,
    defaults: RoleDefaults,
    opts: pulumi.ResourceOptions,
): { roleArn?: pulumi.Output<string>; role?: aws.iam.Role; policies?: aws.iam.RolePolicyAttachment[] } {
    if (inputs?.roleArn !== undefined && inputs?.args !== undefined) {
        throw new Error("Can't define role args if specified an existing role ARN");
    }
    if (inputs?.skip === true) return {};
    if (inputs?.roleArn !== undefined) return { roleArn: pulumi.output(inputs.roleArn) as pulumi.Output<string> };
    const args = { ...defaults, ...inputs?.args } as RoleDefaults;
    const assumeRolePolicy =
        typeof args.assumeRolePolicy === "string" ? args.assumeRolePolicy : JSON.stringify(args.assumeRolePolicy);
    const roleArgs: aws.iam.RoleArgs & { policyArns?: string[] } = { ...args, assumeRolePolicy };
    delete roleArgs.policyArns;

    const role = new aws.iam.Role(name, roleArgs, opts);
    const policies = args.policyArns?.map(
        (policyArn) =>
            new aws.iam.RolePolicyAttachment(`${name}-${sha1hash(policyArn)}`, { role: role.name, policyArn }, opts),
    );
    return { role, policies, roleArn: role.arn };
}
