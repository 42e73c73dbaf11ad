/**
 * How the cluster lets principals in (follows pulumi-eks v4.3.0
 * nodejs/eks/cluster/authenticationMode.ts, Apache-2.0): which options each authentication mode
 * allows (CONFIG_MAP, the default, maps roles and users in the aws-auth ConfigMap; API uses EKS
 * access entries; API_AND_CONFIG_MAP both), the aws-auth ConfigMap's data as YAML, and the access
 * entries with their policy associations.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as jsyaml from "js-yaml";
import type { AccessEntry, ClusterOptions, RoleMapping, UserMapping } from "./cluster";

export const CONFIG_MAP = "CONFIG_MAP";
export const API_AND_CONFIG_MAP = "API_AND_CONFIG_MAP";
export const API = "API";

/**
 * A shallow copy of the options, checked against the mode: an unknown mode, mappings (non-empty)
 * where the mode has no ConfigMap, access entries where it has no API. A mapping given as an
 * Output or Promise is checked when it resolves, and the copy holds it gated on the check.
 */
export function validateAuthenticationMode(rawArgs: ClusterOptions): ClusterOptions {
    const args: ClusterOptions = Object.assign({}, rawArgs);
    if (
        args.authenticationMode &&
        args.authenticationMode !== CONFIG_MAP &&
        args.authenticationMode !== API_AND_CONFIG_MAP &&
        args.authenticationMode !== API
    ) {
        throw new Error(
            `Invalid value for authenticationMode: ${String(args.authenticationMode)}. Allowed values are: ${CONFIG_MAP}, ${API_AND_CONFIG_MAP}, ${String(API)}.`,
        );
    }

    if (!supportsConfigMap(args.authenticationMode)) {
        const checkNonEmpty =
            (prop: keyof ClusterOptions) =>
            (pv: any): void => {
                if (pv !== undefined && pv.length !== 0) {
                    throw new Error(
                        `The '${prop}' property does not support non-empty values when 'authenticationMode' is set to ` +
                            `'${args.authenticationMode}'.`,
                    );
                }
            };
        args.roleMappings = validatedInput(args.roleMappings, checkNonEmpty("roleMappings"));
        args.userMappings = validatedInput(args.userMappings, checkNonEmpty("userMappings"));
        args.instanceRoles = validatedInput(args.instanceRoles, checkNonEmpty("instanceRoles"));
    }

    if (!supportsAccessEntries(args.authenticationMode)) {
        const apiOnlyProperties: (keyof ClusterOptions)[] = ["accessEntries"];
        for (const prop of apiOnlyProperties) {
            if (args[prop]) {
                const errorMsg = args.authenticationMode != null ? `set to '${args.authenticationMode}'` : "not set";
                throw new Error(`The '${prop}' property is not supported when 'authenticationMode' is ${errorMsg}.`);
            }
        }
    }
    return args;
}

/** Checks a value now when it is plain, else when it resolves (the result waits on the check). */
function validatedInput<T>(
    i: pulumi.Input<T> | undefined,
    validate: (value: T | pulumi.Unwrap<T> | undefined) => void,
): pulumi.Input<T> | undefined {
    if (i instanceof Promise) {
        return pulumi.output(i).apply((value) => {
            validate(value);
            return i;
        });
    } else if (pulumi.Output.isInstance(i)) {
        return i.apply((value) => {
            validate(value);
            return i;
        });
    } else if (i === undefined) {
        validate(undefined);
        return undefined;
    }
    validate(i);
    return i;
}

/** Whether the mode reads the aws-auth ConfigMap (no mode means CONFIG_MAP). */
export function supportsConfigMap(authenticationMode: string | undefined): boolean {
    return !authenticationMode || authenticationMode === CONFIG_MAP || authenticationMode === API_AND_CONFIG_MAP;
}

/** Whether the mode uses EKS access entries. */
export function supportsAccessEntries(authenticationMode: string | undefined): boolean {
    return authenticationMode === API || authenticationMode === API_AND_CONFIG_MAP;
}

/** The mapping each instance role gets, which lets its nodes join the cluster. */
function createInstanceRoleMapping(arn: pulumi.Input<string>): RoleMapping {
    return {
        roleArn: arn,
        username: "system:node:{{EC2PrivateDNSName}}",
        groups: ["system:bootstrappers", "system:nodes"],
    };
}

/** `mapRoles` as YAML: the user's role mappings, then the instance roles'. */
export function mapRolesYaml(mappings: pulumi.Unwrap<RoleMapping>[]): string {
    try {
        return jsyaml.dump(mappings.map((m) => ({ rolearn: m.roleArn, username: m.username, groups: m.groups })));
    } catch {
        throw new Error(
            `The IAM role mappings provided could not be properly serialized to YAML for the aws-auth ConfigMap`,
        );
    }
}

/** `mapUsers` as YAML. */
export function mapUsersYaml(mappings: pulumi.Unwrap<UserMapping>[]): string {
    try {
        return jsyaml.dump(mappings.map((m) => ({ userarn: m.userArn, username: m.username, groups: m.groups })));
    } catch {
        throw new Error(
            `The IAM user mappings provided could not be properly serialized to YAML for the aws-auth ConfigMap`,
        );
    }
}

/** The aws-auth ConfigMap's data: `mapRoles` always, `mapUsers` when user mappings are given. */
export function createAwsAuthData(
    instanceRoles: pulumi.Output<aws.iam.Role[]>,
    roleMappings: pulumi.Input<pulumi.Input<RoleMapping>[]> | undefined,
    userMappings: pulumi.Input<pulumi.Input<UserMapping>[]> | undefined,
): pulumi.Input<{ [key: string]: pulumi.Input<string> }> {
    const instanceRoleMappings = instanceRoles.apply((roles) =>
        roles.map((role) => createInstanceRoleMapping(role.arn)),
    );
    const mapRoles = pulumi
        .all([pulumi.output(roleMappings || []), instanceRoleMappings])
        .apply(([mappings, instanceMappings]) =>
            mapRolesYaml([...mappings, ...instanceMappings] as pulumi.Unwrap<RoleMapping>[]),
        );
    const nodeAccessData: Record<string, pulumi.Input<string>> = { mapRoles };
    if (userMappings) {
        nodeAccessData.mapUsers = pulumi.output(userMappings).apply((mappings) => mapUsersYaml(mappings));
    }
    return nodeAccessData;
}

/**
 * One `aws.eks.AccessEntry` per entry (`<component>-<key>`), and under each one
 * `aws.eks.AccessPolicyAssociation` per policy (`<component>-<key>-<association key>`).
 */
export function createAccessEntries(
    componentName: string,
    clusterName: pulumi.Input<string>,
    accessEntries: { [key: string]: AccessEntry },
    opts: pulumi.CustomResourceOptions,
): aws.eks.AccessEntry[] {
    return Object.entries(accessEntries).map(([name, accessEntry]) => {
        const entry = new aws.eks.AccessEntry(
            `${componentName}-${name}`,
            // Every key of the entry goes to the resource; it keeps the ones it knows.
            { ...(accessEntry as aws.eks.AccessEntryArgs), clusterName, userName: accessEntry.username },
            opts,
        );
        for (const [associationName, association] of Object.entries(accessEntry.accessPolicies || {})) {
            const associationOutput = pulumi.output(association);
            new aws.eks.AccessPolicyAssociation(
                `${componentName}-${name}-${associationName}`,
                {
                    accessScope: associationOutput.accessScope,
                    principalArn: accessEntry.principalArn,
                    policyArn: associationOutput.policyArn,
                    clusterName,
                },
                { ...opts, parent: entry, dependsOn: [entry] },
            );
        }
        return entry;
    });
}
