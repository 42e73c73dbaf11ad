// The eks cluster side's pure logic, on its own: the kubeconfig, names, the SDK's argument
// defaults, which options stay remote, the aws-auth YAML, the CNI environment, and the computed
// cluster fields the AWS mocks are to fill in.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Addon } from "../../../../../tools/harness/aws/eks/addons/addon";
import {
    computeEnv,
    mergeConfigurationValues,
    SdkVpcCniAddon,
    vpcCniSdkArgs,
} from "../../../../../tools/harness/aws/eks/addons/cni-addon";
import {
    fargateProfileName,
    generateKubeconfig,
    oidcIssuerUrlOf,
    unsupportedClusterArgs,
    validateClusterOptions,
} from "../../../../../tools/harness/aws/eks/cluster/cluster";
import {
    mapRolesYaml,
    mapUsersYaml,
    validateAuthenticationMode,
} from "../../../../../tools/harness/aws/eks/cluster/authenticationMode";
import { clusterProviderArgs } from "../../../../../tools/harness/aws/eks/cluster/sdk-args";
import { storageClassMetadata } from "../../../../../tools/harness/aws/eks/cluster/storageclass";
import { eksComponents } from "../../../../../tools/harness/aws/eks";
import { eksClusterComputed } from "../../../../../tools/harness/aws/eks/computed";
import { assumeRolePolicyDocument, sha1hash } from "../../../../../tools/harness/aws/eks/servicerole";
import { getRegionFromArn } from "../../../../../tools/harness/aws/eks/utilities";

/** An Output's value, outside a program (pulumi's test mode resolves known values). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("eks cluster logic", () => {
    it("generateKubeconfig: `aws eks get-token` for the cluster, with --role and (when asked) --profile", async () => {
        const config = await valueOf(
            generateKubeconfig("c", "https://E.gr7.us-west-2.eks.amazonaws.com", "us-west-2", true, "Q0E=", {
                roleArn: "arn:aws:iam::1:role/r",
                profileName: "p",
            }),
        );
        assert.deepStrictEqual(config, {
            apiVersion: "v1",
            clusters: [
                {
                    cluster: {
                        server: "https://E.gr7.us-west-2.eks.amazonaws.com",
                        "certificate-authority-data": "Q0E=",
                    },
                    name: "kubernetes",
                },
            ],
            contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
            "current-context": "aws",
            kind: "Config",
            users: [
                {
                    name: "aws",
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1beta1",
                            command: "aws",
                            args: [
                                "--region",
                                "us-west-2",
                                "eks",
                                "get-token",
                                "--cluster-name",
                                "c",
                                "--output",
                                "json",
                                "--role",
                                "arn:aws:iam::1:role/r",
                                "--profile",
                                "p",
                            ],
                            env: [
                                {
                                    name: "KUBERNETES_EXEC_INFO",
                                    value: '{"apiVersion": "client.authentication.k8s.io/v1beta1"}',
                                },
                            ],
                        },
                    },
                },
            ],
        });
        const withoutProfile = await valueOf(generateKubeconfig("c", "e", "r", false, undefined, { profileName: "p" }));
        assert.deepStrictEqual(withoutProfile.users[0].user.exec.args.length, 8);
    });

    it("fargateProfileName: AWS reserves names starting with eks-", () => {
        assert.strictEqual(fargateProfileName("web"), "web-fargateProfile");
        assert.strictEqual(fargateProfileName("eks"), "eksfargateProfile");
        assert.strictEqual(fargateProfileName("EKS-prod"), "EKS_prodfargateProfile");
    });

    it("oidcIssuerUrlOf: the first identity's issuer, else empty", () => {
        assert.strictEqual(oidcIssuerUrlOf([{ oidcs: [{ issuer: "https://i" }] }]), "https://i");
        assert.strictEqual(oidcIssuerUrlOf([]), "");
        assert.strictEqual(oidcIssuerUrlOf(undefined), "");
    });

    it("getRegionFromArn, and the provider's error on a malformed ARN", () => {
        assert.strictEqual(getRegionFromArn("arn:aws:eks:eu-west-1:1:cluster/c"), "eu-west-1");
        assert.throws(() => getRegionFromArn("cluster/c"), /^Error: Invalid ARN: 'cluster\/c'$/);
    });

    it("the SDK's arguments as the provider receives them: only its inputs, defaults filled, keys sorted", () => {
        const args = clusterProviderArgs({
            vpcId: "v",
            corednsAddonOptions: {},
            kubeProxyAddonOptions: { resolveConflictsOnUpdate: "PRESERVE" },
            vpcCniOptions: {},
            autoMode: { enabled: true },
            notAnInput: 1,
        } as never);
        assert.deepStrictEqual(args, {
            autoMode: { createNodeRole: true, enabled: true },
            corednsAddonOptions: {
                enabled: true,
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
            },
            kubeProxyAddonOptions: { resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "PRESERVE" },
            vpcCniOptions: { resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE" },
            vpcId: "v",
        });
        assert.deepStrictEqual(Object.keys(vpcCniSdkArgs({ clusterName: "c" })), [
            "clusterName",
            "resolveConflictsOnCreate",
            "resolveConflictsOnUpdate",
        ]);
    });

    it("unsupportedClusterArgs: creationRoleProvider, default nodes the nodes side does not build", () => {
        const subnets = { vpcId: "v", privateSubnetIds: ["s"] };
        assert.deepStrictEqual(unsupportedClusterArgs({ ...subnets, fargate: false }), []);
        assert.deepStrictEqual(unsupportedClusterArgs({ ...subnets, creationRoleProvider: {} as never }), [
            "creationRoleProvider",
        ]);
        assert.deepStrictEqual(unsupportedClusterArgs({ ...subnets, fargate: true }), []);
        assert.deepStrictEqual(unsupportedClusterArgs({ vpcId: "v", subnetIds: ["s"] }), []);
        assert.deepStrictEqual(unsupportedClusterArgs({ subnetIds: ["s"], nodeSubnetIds: ["s"] }), []);
        assert.strictEqual(
            unsupportedClusterArgs({ ...subnets, nodeGroupOptions: { operatingSystem: "Bottlerocket" } }).length,
            1,
        );
        // No default node group: its options are not used.
        assert.deepStrictEqual(
            unsupportedClusterArgs({
                skipDefaultNodeGroup: true,
                nodeGroupOptions: { operatingSystem: "Bottlerocket" },
            }),
            [],
        );
    });

    it("validateClusterOptions and validateAuthenticationMode: the provider's checks, and what passes", () => {
        assert.doesNotThrow(() => validateClusterOptions({ nodeGroupOptions: {}, nodeRootVolumeSize: 0 }));
        assert.throws(() => validateClusterOptions({ nodeGroupOptions: {}, gpu: true }), /mutually exclusive/);
        // Empty mappings are allowed in API mode.
        assert.doesNotThrow(() => validateAuthenticationMode({ authenticationMode: "API", roleMappings: [] }));
        assert.throws(
            () => validateAuthenticationMode({ authenticationMode: "CONFIG_MAP", accessEntries: {} }),
            /^Error: The 'accessEntries' property is not supported when 'authenticationMode' is set to 'CONFIG_MAP'\.$/,
        );
    });

    it("mapRolesYaml and mapUsersYaml: the aws-auth ConfigMap's YAML, as js-yaml dumps it", () => {
        assert.strictEqual(
            mapRolesYaml([
                { roleArn: "arn:r", username: "system:node:{{EC2PrivateDNSName}}", groups: ["system:nodes"] },
            ]),
            "- rolearn: arn:r\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:nodes\n",
        );
        assert.strictEqual(mapRolesYaml([]), "[]\n");
        assert.strictEqual(
            mapUsersYaml([{ userArn: "arn:u", username: "u", groups: [] }]),
            "- userarn: arn:u\n  username: u\n  groups: []\n",
        );
    });

    it("storageClassMetadata: the default-class annotation added to the user's", () => {
        assert.deepStrictEqual(storageClassMetadata({ annotations: { a: "b" } }, true), {
            annotations: { a: "b", "storageclass.kubernetes.io/is-default-class": "true" },
        });
        assert.deepStrictEqual(storageClassMetadata({}, false), {});
    });

    it("ServiceRole's trust policy and attachment names", () => {
        assert.strictEqual(
            assumeRolePolicyDocument("ec2.amazonaws.com", undefined),
            '{"Version":"2012-10-17","Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]}}]}',
        );
        assert.strictEqual(sha1hash("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"), "4b490823");
    });

    it("the CNI's environment: the provider's defaults, and the user's configuration winning", async () => {
        const { env, initEnv } = computeEnv({ warmIpTarget: 3, externalSnat: true });
        const resolved = await valueOf(pulumi.all([pulumi.output(env), pulumi.output(initEnv)]));
        assert.deepStrictEqual(resolved[0], {
            WARM_ENI_TARGET: "1",
            WARM_IP_TARGET: "3",
            AWS_VPC_K8S_CNI_LOGLEVEL: "DEBUG",
            AWS_VPC_K8S_CNI_LOG_FILE: "/host/var/log/aws-routed-eni/ipamd.log",
            AWS_VPC_K8S_CNI_VETHPREFIX: "eni",
            AWS_VPC_ENI_MTU: "9001",
            AWS_VPC_K8S_PLUGIN_LOG_LEVEL: "DEBUG",
            AWS_VPC_K8S_PLUGIN_LOG_FILE: "/var/log/aws-routed-eni/plugin.log",
            ENABLE_POD_ENI: "false",
            AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "false",
            AWS_VPC_K8S_CNI_EXTERNALSNAT: "true",
        });
        assert.deepStrictEqual(resolved[1], { DISABLE_TCP_EARLY_DEMUX: "false" });
        assert.throws(
            () => computeEnv({ externalSnat: true, cniExternalSnat: true }),
            /^Error: Please specify one of `cniExternalSnat` or `externalSnat` in your VpcCniOptions$/,
        );
        assert.deepStrictEqual(
            mergeConfigurationValues({ A: "1", B: "2" }, { C: "3" }, true, { env: { B: "x" }, init: {} }),
            {
                env: { A: "1", B: "x" },
                init: { env: { C: "3" } },
                enableNetworkPolicy: "true",
            },
        );
    });

    it("eksClusterComputed: what EKS returns for a created cluster, in its shapes", () => {
        const state: Record<string, any> = { vpcConfig: { subnetIds: ["s"] } };
        eksClusterComputed(state, "cluster-1", "eu-west-1");
        assert.match(state.endpoint, /^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
        assert.match(
            state.identities[0].oidcs[0].issuer,
            /^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/,
        );
        assert.deepStrictEqual(state.kubernetesNetworkConfig, { ipFamily: "ipv4", serviceIpv4Cidr: "10.100.0.0/16" });
        assert.deepStrictEqual(state.vpcConfig.subnetIds, ["s"]);
        assert.match(state.vpcConfig.clusterSecurityGroupId, /^sg-/);
        assert.ok(
            Buffer.from(state.certificateAuthority.data, "base64").toString().startsWith("-----BEGIN CERTIFICATE-----"),
        );
        assert.strictEqual(state.version, undefined, "EKS's default version is not guessed");
    });

    it("eksComponents: every component of the SDK, by type token, the nodes side's included", () => {
        assert.deepStrictEqual(Object.keys(eksComponents()).sort(), [
            "eks:index:Addon",
            "eks:index:Cluster",
            "eks:index:ManagedNodeGroup",
            "eks:index:NodeGroup",
            "eks:index:NodeGroupSecurityGroup",
            "eks:index:NodeGroupV2",
            "eks:index:VpcCniAddon",
        ]);
    });

    it("the SDK classes' own checks of required arguments, thrown in the program before anything registers", () => {
        assert.throws(() => new SdkVpcCniAddon("cni", {} as never), /^Error: Missing required property 'clusterName'$/);
        assert.throws(() => new Addon("a", { cluster: {} } as never), /^Error: Missing required property 'addonName'$/);
        assert.throws(
            () => new Addon("a", { addonName: "x" } as never),
            /^Error: Missing required property 'cluster'$/,
        );
    });
});
