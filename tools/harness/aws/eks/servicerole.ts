/**
 * `eks:index:ServiceRole`, the local component the eks provider wraps its IAM roles in (follows
 * pulumi-eks v4.3.0 nodejs/eks/servicerole.ts, Apache-2.0): an `aws.iam.Role` named
 * `<name>-role` that the service may assume, and one `aws.iam.RolePolicyAttachment` per managed
 * policy, named `<name>-<first 8 hex of the SHA-1 of the policy's id>` (the id is the policy's
 * `arn:aws:` ARN, so the names do not change with the partition). The component is not remote:
 * the provider builds it inside the Cluster's Construct, so it registers here as it does there.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

/** The first 8 hex digits of the SHA-1 of `s`: short, stable resource names. */
export function sha1hash(s: string): string {
    return createHash("sha1").update(s).digest("hex").substring(0, 8);
}

export interface ServiceRoleArgs {
    /** The service principal that may assume the role ("eks.amazonaws.com"). */
    readonly service: pulumi.Input<string>;
    readonly description?: pulumi.Input<string>;
    /** Managed policies to attach: `id` names the attachment, `arn` is attached. */
    readonly managedPolicyArns?: { id: string; arn: pulumi.Input<string> }[];
    readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** The trust policy's actions; ["sts:AssumeRole"] by default. */
    readonly assumeRoleActions?: pulumi.Input<string[]>;
}

/** The trust policy document, as the provider stringifies it. */
export function assumeRolePolicyDocument(service: string, actions: unknown): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Action: actions ?? ["sts:AssumeRole"],
                Effect: "Allow",
                Principal: { Service: [service] },
            },
        ],
    });
}

export class ServiceRole extends pulumi.ComponentResource {
    /** The role, once every policy is attached (what the cluster waits for). */
    readonly resolvedRole: pulumi.Output<aws.iam.Role>;
    /** The role itself, without the wait on its attachments. */
    readonly directRole: aws.iam.Role;

    constructor(name: string, args: ServiceRoleArgs, opts?: pulumi.ResourceOptions) {
        // The provider passes its arguments as the component's inputs (ComponentResource sends them).
        super("eks:index:ServiceRole", name, args, opts);

        // `assumeRoleActions` is read as given, not unwrapped: the provider's JSON.stringify sees it so.
        const assumeRolePolicy = pulumi
            .output(args.service)
            .apply((service) => assumeRolePolicyDocument(service, args.assumeRoleActions));
        const role = new aws.iam.Role(
            `${name}-role`,
            { description: args.description, assumeRolePolicy, tags: args.tags },
            { parent: this },
        );

        const attachments = (args.managedPolicyArns ?? []).map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${sha1hash(policy.id)}`,
                    { policyArn: policy.arn, role },
                    { parent: this },
                ),
        );

        this.directRole = role;
        this.resolvedRole = pulumi.all([role.arn, ...attachments.map((r) => r.id)]).apply(() => role);
        this.registerOutputs({ resolvedRole: this.resolvedRole, directRole: this.directRole });
    }
}
