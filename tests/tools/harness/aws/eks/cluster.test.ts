// eks.Cluster under the harness: the resources the emulation registers inside it must be the ones
// pulumi-eks v4.3.0's provider builds (nodejs/eks/cluster/cluster.ts createCore/createCluster), with
// the same types, names, parents and inputs, in `pulumi up` and previews alike; options the
// emulation does not follow leave the component remote; bad arguments fail the run with the
// provider's words.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import type * as eksSdk from "@pulumi/eks";
import * as jsyaml from "js-yaml";
import { Addon } from "../../../../../tools/harness/aws/eks/addons/addon";
import { Cluster } from "../../../../../tools/harness/aws/eks/cluster/cluster";
import { EKS_EMULATION } from "../../../../../tools/harness/aws/eks";
import { evaluate, Evaluation, RegisteredResource } from "../../../../../tools/harness/evaluate";
import { withEksMocks } from "./eks-mocks";
import { firstFailure } from "../first-failure";
import { only as one } from "../registered";

const T = {
    component: "eks:index:Cluster",
    serviceRole: "eks:index:ServiceRole",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    profile: "aws:iam/instanceProfile:InstanceProfile",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    cluster: "aws:eks/cluster:Cluster",
    addon: "aws:eks/addon:Addon",
    vpcCni: "eks:index:VpcCniAddon",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    association: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    k8sProvider: "pulumi:providers:kubernetes",
    configMap: "kubernetes:core/v1:ConfigMap",
    storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
};

function ofType(e: Evaluation, type: string): RegisteredResource[] {
    return e.resources.filter((r) => r.type === type).sort((a, b) => a.name.localeCompare(b.name));
}

function none(e: Evaluation, type: string): void {
    assert.deepStrictEqual(
        ofType(e, type).map((r) => r.name),
        [],
        `no ${type}`,
    );
}

/** The URN of the resource an input refers to (the SDK sends a resource as a reference). */
function refUrn(r: RegisteredResource, key: string): string | undefined {
    return r.wireInputs?.[key]?.urn;
}

/** Whether the resource goes to that explicit provider (`provider` is "<urn>::<id>"). */
function usesProvider(r: RegisteredResource, provider: RegisteredResource): boolean {
    return r.provider?.startsWith(`${provider.urn}::`) === true;
}

/** `type name < parent's name`, every resource, sorted. */
function graph(e: Evaluation): string[] {
    const nameOf = (urn?: string) => e.resources.find((r) => r.urn === urn)?.name;
    return e.resources.map((r) => `${r.type} ${r.name} < ${nameOf(r.parent)}`).sort();
}

async function clusterOf(args: eksSdk.ClusterArgs, preview = false, name = "cluster"): Promise<Evaluation> {
    return evaluate({
        program: () => {
            const c = new Cluster(name, args);
            return { kubeconfig: c.kubeconfig, kubeconfigJson: c.kubeconfigJson };
        },
        preview,
    });
}

/**
 * The provider's attachment name for a managed policy: `<role>-<first 8 hex of the SHA-1 of its
 * arn:aws: ARN>`, written out so that a change to the hash shows.
 */
function attachmentName(role: string, policy: string): string {
    const hashes: Record<string, string> = {
        AmazonEKSClusterPolicy: "4b490823",
        AmazonEKSWorkerNodePolicy: "03516f97",
        AmazonEKS_CNI_Policy: "e1b295bd",
        AmazonEC2ContainerRegistryReadOnly: "3eb088f2",
        AmazonEKSFargatePodExecutionRolePolicy: "6ad441d9",
    };
    return `${role}-${hashes[policy]}`;
}

/** pulumi/examples' EKS program: a VPC's subnets, access entries (API), two nodes. */
const EXAMPLE: eksSdk.ClusterArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-public-a", "subnet-public-b", "subnet-private-a", "subnet-private-b"],
    authenticationMode: "API",
    desiredCapacity: 2,
    minSize: 1,
    maxSize: 2,
};

/** What the provider builds for EXAMPLE, `type name < parent`. */
const EXAMPLE_GRAPH = [
    "aws:autoscaling/group:Group cluster < cluster",
    "aws:ec2/launchTemplate:LaunchTemplate cluster-launchTemplate < cluster",
    "aws:ec2/securityGroup:SecurityGroup cluster-eksClusterSecurityGroup < cluster",
    "aws:ec2/securityGroup:SecurityGroup cluster-nodeSecurityGroup < cluster",
    "aws:ec2/securityGroupRule:SecurityGroupRule cluster-eksClusterIngressRule < cluster",
    "aws:ec2/securityGroupRule:SecurityGroupRule cluster-eksClusterInternetEgressRule < cluster",
    "aws:ec2/securityGroupRule:SecurityGroupRule cluster-eksExtApiServerClusterIngressRule < cluster",
    "aws:ec2/securityGroupRule:SecurityGroupRule cluster-eksNodeClusterIngressRule < cluster",
    "aws:ec2/securityGroupRule:SecurityGroupRule cluster-eksNodeIngressRule < cluster",
    "aws:ec2/securityGroupRule:SecurityGroupRule cluster-eksNodeInternetEgressRule < cluster",
    "aws:eks/accessEntry:AccessEntry cluster-defaultNodeGroupInstanceRole < cluster",
    "aws:eks/addon:Addon cluster-coredns < cluster",
    "aws:eks/addon:Addon cluster-kube-proxy < cluster",
    "aws:eks/addon:Addon cluster-vpc-cni < cluster-vpc-cni",
    "aws:eks/cluster:Cluster cluster-eksCluster < cluster",
    "aws:iam/instanceProfile:InstanceProfile cluster-instanceProfile < cluster",
    `aws:iam/role:Role cluster-eksRole-role < cluster-eksRole`,
    `aws:iam/role:Role cluster-instanceRole-role < cluster-instanceRole`,
    `aws:iam/rolePolicyAttachment:RolePolicyAttachment ${attachmentName("cluster-eksRole", "AmazonEKSClusterPolicy")} < cluster-eksRole`,
    ...[
        attachmentName("cluster-instanceRole", "AmazonEC2ContainerRegistryReadOnly"),
        attachmentName("cluster-instanceRole", "AmazonEKSWorkerNodePolicy"),
        attachmentName("cluster-instanceRole", "AmazonEKS_CNI_Policy"),
    ]
        .sort()
        .map((n) => `aws:iam/rolePolicyAttachment:RolePolicyAttachment ${n} < cluster-instanceRole`),
    "eks:index:Cluster cluster < webtier-test",
    "eks:index:ServiceRole cluster-eksRole < cluster",
    "eks:index:ServiceRole cluster-instanceRole < cluster",
    "eks:index:VpcCniAddon cluster-vpc-cni < cluster",
    "pulumi:providers:kubernetes cluster-eks-k8s < cluster",
    "pulumi:pulumi:Stack webtier-test < undefined",
].sort();

describe("eks Cluster under the harness", function () {
    this.timeout(60_000);
    let restore: () => void;
    // The provider reads AWS_PROFILE from its environment: the tests run without one.
    const awsProfile = process.env.AWS_PROFILE;
    before(() => {
        restore = withEksMocks();
        delete process.env.AWS_PROFILE;
    });
    after(() => {
        restore();
        if (awsProfile !== undefined) process.env.AWS_PROFILE = awsProfile;
    });

    describe("pulumi/examples' cluster (subnetIds, API authentication, 1-2 nodes)", () => {
        let e: Evaluation;
        before(async () => {
            e = await clusterOf(EXAMPLE);
        });

        it("registers what the provider builds, with its names and parents", () => {
            assert.deepStrictEqual(graph(e), EXAMPLE_GRAPH);
        });

        it("makes the EKS service role, trusted by EKS, with the cluster policy attached", () => {
            const role = one(e, T.role, "cluster-eksRole-role");
            assert.strictEqual(role.inputs.description, "Allows EKS to manage clusters on your behalf.");
            assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Effect: "Allow",
                        Principal: { Service: ["eks.amazonaws.com"] },
                    },
                ],
            });
            const attachment = one(e, T.attachment, attachmentName("cluster-eksRole", "AmazonEKSClusterPolicy"));
            assert.strictEqual(attachment.inputs.policyArn, "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
            assert.strictEqual(refUrn(attachment, "role"), role.urn);
        });

        it("gives the cluster its security group, open outbound", () => {
            const sg = one(e, T.sg, "cluster-eksClusterSecurityGroup");
            assert.strictEqual(sg.inputs.vpcId, "vpc-1");
            assert.strictEqual(sg.inputs.revokeRulesOnDelete, true);
            assert.deepStrictEqual(sg.inputs.tags, { Name: "cluster-eksClusterSecurityGroup" });
            const egress = one(e, T.sgRule, "cluster-eksClusterInternetEgressRule");
            assert.deepStrictEqual(
                [egress.inputs.type, egress.inputs.protocol, egress.inputs.fromPort, egress.inputs.toPort],
                ["egress", "-1", 0, 0],
            );
            assert.deepStrictEqual(egress.inputs.cidrBlocks, ["0.0.0.0/0"]);
            assert.strictEqual(egress.inputs.securityGroupId, sg.id);
        });

        it("creates the EKS cluster in the subnets, with access entries and the creator as admin", () => {
            const cluster = one(e, T.cluster, "cluster-eksCluster");
            const role = one(e, T.role, "cluster-eksRole-role");
            assert.strictEqual(cluster.inputs.roleArn, role.state.arn);
            assert.deepStrictEqual(cluster.inputs.vpcConfig.subnetIds, EXAMPLE.subnetIds);
            assert.deepStrictEqual(cluster.inputs.vpcConfig.securityGroupIds, [
                one(e, T.sg, "cluster-eksClusterSecurityGroup").id,
            ]);
            assert.deepStrictEqual(cluster.inputs.accessConfig, {
                authenticationMode: "API",
                bootstrapClusterCreatorAdminPermissions: true,
            });
            assert.strictEqual(cluster.inputs.bootstrapSelfManagedAddons, true);
            assert.deepStrictEqual(cluster.inputs.tags, { Name: "cluster-eksCluster" });
            assert.deepStrictEqual(cluster.ignoreChanges, [
                "accessConfig.bootstrapClusterCreatorAdminPermissions",
                "bootstrapSelfManagedAddons",
            ]);
            // After the role and its policy attachment.
            for (const dependency of [role, ofType(e, T.attachment).find((a) => a.name.startsWith("cluster-eksRole"))!])
                assert.ok(cluster.dependencies.includes(dependency.urn), `depends on ${dependency.name}`);
        });

        it("lets the default node group's role in with an EC2_LINUX access entry, and makes no aws-auth ConfigMap", () => {
            const entry = one(e, T.accessEntry, "cluster-defaultNodeGroupInstanceRole");
            const instanceRole = one(e, T.role, "cluster-instanceRole-role");
            assert.strictEqual(entry.inputs.principalArn, instanceRole.state.arn);
            assert.strictEqual(entry.inputs.type, "EC2_LINUX");
            assert.strictEqual(entry.inputs.clusterName, one(e, T.cluster, "cluster-eksCluster").state.name);
            assert.ok(entry.dependencies.includes(one(e, T.cluster, "cluster-eksCluster").urn));
            none(e, T.configMap);
        });

        it("makes the nodes' role with the worker, CNI and registry policies, and its instance profile", () => {
            const role = one(e, T.role, "cluster-instanceRole-role");
            assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0], {
                Action: ["sts:AssumeRole"],
                Effect: "Allow",
                Principal: { Service: ["ec2.amazonaws.com"] },
            });
            for (const policy of [
                "AmazonEKSWorkerNodePolicy",
                "AmazonEKS_CNI_Policy",
                "AmazonEC2ContainerRegistryReadOnly",
            ]) {
                const attachment = one(e, T.attachment, attachmentName("cluster-instanceRole", policy));
                assert.strictEqual(attachment.inputs.policyArn, `arn:aws:iam::aws:policy/${policy}`);
                assert.strictEqual(refUrn(attachment, "role"), role.urn);
            }
            assert.strictEqual(refUrn(one(e, T.profile, "cluster-instanceProfile"), "role"), role.urn);
        });

        it("adds kube-proxy, coredns and the VPC CNI as managed addons, conflicts overwritten", () => {
            const clusterName = one(e, T.cluster, "cluster-eksCluster").state.name;
            for (const [name, addonName] of [
                ["cluster-kube-proxy", "kube-proxy"],
                ["cluster-coredns", "coredns"],
                ["cluster-vpc-cni", "vpc-cni"],
            ]) {
                const addon = one(e, T.addon, name);
                assert.strictEqual(addon.inputs.addonName, addonName);
                assert.strictEqual(addon.inputs.clusterName, clusterName);
                assert.strictEqual(addon.inputs.preserve, true);
                assert.strictEqual(addon.inputs.resolveConflictsOnCreate, "OVERWRITE");
                assert.strictEqual(addon.inputs.resolveConflictsOnUpdate, "OVERWRITE");
            }
            const cni = JSON.parse(one(e, T.addon, "cluster-vpc-cni").inputs.configurationValues);
            assert.deepStrictEqual(cni.init, { env: { DISABLE_TCP_EARLY_DEMUX: "false" } });
            assert.strictEqual(cni.env.WARM_ENI_TARGET, "1");
            assert.strictEqual(cni.env.AWS_VPC_K8S_CNI_LOGLEVEL, "DEBUG");
            assert.deepStrictEqual(Object.keys(cni.env), [...Object.keys(cni.env)].sort(), "keys sorted");
            // The CNI addon waits for the nodes' access entry, and goes to the cluster's Kubernetes provider.
            const cniComponent = one(e, T.vpcCni, "cluster-vpc-cni");
            assert.ok(
                cniComponent.dependencies.includes(one(e, T.accessEntry, "cluster-defaultNodeGroupInstanceRole").urn),
            );
            // Their versions are looked up for the cluster's Kubernetes version (the mocks do not know them).
            assert.deepStrictEqual(
                e.calls
                    .filter((c) => c.token === "aws:eks/getAddonVersion:getAddonVersion")
                    .map((c) => c.inputs.addonName)
                    .sort(),
                ["coredns", "kube-proxy", "vpc-cni"],
            );
        });

        it("gives the Kubernetes provider the kubeconfig that runs `aws eks get-token` for the cluster", () => {
            const cluster = one(e, T.cluster, "cluster-eksCluster");
            const kubeconfig = JSON.parse(one(e, T.k8sProvider, "cluster-eks-k8s").inputs.kubeconfig);
            assert.deepStrictEqual(kubeconfig.users[0].user.exec.args, [
                "--region",
                "us-east-1",
                "eks",
                "get-token",
                "--cluster-name",
                cluster.state.name,
                "--output",
                "json",
            ]);
            assert.strictEqual(kubeconfig.clusters[0].cluster.server, cluster.state.endpoint);
            assert.strictEqual(
                kubeconfig.clusters[0].cluster["certificate-authority-data"],
                cluster.state.certificateAuthority.data,
            );
            assert.deepStrictEqual(e.outputs.kubeconfig, kubeconfig, "no profile: the output is the same");
            assert.deepStrictEqual(JSON.parse(e.outputs.kubeconfigJson), kubeconfig);
        });

        it("builds the default node group through the nodes' createNodeGroupV2, in the cluster", () => {
            const asg = one(e, T.asg, "cluster");
            assert.deepStrictEqual([asg.inputs.minSize, asg.inputs.maxSize, asg.inputs.desiredCapacity], [1, 2, 2]);
            const template = one(e, T.launchTemplate, "cluster-launchTemplate");
            assert.strictEqual(
                template.inputs.iamInstanceProfile.name,
                one(e, T.profile, "cluster-instanceProfile").state.name,
            );
            // Only the private subnets take nodes when there are both.
            assert.deepStrictEqual(asg.inputs.vpcZoneIdentifiers, ["subnet-private-a", "subnet-private-b"]);
            const nodeSg = one(e, T.sg, "cluster-nodeSecurityGroup");
            assert.strictEqual(nodeSg.inputs.vpcId, "vpc-1");
            const ingress = one(e, T.sgRule, "cluster-eksClusterIngressRule");
            assert.strictEqual(ingress.inputs.securityGroupId, one(e, T.sg, "cluster-eksClusterSecurityGroup").id);
            assert.strictEqual(ingress.inputs.sourceSecurityGroupId, nodeSg.id);
        });

        it("a CONFIG_MAP cluster registers the same in a preview, its aws-auth data unknown until the roles exist", async () => {
            const args: eksSdk.ClusterArgs = {
                vpcId: "vpc-1",
                privateSubnetIds: ["subnet-private-a"],
                storageClasses: "gp2",
            };
            const up = await clusterOf(args);
            const preview = await clusterOf(args, true);
            assert.deepStrictEqual(graph(preview), graph(up));
            const configMap = one(preview, T.configMap, "cluster-nodeAccess");
            assert.strictEqual(configMap.inputs.metadata.name, "aws-auth");
        });

        it("registers the same resources and parents in a preview", async () => {
            const preview = await clusterOf(EXAMPLE, true);
            assert.deepStrictEqual(graph(preview), EXAMPLE_GRAPH);
            const cluster = one(preview, T.cluster, "cluster-eksCluster");
            assert.ok(cluster.unknownInputs.includes("roleArn"), "the role's ARN is not known yet");
            assert.ok(one(preview, T.k8sProvider, "cluster-eks-k8s").unknownInputs.includes("kubeconfig"));
        });
    });

    describe("authentication modes", () => {
        it("CONFIG_MAP (the default): the aws-auth ConfigMap maps the role and user mappings and the nodes' role", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                privateSubnetIds: ["subnet-private-a"],
                roleMappings: [
                    { roleArn: "arn:aws:iam::123456789012:role/admin", username: "admin", groups: ["system:masters"] },
                ],
                userMappings: [{ userArn: "arn:aws:iam::123456789012:user/dev", username: "dev", groups: ["devs"] }],
            });
            none(e, T.accessEntry);
            const configMap = one(e, T.configMap, "cluster-nodeAccess");
            assert.strictEqual(configMap.parent, one(e, T.component, "cluster").urn);
            assert.ok(usesProvider(configMap, one(e, T.k8sProvider, "cluster-eks-k8s")));
            assert.deepStrictEqual(configMap.inputs.metadata, {
                name: "aws-auth",
                namespace: "kube-system",
                annotations: { "pulumi.com/patchForce": "true" },
            });
            assert.strictEqual(configMap.inputs.immutable, false);
            assert.deepStrictEqual(jsyaml.load(configMap.inputs.data.mapRoles), [
                { rolearn: "arn:aws:iam::123456789012:role/admin", username: "admin", groups: ["system:masters"] },
                {
                    rolearn: one(e, T.role, "cluster-instanceRole-role").state.arn,
                    username: "system:node:{{EC2PrivateDNSName}}",
                    groups: ["system:bootstrappers", "system:nodes"],
                },
            ]);
            assert.deepStrictEqual(jsyaml.load(configMap.inputs.data.mapUsers), [
                { userarn: "arn:aws:iam::123456789012:user/dev", username: "dev", groups: ["devs"] },
            ]);
            assert.strictEqual(one(e, T.cluster, "cluster-eksCluster").inputs.accessConfig, undefined);
            // The CNI addon waits for the ConfigMap.
            assert.ok(one(e, T.vpcCni, "cluster-vpc-cni").dependencies.includes(configMap.urn));
        });

        it("API_AND_CONFIG_MAP: both, with the user's access entries and their policy associations", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                privateSubnetIds: ["subnet-private-a"],
                authenticationMode: "API_AND_CONFIG_MAP",
                accessEntries: {
                    admin: {
                        principalArn: "arn:aws:iam::123456789012:role/admin",
                        kubernetesGroups: ["admins"],
                        accessPolicies: {
                            view: {
                                policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
                                accessScope: { type: "namespace", namespaces: ["default"] },
                            },
                        },
                    },
                },
            });
            one(e, T.configMap, "cluster-nodeAccess");
            assert.deepStrictEqual(
                ofType(e, T.accessEntry).map((a) => a.name),
                ["cluster-admin", "cluster-defaultNodeGroupInstanceRole"],
            );
            const admin = one(e, T.accessEntry, "cluster-admin");
            assert.deepStrictEqual(admin.inputs.kubernetesGroups, ["admins"]);
            const association = one(e, T.association, "cluster-admin-view");
            assert.strictEqual(association.parent, admin.urn);
            assert.ok(association.dependencies.includes(admin.urn));
            assert.strictEqual(association.inputs.principalArn, "arn:aws:iam::123456789012:role/admin");
            assert.strictEqual(
                association.inputs.policyArn,
                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
            );
            assert.deepStrictEqual(association.inputs.accessScope, { type: "namespace", namespaces: ["default"] });
        });
    });

    describe("options", () => {
        it("no vpcId: the default VPC and all its subnets, looked up as the provider does", async () => {
            const e = await clusterOf({ skipDefaultNodeGroup: true });
            const calls = e.calls.map((c) => c.token);
            assert.ok(calls.includes("aws:ec2/getVpc:getVpc") && calls.includes("aws:ec2/getSubnets:getSubnets"));
            const cluster = one(e, T.cluster, "cluster-eksCluster");
            assert.deepStrictEqual(cluster.inputs.vpcConfig.subnetIds, [
                "subnet-0d0d0d0d0d0d0d0da",
                "subnet-0d0d0d0d0d0d0d0db",
                "subnet-0d0d0d0d0d0d0d0dc",
            ]);
            assert.strictEqual(one(e, T.sg, "cluster-eksClusterSecurityGroup").inputs.vpcId, "vpc-0d0d0d0d0d0d0d0d0");
        });

        it("skipDefaultNodeGroup: no nodes' role, profile, node group or coredns; the node security group stays", async () => {
            const e = await clusterOf({ vpcId: "vpc-1", subnetIds: ["subnet-private-a"], skipDefaultNodeGroup: true });
            assert.ok(!e.resources.some((r) => r.name.startsWith("cluster-instanceRole")));
            none(e, T.profile);
            none(e, T.asg);
            none(e, T.launchTemplate);
            assert.deepStrictEqual(
                ofType(e, T.addon).map((a) => a.name),
                ["cluster-kube-proxy", "cluster-vpc-cni"],
            );
            one(e, T.sg, "cluster-nodeSecurityGroup");
            // CONFIG_MAP: the ConfigMap maps no roles.
            assert.deepStrictEqual(jsyaml.load(one(e, T.configMap, "cluster-nodeAccess").inputs.data.mapRoles), []);
        });

        it("corednsAddonOptions given (the SDK fills in enabled: true): coredns even without the default node group", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["subnet-private-a"],
                skipDefaultNodeGroup: true,
                corednsAddonOptions: { version: "v1.11.4-eksbuild.2", configurationValues: { replicaCount: 3 } },
                kubeProxyAddonOptions: { enabled: false },
            });
            assert.deepStrictEqual(
                ofType(e, T.addon).map((a) => a.name),
                ["cluster-coredns", "cluster-vpc-cni"],
            );
            const coredns = one(e, T.addon, "cluster-coredns");
            assert.strictEqual(coredns.inputs.addonVersion, "v1.11.4-eksbuild.2");
            assert.strictEqual(coredns.inputs.configurationValues, '{"replicaCount":3}');
        });

        it("corednsAddonOptions with a version only: the SDK's enabled: true asks for coredns explicitly", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["subnet-private-a"],
                skipDefaultNodeGroup: true,
                corednsAddonOptions: { version: "v1.11.4-eksbuild.2" },
            });
            assert.strictEqual(one(e, T.addon, "cluster-coredns").inputs.configurationValues, undefined);
        });

        it("an explicit AWS provider: Construct receives it in the providers map, and the children inherit it", async () => {
            const e = await evaluate({
                program: () => {
                    const provider = new aws.Provider("west", { region: "us-west-2" });
                    new Cluster(
                        "cluster",
                        { vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true },
                        { provider },
                    );
                },
            });
            const west = one(e, "pulumi:providers:aws", "west");
            for (const name of ["cluster-eksCluster", "cluster-kube-proxy"]) {
                const r = e.resources.find((x) => x.name === name)!;
                assert.ok(usesProvider(r, west), `${name} goes to the explicit provider`);
            }
            const kubeconfig = JSON.parse(one(e, T.k8sProvider, "cluster-eks-k8s").inputs.kubeconfig);
            assert.strictEqual(kubeconfig.users[0].user.exec.args[1], "us-west-2", "the cluster's ARN's region");
        });

        it("nodeGroupOptions: the default node group takes them; the component's inputs keep them as given", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                privateSubnetIds: ["subnet-private-a"],
                nodeGroupOptions: { instanceType: "t3.large", desiredCapacity: 3, minSize: 3, maxSize: 5 },
            });
            const asg = one(e, T.asg, "cluster");
            assert.deepStrictEqual([asg.inputs.minSize, asg.inputs.maxSize, asg.inputs.desiredCapacity], [3, 5, 3]);
            assert.strictEqual(one(e, T.launchTemplate, "cluster-launchTemplate").inputs.instanceType, "t3.large");
            assert.deepStrictEqual(one(e, T.component, "cluster").inputs.nodeGroupOptions, {
                desiredCapacity: 3,
                instanceType: "t3.large",
                maxSize: 5,
                minSize: 3,
            });
        });

        it("instanceRole with instanceProfileName: the named profile is read, not created", async () => {
            const e = await evaluate({
                program: () => {
                    const instanceRole = new aws.iam.Role("nodes", { assumeRolePolicy: "{}" });
                    new Cluster("cluster", {
                        vpcId: "vpc-1",
                        privateSubnetIds: ["subnet-private-a"],
                        instanceRole,
                        instanceProfileName: "existing-profile",
                    });
                },
            });
            none(e, T.profile);
            assert.deepStrictEqual(
                e.reads.filter((r) => r.type === T.profile),
                [{ type: T.profile, name: "cluster-instanceProfile", id: "existing-profile" }],
            );
            // The nodes take the read profile's name (what the mocks' read gives it).
            one(e, T.launchTemplate, "cluster-launchTemplate");
        });

        it("skipDefaultSecurityGroups: neither security group; the cluster gets the one EKS makes", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["subnet-private-a"],
                skipDefaultSecurityGroups: true,
                skipDefaultNodeGroup: true,
            });
            none(e, T.sg);
            none(e, T.sgRule);
            assert.strictEqual(one(e, T.cluster, "cluster-eksCluster").inputs.vpcConfig.securityGroupIds, undefined);
        });

        it("serviceRole, instanceRole and clusterSecurityGroup given: none made, the given ones used", async () => {
            const e = await evaluate({
                program: () => {
                    const serviceRole = new aws.iam.Role("svc", { assumeRolePolicy: "{}" });
                    const instanceRole = new aws.iam.Role("nodes", { assumeRolePolicy: "{}" });
                    const sg = new aws.ec2.SecurityGroup("own", { vpcId: "vpc-1" });
                    new Cluster("cluster", {
                        vpcId: "vpc-1",
                        privateSubnetIds: ["subnet-private-a"],
                        serviceRole,
                        instanceRole,
                        clusterSecurityGroup: sg,
                    });
                },
            });
            assert.ok(!e.resources.some((r) => r.type === T.serviceRole));
            assert.deepStrictEqual(
                ofType(e, T.sg).map((s) => s.name),
                ["cluster-nodeSecurityGroup", "own"],
            );
            const cluster = one(e, T.cluster, "cluster-eksCluster");
            assert.strictEqual(cluster.inputs.roleArn, one(e, T.role, "svc").state.arn);
            assert.deepStrictEqual(cluster.inputs.vpcConfig.securityGroupIds, [one(e, T.sg, "own").id]);
            assert.strictEqual(
                refUrn(one(e, T.profile, "cluster-instanceProfile"), "role"),
                one(e, T.role, "nodes").urn,
            );
            const mapRoles = jsyaml.load(one(e, T.configMap, "cluster-nodeAccess").inputs.data.mapRoles) as any[];
            assert.deepStrictEqual(
                mapRoles.map((m) => m.rolearn),
                [one(e, T.role, "nodes").state.arn],
            );
        });

        it("the cluster's own settings: name, version, logs, endpoints, encryption, tags", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                privateSubnetIds: ["subnet-private-a"],
                publicSubnetIds: ["subnet-public-a"],
                skipDefaultNodeGroup: true,
                name: "prod",
                version: "1.31",
                enabledClusterLogTypes: ["api", "audit"],
                endpointPrivateAccess: true,
                endpointPublicAccess: true,
                publicAccessCidrs: ["203.0.113.0/24"],
                encryptionConfigKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
                tags: { team: "web" },
                clusterTags: { tier: "control", team: "ignored" },
            });
            const cluster = one(e, T.cluster, "cluster-eksCluster");
            assert.strictEqual(cluster.inputs.name, "prod");
            assert.strictEqual(cluster.inputs.version, "1.31");
            assert.deepStrictEqual(cluster.inputs.enabledClusterLogTypes, ["api", "audit"]);
            assert.deepStrictEqual(cluster.inputs.vpcConfig, {
                endpointPrivateAccess: true,
                endpointPublicAccess: true,
                publicAccessCidrs: ["203.0.113.0/24"],
                securityGroupIds: [one(e, T.sg, "cluster-eksClusterSecurityGroup").id],
                // Public subnets first.
                subnetIds: ["subnet-public-a", "subnet-private-a"],
            });
            assert.deepStrictEqual(cluster.inputs.encryptionConfig, {
                provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/k" },
                resources: ["secrets"],
            });
            // The component's tags win over the cluster's.
            assert.deepStrictEqual(cluster.inputs.tags, { Name: "cluster-eksCluster", tier: "control", team: "web" });
            assert.deepStrictEqual(one(e, T.role, "cluster-eksRole-role").inputs.tags, { team: "web" });
            assert.deepStrictEqual(one(e, T.addon, "cluster-kube-proxy").inputs.tags, { team: "web" });
            assert.deepStrictEqual(one(e, T.sg, "cluster-nodeSecurityGroup").inputs.tags.team, "web");
        });

        it("createOidcProvider: an IAM OIDC provider for the cluster's issuer, with the EKS root CA's thumbprint", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["subnet-private-a"],
                skipDefaultNodeGroup: true,
                createOidcProvider: true,
            });
            const oidc = one(e, T.oidc, "cluster-oidcProvider");
            assert.strictEqual(oidc.parent, one(e, T.component, "cluster").urn);
            assert.deepStrictEqual(oidc.inputs.clientIdLists, ["sts.amazonaws.com"]);
            assert.deepStrictEqual(oidc.inputs.thumbprintLists, ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]);
            assert.strictEqual(
                oidc.inputs.url,
                one(e, T.cluster, "cluster-eksCluster").state.identities[0].oidcs[0].issuer,
            );
            assert.ok(e.calls.some((c) => c.token === "aws:index/getRegion:getRegion"));
        });

        it("storageClasses: one EBS class as the default, or each named one", async () => {
            const single = await clusterOf(
                { vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true, storageClasses: "gp2" },
                false,
                "Web",
            );
            const gp2 = one(single, T.storageClass, "web-gp2");
            assert.strictEqual(gp2.inputs.provisioner, "kubernetes.io/aws-ebs");
            assert.deepStrictEqual(gp2.inputs.parameters, { type: "gp2" });
            assert.deepStrictEqual(gp2.inputs.metadata, {
                annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
            });
            assert.ok(usesProvider(gp2, one(single, T.k8sProvider, "Web-eks-k8s")));
            assert.ok(gp2.dependencies.includes(one(single, T.configMap, "Web-nodeAccess").urn));

            const many = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["s"],
                skipDefaultNodeGroup: true,
                storageClasses: {
                    fast: { type: "io1", iopsPerGb: 50, encrypted: true, zones: ["us-east-1a", "us-east-1b"] },
                },
            });
            const fast = one(many, T.storageClass, "cluster-fast");
            assert.deepStrictEqual(fast.inputs.parameters, {
                type: "io1",
                iopsPerGb: "50",
                encrypted: "true",
                zones: "us-east-1a, us-east-1b",
            });
            assert.deepStrictEqual(fast.inputs.metadata, {});
        });

        it("vpcCniOptions: the CNI's environment in the addon's configuration, the user's values kept", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["s"],
                skipDefaultNodeGroup: true,
                vpcCniOptions: {
                    warmIpTarget: 5,
                    enablePrefixDelegation: true,
                    configurationValues: { env: { WARM_IP_TARGET: "7" } },
                },
            });
            const config = JSON.parse(one(e, T.addon, "cluster-vpc-cni").inputs.configurationValues);
            assert.strictEqual(config.env.WARM_IP_TARGET, "7");
            assert.strictEqual(config.env.ENABLE_PREFIX_DELEGATION, "true");
        });

        it("useDefaultVpcCni: no CNI addon", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["s"],
                skipDefaultNodeGroup: true,
                useDefaultVpcCni: true,
            });
            none(e, T.vpcCni);
        });

        it("providerCredentialOpts: the kubeconfig assumes the role; the provider's adds the profile, the output does not", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["s"],
                skipDefaultNodeGroup: true,
                providerCredentialOpts: { profileName: "ops", roleArn: "arn:aws:iam::123456789012:role/deployer" },
            });
            const providerArgs = JSON.parse(one(e, T.k8sProvider, "cluster-eks-k8s").inputs.kubeconfig).users[0].user
                .exec.args;
            assert.deepStrictEqual(providerArgs.slice(8), [
                "--role",
                "arn:aws:iam::123456789012:role/deployer",
                "--profile",
                "ops",
            ]);
            assert.deepStrictEqual(e.outputs.kubeconfig.users[0].user.exec.args.slice(8), [
                "--role",
                "arn:aws:iam::123456789012:role/deployer",
            ]);
        });
    });

    describe("EKS Auto Mode", () => {
        it("no default security groups, node group, kube-proxy or CNI; a node role, and the cluster computes", async () => {
            // Upstream still makes the default nodes' role, profile and access entry: it tests
            // skipDefaultNodeGroup, which Auto Mode does not set, for them.
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["subnet-private-a"],
                authenticationMode: "API",
                autoMode: { enabled: true },
            });
            assert.deepStrictEqual(
                graph(e),
                [
                    "aws:eks/accessEntry:AccessEntry cluster-defaultNodeGroupInstanceRole < cluster",
                    "aws:iam/instanceProfile:InstanceProfile cluster-instanceProfile < cluster",
                    "aws:iam/role:Role cluster-instanceRole-role < cluster-instanceRole",
                    "eks:index:ServiceRole cluster-instanceRole < cluster",
                    "aws:eks/addon:Addon cluster-coredns < cluster",
                    "aws:eks/cluster:Cluster cluster-eksCluster < cluster",
                    "aws:iam/role:Role cluster-eksRole-role < cluster-eksRole",
                    "aws:iam/role:Role cluster-nodeRole-role < cluster-nodeRole",
                    ...ofType(e, T.attachment).map(
                        (a) => `${T.attachment} ${a.name} < ${a.name.replace(/-[0-9a-f]{8}$/, "")}`,
                    ),
                    "eks:index:Cluster cluster < webtier-test",
                    "eks:index:ServiceRole cluster-eksRole < cluster",
                    "eks:index:ServiceRole cluster-nodeRole < cluster",
                    "pulumi:providers:kubernetes cluster-eks-k8s < cluster",
                    "pulumi:pulumi:Stack webtier-test < undefined",
                ].sort(),
            );
            assert.deepStrictEqual(
                ofType(e, T.attachment)
                    .map((a) => a.inputs.policyArn.split("/").pop())
                    .sort(),
                [
                    "AmazonEC2ContainerRegistryPullOnly",
                    "AmazonEC2ContainerRegistryReadOnly",
                    "AmazonEKSBlockStoragePolicy",
                    "AmazonEKSClusterPolicy",
                    "AmazonEKSComputePolicy",
                    "AmazonEKSLoadBalancingPolicy",
                    "AmazonEKSNetworkingPolicy",
                    "AmazonEKSWorkerNodeMinimalPolicy",
                    "AmazonEKSWorkerNodePolicy",
                    "AmazonEKS_CNI_Policy",
                ],
            );
            const cluster = one(e, T.cluster, "cluster-eksCluster");
            assert.deepStrictEqual(cluster.inputs.computeConfig, {
                enabled: true,
                nodeRoleArn: one(e, T.role, "cluster-nodeRole-role").state.arn,
                nodePools: ["general-purpose", "system"],
            });
            assert.deepStrictEqual(cluster.inputs.storageConfig, { blockStorage: { enabled: true } });
            assert.deepStrictEqual(cluster.inputs.kubernetesNetworkConfig, {
                ipFamily: "ipv4",
                elasticLoadBalancing: { enabled: true },
            });
            assert.strictEqual(cluster.inputs.bootstrapSelfManagedAddons, false);
            assert.strictEqual(cluster.inputs.vpcConfig.securityGroupIds, undefined);
        });
    });

    describe("Fargate (route table lookups answered)", () => {
        it("a Fargate profile in the private worker subnets, its pod execution role, no default node group", async () => {
            const e = await clusterOf({
                vpcId: "vpc-1",
                subnetIds: ["subnet-public-a", "subnet-private-a", "subnet-private-b"],
                fargate: true,
            });
            none(e, T.asg);
            // Upstream still makes the default nodes' role: it tests skipDefaultNodeGroup, which
            // `fargate` does not set, for it.
            one(e, T.role, "cluster-instanceRole-role");
            const profile = one(e, "aws:eks/fargateProfile:FargateProfile", "cluster-fargateProfile");
            assert.strictEqual(profile.parent, one(e, T.component, "cluster").urn);
            assert.deepStrictEqual(profile.inputs.selectors, [{ namespace: "default" }, { namespace: "kube-system" }]);
            assert.deepStrictEqual(profile.inputs.subnetIds, ["subnet-private-a", "subnet-private-b"]);
            assert.strictEqual(
                profile.inputs.podExecutionRoleArn,
                one(e, T.role, "cluster-podExecutionRole-role").state.arn,
            );
            assert.ok(profile.dependencies.includes(one(e, T.configMap, "cluster-nodeAccess").urn));
            assert.strictEqual(
                one(
                    e,
                    T.attachment,
                    attachmentName("cluster-podExecutionRole", "AmazonEKSFargatePodExecutionRolePolicy"),
                ).inputs.policyArn,
                "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
            );
            const coredns = one(e, T.addon, "cluster-coredns");
            assert.strictEqual(coredns.inputs.configurationValues, '{"computeType":"Fargate"}');
            assert.ok(coredns.dependencies.includes(profile.urn), "coredns waits for the profile");
        });
    });

    describe("the AWS profile the provider finds", () => {
        it("aws:profile in the stack's configuration: --profile in the provider's kubeconfig, not the output's", async () => {
            const e = await evaluate({
                config: { "aws:profile": "dev" },
                program: () => {
                    const c = new Cluster("cluster", { vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true });
                    return { kubeconfig: c.kubeconfig };
                },
            });
            const args = JSON.parse(one(e, T.k8sProvider, "cluster-eks-k8s").inputs.kubeconfig).users[0].user.exec.args;
            assert.deepStrictEqual(args.slice(8), ["--profile", "dev"]);
            assert.strictEqual(e.outputs.kubeconfig.users[0].user.exec.args.length, 8);
        });

        it("AWS_PROFILE in the environment, as the provider's process inherits it", async () => {
            process.env.AWS_PROFILE = "ops";
            try {
                const e = await clusterOf({ vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true });
                const args = JSON.parse(one(e, T.k8sProvider, "cluster-eks-k8s").inputs.kubeconfig).users[0].user.exec
                    .args;
                assert.deepStrictEqual(args.slice(8), ["--profile", "ops"]);
            } finally {
                delete process.env.AWS_PROFILE;
            }
        });
    });

    describe("options the emulation does not follow", () => {
        for (const [option, args] of [
            ["creationRoleProvider", { creationRoleProvider: { role: "r", provider: "p" } }],
            ["Bottlerocket nodes", { nodeGroupOptions: { operatingSystem: "Bottlerocket" } }],
        ] as [string, Record<string, unknown>][]) {
            it(`${option}: the Cluster stays remote, as the SDK class registers it, with nothing inside`, async () => {
                const e = await evaluate({
                    program: () => {
                        const c = new Cluster("cluster", { vpcId: "vpc-1", ...args });
                        return { hasKubeconfig: c.kubeconfig !== undefined, hasCore: c.core !== undefined };
                    },
                });
                assert.deepStrictEqual(
                    e.resources.map((r) => [r.type, r.remote]),
                    [
                        ["pulumi:pulumi:Stack", undefined],
                        [T.component, true],
                    ],
                );
                const component = one(e, T.component, "cluster");
                assert.strictEqual(component.inputs.vpcId, "vpc-1");
                assert.match(String(component.version), /^4\./, "the SDK's version names the eks plugin");
                assert.deepStrictEqual(e.outputs, { hasKubeconfig: true, hasCore: true });
            });
        }

        describe("worker subnets picked by route table, as the provider picks them", () => {
            it("in the default VPC: its default subnets, which route to its internet gateway, get the nodes", async () => {
                const e = await clusterOf({});
                assert.strictEqual(one(e, T.component, "cluster").remote, undefined);
                const group = e.resources.find((r) => r.type === "aws:autoscaling/group:Group");
                assert.deepStrictEqual(group?.inputs.vpcZoneIdentifiers, [
                    "subnet-0d0d0d0d0d0d0d0da",
                    "subnet-0d0d0d0d0d0d0d0db",
                    "subnet-0d0d0d0d0d0d0d0dc",
                ]);
            });

            it("subnets of the account, whose route tables only AWS can read: the run fails, saying what to name", async () => {
                restore();
                const restoreAll = withEksMocks({ routeTables: false });
                try {
                    const { failure } = await firstFailure(() => void new Cluster("cluster", EXAMPLE));
                    assert.match(
                        String(failure?.message),
                        /cannot tell whether subnet subnet-public-a is private: its route table is the account's.*Name the cluster's privateSubnetIds and publicSubnetIds/,
                    );
                } finally {
                    restoreAll();
                    restore = withEksMocks();
                }
            });

            it("private subnets named, or no default node group: built all the same", async () => {
                for (const args of [
                    { vpcId: "vpc-1", privateSubnetIds: ["subnet-private-a"] },
                    { vpcId: "vpc-1", subnetIds: ["s"], nodeGroupOptions: { nodeSubnetIds: ["s"] } },
                    { vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true },
                ]) {
                    const e = await clusterOf(args);
                    assert.strictEqual(one(e, T.component, "cluster").remote, undefined, JSON.stringify(args));
                }
            });
        });

        it("an Addon on a remote Cluster stays remote too: the cluster's name is not known here", async () => {
            const e = await evaluate({
                program: () => {
                    const cluster = new Cluster("cluster", {
                        vpcId: "vpc-1",
                        creationRoleProvider: { role: "r", provider: "p" } as never,
                    });
                    new Addon("metrics", { cluster: cluster as never, addonName: "metrics-server" });
                },
            });
            const addon = one(e, "eks:index:Addon", "metrics");
            assert.strictEqual(addon.remote, true);
            assert.strictEqual(addon.inputs.addonName, "metrics-server");
            none(e, T.addon);
        });

        it("fargate: false is no Fargate profile: the Cluster is built", async () => {
            const e = await clusterOf({ vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true, fargate: false });
            assert.strictEqual(one(e, T.component, "cluster").remote, undefined);
            one(e, T.cluster, "cluster-eksCluster");
        });
    });

    describe("errors the provider throws for bad arguments", () => {
        const cases: [string, eksSdk.ClusterArgs, string][] = [
            [
                "both instanceRole and instanceRoles",
                { instanceRole: "r" as any, instanceRoles: [], authenticationMode: "CONFIG_MAP" },
                "instanceRole and instanceRoles are mutually exclusive, and cannot both be set.",
            ],
            [
                "subnetIds with publicSubnetIds",
                { subnetIds: ["a"], publicSubnetIds: ["b"] },
                "subnetIds, and the use of publicSubnetIds and/or privateSubnetIds are mutually exclusive. Choose a single approach.",
            ],
            [
                "nodeGroupOptions with instanceType",
                { nodeGroupOptions: { instanceType: "t3.small" }, instanceType: "t3.large" },
                "Setting nodeGroupOptions, and any set of singular node group option(s) on the cluster, is mutually exclusive. Choose a single approach.",
            ],
            [
                "access entries without an API mode",
                { accessEntries: { a: { principalArn: "arn" } } },
                "The 'accessEntries' property is not supported when 'authenticationMode' is not set.",
            ],
            [
                "role mappings in API mode",
                { authenticationMode: "API", roleMappings: [{ roleArn: "a", username: "u", groups: [] }] },
                "The 'roleMappings' property does not support non-empty values when 'authenticationMode' is set to 'API'.",
            ],
            [
                "an unknown authentication mode",
                { authenticationMode: "IAM" as any },
                "Invalid value for authenticationMode: IAM. Allowed values are: CONFIG_MAP, API_AND_CONFIG_MAP, API.",
            ],
            [
                "Auto Mode with the ConfigMap",
                { autoMode: { enabled: true } },
                "Access entries are required when using EKS Auto Mode. Use the authentication mode 'API' or 'API_AND_CONFIG_MAP'.",
            ],
            [
                "public CIDRs on a private endpoint",
                { vpcId: "vpc-1", subnetIds: ["s"], endpointPublicAccess: false, publicAccessCidrs: ["0.0.0.0/0"] },
                "`publicAccessCidrs` can only be set when `endpointPublicAccess` is true",
            ],
        ];
        for (const [what, args, message] of cases) {
            it(`fails the run on ${what}, with the provider's message`, async () => {
                const { failure } = await firstFailure(() => {
                    new Cluster("bad", args);
                });
                assert.ok(failure instanceof Error, `the run fails: ${String(failure)}`);
                // An error thrown while an input resolves reaches the run through the SDK's
                // serialization, which prefixes where it met it ("error serializing property ...").
                assert.ok(
                    failure.message === message || failure.message.endsWith(`: ${message}`),
                    `the provider's message: ${failure.message}`,
                );
            });
        }

        it("an argument error registers nothing inside the component", async () => {
            const { registered } = await firstFailure(() => {
                new Cluster("bad", { subnetIds: ["a"], privateSubnetIds: ["b"] });
            });
            assert.deepStrictEqual(registered, ["pulumi:pulumi:Stack", T.component]);
        });
    });

    it("getKubeconfig: the provider's method, `{ result }` with the kubeconfig for a role or profile as JSON", async () => {
        const e = await evaluate({
            program: () => {
                const c = new Cluster("cluster", { vpcId: "vpc-1", subnetIds: ["s"], skipDefaultNodeGroup: true });
                return { config: c.getKubeconfig({ profileName: "p", roleArn: "arn:aws:iam::1:role/r" }) };
            },
        });
        const config = JSON.parse(e.outputs.config.result);
        assert.deepStrictEqual(config.users[0].user.exec.args.slice(8), [
            "--role",
            "arn:aws:iam::1:role/r",
            "--profile",
            "p",
        ]);
        assert.strictEqual(config.clusters[0].cluster.server, one(e, T.cluster, "cluster-eksCluster").state.endpoint);
    });

    it("a reference to an existing Cluster (by URN) reads it, and builds nothing", async () => {
        const e = await evaluate({
            program: () => {
                new Cluster("ref", undefined, { urn: "urn:pulumi:test::webtier::eks:index:Cluster::ref" });
            },
        });
        assert.deepStrictEqual(
            e.resources.map((r) => r.type),
            ["pulumi:pulumi:Stack"],
        );
        assert.deepStrictEqual(e.calls, [], "no lookups: nothing is being built");
    });

    describe("the SDK's classes, swapped for the emulation", () => {
        before(() => EKS_EMULATION.install());

        it("eks.Cluster builds the cluster; its outputs and the SDK's `provider` mixin work on it", async () => {
            let isInstance = false;
            const e = await evaluate({
                program: () => {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const eks = require("@pulumi/eks") as typeof eksSdk;
                    const cluster = new eks.Cluster("sdk", { vpcId: "vpc-1", privateSubnetIds: ["subnet-private-a"] });
                    isInstance = eks.Cluster.isInstance(cluster);
                    // The SDK's mixin: a Kubernetes provider from kubeconfigJson, in the program.
                    void cluster.provider;
                    new eks.Addon("metrics", {
                        cluster,
                        addonName: "metrics-server",
                        configurationValues: { replicas: 2 },
                    });
                    return { nodeSg: cluster.nodeSecurityGroupId, issuer: cluster.oidcIssuer };
                },
            });
            assert.ok(isInstance);
            assert.strictEqual(one(e, T.component, "sdk").remote, undefined);
            assert.strictEqual(e.outputs.nodeSg, one(e, T.sg, "sdk-nodeSecurityGroup").id);
            assert.match(e.outputs.issuer, /^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
            const mixinProvider = one(e, T.k8sProvider, "sdk-provider");
            assert.strictEqual(mixinProvider.parent, one(e, T.component, "sdk").urn);
            // eks.Addon: parented to the cluster, on its EKS cluster.
            const addonComponent = one(e, "eks:index:Addon", "metrics");
            assert.strictEqual(addonComponent.parent, one(e, T.component, "sdk").urn);
            const addon = one(e, T.addon, "metrics");
            assert.strictEqual(addon.parent, addonComponent.urn);
            assert.strictEqual(addon.inputs.clusterName, one(e, T.cluster, "sdk-eksCluster").state.name);
            assert.strictEqual(addon.inputs.configurationValues, '{"replicas":2}');
        });

        it("eks.VpcCniAddon: the SDK's defaults, and the aws-node patch for a privileged security context", async () => {
            const e = await evaluate({
                program: () => {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const eks = require("@pulumi/eks") as typeof eksSdk;
                    new eks.VpcCniAddon("cni", {
                        clusterName: "c",
                        addonVersion: "v1.19.0-eksbuild.1",
                        securityContextPrivileged: true,
                    });
                },
            });
            const component = one(e, T.vpcCni, "cni");
            assert.strictEqual(component.remote, undefined);
            assert.strictEqual(component.inputs.resolveConflictsOnCreate, "OVERWRITE", "the SDK's default, sent");
            const addon = one(e, T.addon, "cni");
            assert.strictEqual(addon.parent, component.urn);
            assert.strictEqual(addon.inputs.addonVersion, "v1.19.0-eksbuild.1");
            const patch = one(e, "kubernetes:apps/v1:DaemonSetPatch", "cni");
            assert.strictEqual(patch.parent, component.urn);
            assert.ok(patch.dependencies.includes(addon.urn));
            assert.strictEqual(patch.retainOnDelete, true);
            assert.deepStrictEqual(patch.inputs.spec.template.spec.containers, [
                { name: "aws-node", securityContext: { privileged: true } },
            ]);
        });
    });
});
