// Runs one preflight policy on one resource, with the resource's logical name (autonaming uses it).
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { resourceArgs } from "../helpers";

export async function check(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, any>,
    logicalName = "subject",
): Promise<string[]> {
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const validate of validations) {
        await validate(resourceArgs(policy, type, props, {}, logicalName), (message) => messages.push(message));
    }
    return messages;
}
