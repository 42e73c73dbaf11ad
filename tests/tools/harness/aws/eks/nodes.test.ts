// The eks emulation's node side under the harness: what createNodeGroupV2 (every Cluster's default
// node group), NodeGroupV2, ManagedNodeGroup and the node security group register must be what
// pulumi-eks v4.3.0's provider registers (nodejs/eks/nodes/nodegroup.ts, securitygroup.ts), with
// the same types, names, parents and inputs, in `pulumi up` and in previews, the same errors for
// bad arguments, and the SDK class's remote registration for the options not followed.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    COMPONENTS,
    computeWorkerSubnets,
    createNodeGroupSecurityGroup,
    createNodeGroupV2,
    ManagedNodeGroup,
    NodeGroup,
    NodeGroupV2,
    unsupportedSelfManagedOptions,
} from "../../../../../tools/harness/aws/eks/nodes";
import { isPrivateCIDRBlock, resolveInstanceProfileName } from "../../../../../tools/harness/aws/eks/nodes/nodegroup";
import type * as eksSdk from "@pulumi/eks";
import { EKS_EMULATION } from "../../../../../tools/harness/aws/eks";
import { unsupportedManagedOptions } from "../../../../../tools/harness/aws/eks/nodes/options";
import { evaluate, Evaluation } from "../../../../../tools/harness/evaluate";
import { AWS_MOCKS } from "../../../../../tools/harness/mocks/aws";
import { MOCK_AMI } from "../../../../../tools/harness/mocks/aws-public-parameters";
import { firstFailure as firstFailureOf } from "../first-failure";
import { only as one } from "../registered";

const T = {
    holder: "test:index:Holder",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    rule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    key: "aws:ec2/keyPair:KeyPair",
    mng: "aws:eks/nodeGroup:NodeGroup",
};

/**
 * Route tables for the fixture subnets these tests name ("subnet-rt-..."), which no program created
 * and the mocks leave unanswered; every other answer is the mocks' own (mocks/aws.ts).
 */
function withEksMocks(): void {
    const mocks = AWS_MOCKS as { calls: Record<string, any> };
    const getRouteTable = mocks.calls["aws:ec2/getRouteTable:getRouteTable"];
    before(() => {
        // The account's own route tables, for computeWorkerSubnets: named for what they route to.
        mocks.calls["aws:ec2/getRouteTable:getRouteTable"] = (inputs: { subnetId?: string }, ...rest: unknown[]) => {
            const subnet = String(inputs.subnetId);
            if (!subnet.startsWith("subnet-rt-")) return getRouteTable?.(inputs, ...rest);
            const routes = subnet.includes("igw")
                ? [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }]
                : subnet.includes("peer")
                  ? [{ cidrBlock: "10.8.0.0/16", gatewayId: "vgw-1" }]
                  : [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }];
            return { id: `rtb-${subnet}`, routeTableId: `rtb-${subnet}`, routes };
        };
    });
    after(() => {
        mocks.calls["aws:ec2/getRouteTable:getRouteTable"] = getRouteTable;
    });
}

/** `type name < parent's name` of each resource registered after the fixture, sorted. */
function summary(e: Evaluation, from = "holder"): string[] {
    const nameOf = (urn?: string) => e.resources.find((r) => r.urn === urn)?.name;
    const start = e.resources.findIndex((r) => r.name === from);
    return e.resources
        .slice(start)
        .filter((r) => !["aws:eks/cluster:Cluster", "aws:iam/instanceProfile:InstanceProfile"].includes(r.type))
        .filter(
            (r) => !["cluster-sg", "given-sg", "given-ingress", "extra-sg", "node-role", "aws-auth"].includes(r.name),
        )
        .map((r) => `${r.type} ${r.name} < ${nameOf(r.parent)}`)
        .sort();
}

const sorted = (lines: string[]) => [...lines].sort();

const decode = (userData: string) => Buffer.from(userData, "base64").toString("utf8");

interface Fixture {
    holder: pulumi.ComponentResource;
    cluster: aws.eks.Cluster;
    /** The core data, as the cluster side hands it over (pulumi.output of CoreData). */
    core: any;
    /** The core data itself, whose node group options the cluster spreads into its default node group's. */
    coreData: { nodeGroupOptions: Record<string, unknown> };
    extra: aws.ec2.SecurityGroup;
}

/**
 * A cluster's core data as the cluster side builds it (upstream cluster.ts CoreData): the EKS
 * cluster, its security group, the instance profile and role of its nodes, its subnets; with
 * `given`, the node security group and ingress rule the cluster made for its default node group.
 */
function fixture(options: { given?: boolean; privateSubnets?: boolean; authenticationMode?: string } = {}): Fixture {
    const holder = new pulumi.ComponentResource(T.holder, "holder");
    const cluster = new aws.eks.Cluster(
        "demo",
        {
            roleArn: "arn:aws:iam::123456789012:role/eks",
            version: "1.31",
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b", "subnet-c"] },
            accessConfig: options.authenticationMode ? { authenticationMode: options.authenticationMode } : undefined,
        },
        { parent: holder },
    );
    const role = new aws.iam.Role("node-role", { assumeRolePolicy: "{}" }, { parent: holder });
    const profile = new aws.iam.InstanceProfile("demo-instanceProfile", { role: role.name }, { parent: holder });
    const clusterSg = new aws.ec2.SecurityGroup("cluster-sg", { vpcId: "vpc-1" }, { parent: holder });
    const extra = new aws.ec2.SecurityGroup("extra-sg", { vpcId: "vpc-1" }, { parent: holder });
    const nodeGroupOptions: Record<string, unknown> = { instanceProfile: profile };
    if (options.given) {
        nodeGroupOptions.nodeSecurityGroup = new aws.ec2.SecurityGroup(
            "given-sg",
            { vpcId: "vpc-1" },
            { parent: holder },
        );
        nodeGroupOptions.clusterIngressRule = new aws.ec2.SecurityGroupRule(
            "given-ingress",
            { type: "ingress", fromPort: 443, toPort: 443, protocol: "tcp", securityGroupId: clusterSg.id, self: true },
            { parent: holder },
        );
    }
    const coreData = {
        cluster,
        vpcId: pulumi.output("vpc-1"),
        subnetIds: pulumi.output(["subnet-a", "subnet-b", "subnet-c"]),
        clusterSecurityGroup: clusterSg,
        instanceRoles: pulumi.output([role]),
        nodeGroupOptions,
        privateSubnetIds: options.privateSubnets === false ? undefined : pulumi.output(["subnet-a", "subnet-b"]),
        publicSubnetIds: pulumi.output(["subnet-c"]),
        tags: { team: "web" },
        // Stands in for the aws-auth ConfigMap, which the nodes wait for.
        eksNodeAccess: new aws.ssm.Parameter("aws-auth", { type: "String", value: "x" }, { parent: holder }),
    };
    return { holder, cluster, core: pulumi.output(coreData), coreData, extra };
}

const NODECONFIG = (e: Evaluation) => {
    const cluster = one(e, "aws:eks/cluster:Cluster", "demo").state;
    // A CA bundle is longer than a line, so the YAML writer (js-yaml, as upstream) folds it.
    return `MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: application/node.eks.aws

---
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  cluster:
    name: ${cluster.name}
    apiServerEndpoint: ${cluster.endpoint}
    certificateAuthority: >-
      ${cluster.certificateAuthority.data}
    cidr: 10.100.0.0/16
`;
};

/** Runs a program whose component fails as the provider's Construct fails (resources as "type name"). */
const firstFailure = (program: () => void) => firstFailureOf(program, (r) => `${r.type} ${r.name}`);

describe("eks node groups under the harness", function () {
    this.timeout(60_000);
    withEksMocks();

    describe("createNodeGroupV2 as a cluster's default node group (AL2023, the cluster's security group)", () => {
        let e: Evaluation;
        const run = (preview = false) =>
            evaluate({
                preview,
                program: () => {
                    const f = fixture({ given: true });
                    // As cluster.ts passes them: the core's node group options, spread.
                    createNodeGroupV2("demo", { ...f.coreData.nodeGroupOptions }, f.core, f.holder);
                },
            });
        before(async () => {
            e = await run();
        });

        it("registers the launch template and the auto scaling group under the parent, and no security group", () => {
            assert.deepStrictEqual(
                summary(e),
                sorted([
                    `${T.asg} demo < holder`,
                    `${T.lt} demo-launchTemplate < holder`,
                    `${T.holder} holder < webtier-test`,
                ]),
            );
        });

        it("launches the region's EKS-optimized AL2023 image for the cluster's version, a t3.medium, in the instance profile", () => {
            const lt = one(e, T.lt, "demo-launchTemplate");
            assert.strictEqual(lt.inputs.imageId, MOCK_AMI);
            assert.strictEqual(lt.inputs.instanceType, "t3.medium");
            assert.deepStrictEqual(lt.inputs.iamInstanceProfile, {
                name: one(e, "aws:iam/instanceProfile:InstanceProfile", "demo-instanceProfile").state.name,
            });
            assert.deepStrictEqual(
                e.calls.map((c) => [c.token, c.inputs.name ?? c.inputs.filters?.[0]?.values?.[0], c.answered]),
                [
                    [
                        "aws:ssm/getParameter:getParameter",
                        "/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id",
                        true,
                    ],
                    ["aws:ec2/getAmi:getAmi", MOCK_AMI, true],
                ],
            );
        });

        it("gives the nodes public addresses and the cluster's node security group, after the ingress rule exists", () => {
            const lt = one(e, T.lt, "demo-launchTemplate");
            assert.deepStrictEqual(lt.inputs.networkInterfaces, [
                { associatePublicIpAddress: "true", securityGroups: [one(e, T.sg, "given-sg").id] },
            ]);
            assert.ok(lt.dependencies.includes(one(e, T.rule, "given-ingress").urn), "waits for the ingress rule");
            // AL2023 keeps the image's own root volume; no metadata options, tags or monitoring are set.
            assert.deepStrictEqual(lt.inputs.blockDeviceMappings, []);
            for (const key of [
                "metadataOptions",
                "tagSpecifications",
                "monitoring",
                "keyName",
                "instanceMarketOptions",
            ])
                assert.strictEqual(lt.inputs[key], undefined, key);
        });

        it("bootstraps the nodes with nodeadm, naming the cluster, base64-encoded", () => {
            assert.strictEqual(
                decode(one(e, T.lt, "demo-launchTemplate").inputs.userData),
                `${NODECONFIG(e)}\n--BOUNDARY--\n`,
            );
        });

        it("scales 1..2 (2 wanted) over the private subnets, on the template's latest version, tagged for the cluster", () => {
            const asg = one(e, T.asg, "demo");
            const lt = one(e, T.lt, "demo-launchTemplate");
            const clusterName = one(e, "aws:eks/cluster:Cluster", "demo").state.name;
            assert.deepStrictEqual([asg.inputs.minSize, asg.inputs.maxSize, asg.inputs.desiredCapacity], [1, 2, 2]);
            assert.deepStrictEqual(asg.inputs.launchTemplate, { name: lt.state.name, version: "1" });
            assert.deepStrictEqual(asg.inputs.vpcZoneIdentifiers, ["subnet-a", "subnet-b"]);
            assert.deepStrictEqual(asg.inputs.instanceRefresh, {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 50 },
            });
            assert.deepStrictEqual(asg.inputs.tags, [
                { key: `kubernetes.io/cluster/${clusterName}`, value: "owned", propagateAtLaunch: true },
                { key: "Name", value: `${clusterName}-worker`, propagateAtLaunch: true },
            ]);
            assert.deepStrictEqual(asg.ignoreChanges, []);
            assert.ok(
                asg.dependencies.includes(one(e, "aws:ssm/parameter:Parameter", "aws-auth").urn),
                "after the aws-auth ConfigMap",
            );
        });

        it("registers the same resources under the same parents in a preview, the user data unknown", async () => {
            const preview = await run(true);
            assert.deepStrictEqual(summary(preview), summary(e));
            const lt = one(preview, T.lt, "demo-launchTemplate");
            assert.ok(lt.unknownInputs.includes("userData"));
            assert.strictEqual(lt.inputs.instanceType, "t3.medium");
            assert.strictEqual(lt.inputs.imageId, MOCK_AMI, "the cluster's version is known: the image is looked up");
        });
    });

    describe("createNodeGroupV2 with its own security group and the common options (AL2)", () => {
        let e: Evaluation;
        before(async () => {
            e = await evaluate({
                program: () => {
                    const f = fixture({ privateSubnets: false });
                    createNodeGroupV2(
                        "workers",
                        {
                            amiType: "AL2_x86_64",
                            instanceType: "t3.large",
                            desiredCapacity: 3,
                            minSize: 2,
                            maxSize: 5,
                            nodeAssociatePublicIpAddress: false,
                            nodeRootVolumeSize: 50,
                            nodeRootVolumeEncrypted: true,
                            nodeSubnetIds: ["subnet-x", "subnet-y"],
                            nodePublicKey: "ssh-ed25519 AAAA",
                            extraNodeSecurityGroups: [f.extra],
                            labels: { role: "web" },
                            kubeletExtraArgs: "--max-pods=50",
                            bootstrapExtraArgs: "--use-max-pods false",
                            nodeUserData: "#!/bin/bash\necho hi",
                            autoScalingGroupTags: { team: "web" },
                            spotPrice: "0.05",
                            enableDetailedMonitoring: true,
                            ignoreScalingChanges: true,
                        },
                        f.core,
                        f.holder,
                    );
                },
            });
        });

        it("makes the node security group with its five rules, the key pair, the template and the group, under the parent", () => {
            assert.deepStrictEqual(
                summary(e),
                sorted([
                    `${T.asg} workers < holder`,
                    `${T.key} workers-keyPair < holder`,
                    `${T.lt} workers-launchTemplate < holder`,
                    `${T.rule} workers-eksClusterIngressRule < holder`,
                    `${T.rule} workers-eksExtApiServerClusterIngressRule < holder`,
                    `${T.rule} workers-eksNodeClusterIngressRule < holder`,
                    `${T.rule} workers-eksNodeIngressRule < holder`,
                    `${T.rule} workers-eksNodeInternetEgressRule < holder`,
                    `${T.sg} workers-nodeSecurityGroup < holder`,
                    `${T.holder} holder < webtier-test`,
                ]),
            );
        });

        it("tags the node security group for the cluster and opens what EKS needs", () => {
            const sg = one(e, T.sg, "workers-nodeSecurityGroup");
            const clusterSg = one(e, T.sg, "cluster-sg");
            const clusterName = one(e, "aws:eks/cluster:Cluster", "demo").state.name;
            assert.deepStrictEqual(sg.inputs.tags, {
                Name: "workers-nodeSecurityGroup",
                [`kubernetes.io/cluster/${clusterName}`]: "owned",
                team: "web",
            });
            assert.strictEqual(sg.inputs.vpcId, "vpc-1");
            assert.strictEqual(sg.inputs.revokeRulesOnDelete, true);
            const rule = (name: string) => {
                const r = one(e, T.rule, `workers-${name}`).inputs;
                return [
                    r.type,
                    r.fromPort,
                    r.toPort,
                    r.protocol,
                    r.securityGroupId,
                    r.sourceSecurityGroupId ?? r.cidrBlocks ?? r.self,
                ];
            };
            assert.deepStrictEqual(rule("eksNodeIngressRule"), ["ingress", 0, 0, "-1", sg.id, true]);
            assert.deepStrictEqual(rule("eksNodeClusterIngressRule"), [
                "ingress",
                1025,
                65535,
                "tcp",
                sg.id,
                clusterSg.id,
            ]);
            assert.deepStrictEqual(rule("eksExtApiServerClusterIngressRule"), [
                "ingress",
                443,
                443,
                "tcp",
                sg.id,
                clusterSg.id,
            ]);
            assert.deepStrictEqual(rule("eksNodeInternetEgressRule"), ["egress", 0, 0, "-1", sg.id, ["0.0.0.0/0"]]);
            assert.deepStrictEqual(rule("eksClusterIngressRule"), ["ingress", 443, 443, "tcp", clusterSg.id, sg.id]);
        });

        it("launches the AL2 image with a 20 GiB-default gp2 root volume resized, no public address, the key, spot pricing, monitoring", () => {
            const lt = one(e, T.lt, "workers-launchTemplate").inputs;
            assert.strictEqual(lt.instanceType, "t3.large");
            assert.deepStrictEqual(lt.blockDeviceMappings, [
                {
                    deviceName: "/dev/xvda",
                    ebs: { encrypted: "true", volumeSize: 50, volumeType: "gp2", deleteOnTermination: "true" },
                },
            ]);
            assert.deepStrictEqual(lt.networkInterfaces, [
                {
                    associatePublicIpAddress: "false",
                    securityGroups: [one(e, T.sg, "workers-nodeSecurityGroup").id, one(e, T.sg, "extra-sg").id],
                },
            ]);
            assert.strictEqual(lt.keyName, one(e, T.key, "workers-keyPair").state.keyName);
            assert.strictEqual(one(e, T.key, "workers-keyPair").inputs.publicKey, "ssh-ed25519 AAAA");
            assert.deepStrictEqual(lt.instanceMarketOptions, { marketType: "spot", spotOptions: { maxPrice: "0.05" } });
            assert.deepStrictEqual(lt.monitoring, { enabled: true });
            assert.strictEqual(
                e.calls[0].inputs.name,
                "/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/image_id",
            );
        });

        it("bootstraps with bootstrap.sh, the kubelet flags quoted, the program's script after", () => {
            const cluster = one(e, "aws:eks/cluster:Cluster", "demo").state;
            assert.strictEqual(
                decode(one(e, T.lt, "workers-launchTemplate").inputs.userData),
                `#!/bin/bash

/etc/eks/bootstrap.sh --apiserver-endpoint "${cluster.endpoint}" --b64-cluster-ca "${cluster.certificateAuthority.data}" "${cluster.name}" --use-max-pods false --kubelet-extra-args '--max-pods=50 --node-labels=role=web'
cat >/opt/user-data <<workers-user-data
#!/bin/bash
echo hi
workers-user-data
chmod +x /opt/user-data
/opt/user-data

`,
            );
        });

        it("scales as told over the subnets given, the program's tags first, desired capacity left to the autoscaler", () => {
            const asg = one(e, T.asg, "workers");
            assert.deepStrictEqual([asg.inputs.minSize, asg.inputs.maxSize, asg.inputs.desiredCapacity], [2, 5, 3]);
            assert.deepStrictEqual(asg.inputs.vpcZoneIdentifiers, ["subnet-x", "subnet-y"]);
            assert.deepStrictEqual(asg.inputs.tags[0], { key: "team", value: "web", propagateAtLaunch: true });
            assert.strictEqual(asg.inputs.tags.length, 3);
            assert.deepStrictEqual(asg.ignoreChanges, ["desiredCapacity"]);
        });
    });

    it("picks the arm64 image for a Graviton instance type, and looks no image up for a given amiId", async () => {
        const e = await evaluate({
            program: () => {
                const f = fixture({ given: true });
                const opts = { ...f.coreData.nodeGroupOptions };
                createNodeGroupV2("arm", { ...opts, instanceType: "m7g.large" }, f.core, f.holder);
                createNodeGroupV2("pinned", { ...opts, amiId: "ami-pinned" }, f.core, f.holder);
            },
        });
        const names = e.calls.filter((c) => c.token.includes("getParameter")).map((c) => c.inputs.name);
        assert.deepStrictEqual(names, [
            "/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/arm64/standard/recommended/image_id",
        ]);
        assert.strictEqual(one(e, T.lt, "pinned-launchTemplate").inputs.imageId, "ami-pinned");
    });

    describe("the NodeGroupV2 component", () => {
        it("builds inside itself, with the inputs as the provider receives them (labels in key order), and gives the group out", async () => {
            let group!: NodeGroupV2;
            const e = await evaluate({
                program: () => {
                    const f = fixture();
                    group = new NodeGroupV2("ng", {
                        cluster: f.core,
                        labels: { zone: "b", app: "web" },
                        launchTemplateTagSpecifications: [{ resourceType: "instance", tags: { team: "web" } }],
                        // Not an input of the SDK class: never reaches the provider.
                        metadataOptions: { httpTokens: "required" },
                    });
                    return { asg: group.autoScalingGroup.name, sg: group.nodeSecurityGroupId };
                },
            });
            const component = one(e, "eks:index:NodeGroupV2", "ng");
            assert.strictEqual(component.remote, undefined);
            assert.deepStrictEqual(
                summary(e, "ng"),
                sorted([
                    `${T.asg} ng < ng`,
                    `${T.lt} ng-launchTemplate < ng`,
                    `${T.rule} ng-eksClusterIngressRule < ng`,
                    `${T.rule} ng-eksExtApiServerClusterIngressRule < ng`,
                    `${T.rule} ng-eksNodeClusterIngressRule < ng`,
                    `${T.rule} ng-eksNodeIngressRule < ng`,
                    `${T.rule} ng-eksNodeInternetEgressRule < ng`,
                    `${T.sg} ng-nodeSecurityGroup < ng`,
                    "eks:index:NodeGroupV2 ng < webtier-test",
                ]),
            );
            const lt = one(e, T.lt, "ng-launchTemplate").inputs;
            assert.deepStrictEqual(lt.tagSpecifications, [{ resourceType: "instance", tags: { team: "web" } }]);
            assert.strictEqual(lt.metadataOptions, undefined);
            assert.match(decode(lt.userData), /- '--node-labels=app=web,zone=b'/);
            assert.strictEqual(e.outputs.asg, one(e, T.asg, "ng").state.name);
            assert.strictEqual(e.outputs.sg, one(e, T.sg, "ng-nodeSecurityGroup").id);
            assert.ok(NodeGroupV2.isInstance(group));
        });

        it("fails the run with the provider's errors for exclusive options: no launch template or group, as its checks come after the security group and key pair", async () => {
            const { failure, registered } = await firstFailure(() => {
                const f = fixture();
                new NodeGroupV2("bad", {
                    cluster: f.core,
                    nodePublicKey: "ssh-ed25519 AAAA",
                    keyName: "mine",
                    amiId: "ami-1",
                    gpu: true,
                });
            });
            assert.strictEqual(failure?.message, "Invalid arguments for node group");
            assert.deepStrictEqual(
                failure.errors.map((x: any) => x.reason),
                [
                    "nodePublicKey and keyName are mutually exclusive. Choose a single approach",
                    "amiId and gpu are mutually exclusive.",
                ],
            );
            assert.deepStrictEqual(
                sorted(
                    registered.filter(
                        (r) =>
                            !r.includes("Stack") &&
                            !r.includes("demo") &&
                            !r.includes("-sg") &&
                            !r.includes("node-role") &&
                            !r.includes("aws-auth"),
                    ),
                ),
                [
                    "test:index:Holder holder",
                    "eks:index:NodeGroupV2 bad",
                    "aws:ec2/securityGroup:SecurityGroup bad-nodeSecurityGroup",
                    "aws:ec2/securityGroupRule:SecurityGroupRule bad-eksNodeIngressRule",
                    "aws:ec2/securityGroupRule:SecurityGroupRule bad-eksNodeClusterIngressRule",
                    "aws:ec2/securityGroupRule:SecurityGroupRule bad-eksExtApiServerClusterIngressRule",
                    "aws:ec2/securityGroupRule:SecurityGroupRule bad-eksNodeInternetEgressRule",
                    "aws:ec2/securityGroupRule:SecurityGroupRule bad-eksClusterIngressRule",
                    "aws:ec2/keyPair:KeyPair bad-keyPair",
                ].sort(),
            );
        });

        it("fails the run when the root volume options do not fit its type", async () => {
            const { failure } = await firstFailure(() => {
                const f = fixture({ given: true });
                new NodeGroupV2("bad", { cluster: f.core, nodeRootVolumeType: "gp3", nodeRootVolumeIops: 3000 });
            });
            assert.strictEqual(failure?.message, "Invalid arguments for node group");
            assert.deepStrictEqual(
                failure.errors.map((x: any) => x.propertyPath),
                ["nodeRootVolumeIops"],
            );
        });

        it("fails the run with no instance profile, the cluster's or its own", async () => {
            const { failure } = await firstFailure(() => {
                const f = fixture({ given: true });
                new NodeGroupV2("bad", { cluster: f.core.apply((c: object) => ({ ...c, nodeGroupOptions: {} })) });
            });
            // The SDK prefixes the message of an error met while serializing an input (the template's profile).
            assert.match(String(failure?.message), /: an instanceProfile or instanceProfileName is required$/);
            assert.strictEqual(failure.propertyPath, "instanceProfile");
        });
    });

    describe("ManagedNodeGroup", () => {
        it("registers the EKS node group named as the component, with the cluster's name, version and subnets and default sizes", async () => {
            const e = await evaluate({
                program: () => {
                    const f = fixture();
                    new ManagedNodeGroup("mng", {
                        cluster: f.core,
                        nodeRole: f.core.instanceRoles[0],
                        instanceTypes: ["t3.large"],
                        capacityType: "SPOT",
                        diskSize: 40,
                        labels: { role: "web" },
                        taints: [{ key: "dedicated", value: "web", effect: "NO_SCHEDULE" }],
                        remoteAccess: { ec2SshKey: "mine" },
                    });
                },
            });
            const ng = one(e, T.mng, "mng");
            const cluster = one(e, "aws:eks/cluster:Cluster", "demo");
            assert.strictEqual(ng.parent, one(e, "eks:index:ManagedNodeGroup", "mng").urn);
            assert.strictEqual(ng.inputs.clusterName, cluster.state.name);
            assert.strictEqual(ng.inputs.nodeRoleArn, one(e, "aws:iam/role:Role", "node-role").state.arn);
            assert.strictEqual(ng.inputs.version, "1.31");
            assert.deepStrictEqual(
                ng.inputs.subnetIds,
                ["subnet-a", "subnet-b", "subnet-c"],
                "all the cluster's subnets",
            );
            assert.deepStrictEqual(ng.inputs.scalingConfig, { desiredSize: 2, minSize: 1, maxSize: 2 });
            assert.deepStrictEqual(
                [
                    ng.inputs.instanceTypes,
                    ng.inputs.capacityType,
                    ng.inputs.diskSize,
                    ng.inputs.labels,
                    ng.inputs.remoteAccess,
                ],
                [["t3.large"], "SPOT", 40, { role: "web" }, { ec2SshKey: "mine" }],
            );
            assert.deepStrictEqual(ng.inputs.taints, [{ key: "dedicated", value: "web", effect: "NO_SCHEDULE" }]);
            assert.strictEqual(ng.inputs.launchTemplate, undefined);
            assert.ok(
                ng.dependencies.includes(one(e, "aws:ssm/parameter:Parameter", "aws-auth").urn),
                "after the aws-auth ConfigMap",
            );
            assert.strictEqual(e.resources.filter((r) => r.type === T.lt).length, 0);
        });

        it("with kubelet arguments, IMDSv2 and a disk size: a launch template of its own carrying the user data and image", async () => {
            const run = (preview: boolean) =>
                evaluate({
                    preview,
                    program: () => {
                        const f = fixture();
                        new ManagedNodeGroup("mng", {
                            cluster: f.core,
                            nodeRoleArn: f.core.instanceRoles[0].arn,
                            kubeletExtraArgs: "--max-pods=110",
                            enableIMDSv2: true,
                            diskSize: 80,
                            amiType: "AL2023_x86_64_STANDARD",
                            scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 4 },
                            ignoreScalingChanges: true,
                        });
                    },
                });
            const e = await run(false);
            const lt = one(e, T.lt, "mng-launchTemplate");
            const ng = one(e, T.mng, "mng");
            const component = one(e, "eks:index:ManagedNodeGroup", "mng");
            assert.strictEqual(lt.parent, component.urn);
            assert.deepStrictEqual(lt.inputs.blockDeviceMappings, [
                { deviceName: "/dev/xvda", ebs: { volumeSize: 80 } },
            ]);
            assert.deepStrictEqual(lt.inputs.metadataOptions, {
                httpTokens: "required",
                httpPutResponseHopLimit: 2,
                httpEndpoint: "enabled",
            });
            assert.strictEqual(lt.inputs.imageId, MOCK_AMI);
            assert.match(decode(lt.inputs.userData), /flags:\n {6}- '--max-pods=110'\n/);
            assert.ok(decode(lt.inputs.userData).startsWith(NODECONFIG(e)));
            assert.deepStrictEqual(ng.inputs.launchTemplate, { id: lt.id, version: "1" });
            // The image is the template's: EKS refuses an AMI type, version or disk size beside it.
            for (const key of ["diskSize", "version", "amiType", "releaseVersion"])
                assert.strictEqual(ng.inputs[key], undefined, key);
            assert.deepStrictEqual(ng.inputs.scalingConfig, { desiredSize: 4, minSize: 3, maxSize: 6 });
            assert.deepStrictEqual(ng.ignoreChanges, ["scalingConfig.desiredSize"]);

            const preview = await run(true);
            assert.deepStrictEqual(summary(preview, "mng"), summary(e, "mng"));
        });

        it("enableEfaSupport: false still asks for a launch template of its own, with nothing in it", async () => {
            const e = await evaluate({
                program: () => {
                    const f = fixture();
                    new ManagedNodeGroup("mng", {
                        cluster: f.core,
                        nodeRoleArn: f.core.instanceRoles[0].arn,
                        enableEfaSupport: false,
                    });
                },
            });
            const lt = one(e, T.lt, "mng-launchTemplate");
            for (const key of ["userData", "imageId", "metadataOptions", "blockDeviceMappings", "networkInterfaces"])
                assert.strictEqual(lt.inputs[key], undefined, key);
            assert.deepStrictEqual(one(e, T.mng, "mng").inputs.launchTemplate, { id: lt.id, version: "1" });
            assert.strictEqual(
                one(e, T.mng, "mng").inputs.version,
                "1.31",
                "no user data: EKS's image, the cluster's version",
            );
        });

        it("an operating system alone names the AMI type", async () => {
            const e = await evaluate({
                program: () => {
                    const f = fixture();
                    new ManagedNodeGroup("mng", {
                        cluster: f.core,
                        nodeRoleArn: f.core.instanceRoles[0].arn,
                        operatingSystem: "AL2",
                        instanceTypes: ["m7g.large"],
                    } as any);
                },
            });
            assert.strictEqual(one(e, T.mng, "mng").inputs.amiType, "AL2_ARM_64");
        });

        it("fails with the provider's errors: no role; a role not among the cluster's under the aws-auth ConfigMap", async () => {
            const noRole = await firstFailure(() => {
                const f = fixture();
                new ManagedNodeGroup("bad", { cluster: f.core });
            });
            assert.strictEqual(noRole.failure?.message, "The input properties for the managed node group are invalid.");
            assert.deepStrictEqual(
                noRole.failure.errors.map((x: any) => x.reason),
                ["An IAM role, or role ARN must be provided to create a managed node group"],
            );
            const stranger = await firstFailure(() => {
                const f = fixture();
                new ManagedNodeGroup("bad", {
                    cluster: f.core,
                    nodeRoleArn: "arn:aws:iam::123456789012:role/other",
                });
            });
            assert.strictEqual(
                stranger.failure?.message,
                "A managed node group cannot be created without first setting its role in the cluster's instanceRoles",
            );
        });

        it("takes a role outside the cluster's when the cluster uses access entries", async () => {
            const e = await evaluate({
                program: () => {
                    const f = fixture({ authenticationMode: "API" });
                    new ManagedNodeGroup("mng", {
                        cluster: f.core,
                        nodeRoleArn: "arn:aws:iam::123456789012:role/other",
                    });
                },
            });
            assert.strictEqual(one(e, T.mng, "mng").inputs.nodeRoleArn, "arn:aws:iam::123456789012:role/other");
        });
    });

    describe("options the emulation does not follow: the component stays remote, as the SDK class registers it", () => {
        it("Bottlerocket nodes (NodeGroupV2 and v1) and EFA support", async () => {
            const e = await evaluate({
                program: () => {
                    const f = fixture();
                    new NodeGroupV2("br", { cluster: f.core, operatingSystem: "Bottlerocket", minSize: 1 });
                    new NodeGroupV2("brtype", { cluster: f.core, amiType: "BOTTLEROCKET_x86_64" });
                    new ManagedNodeGroup("efa", {
                        cluster: f.core,
                        nodeRoleArn: "arn:r",
                        enableEfaSupport: true,
                    });
                    new NodeGroup("v1", { cluster: f.core, instanceType: "t3.small", operatingSystem: "Bottlerocket" });
                },
            });
            const remote = e.resources
                .filter((r) => r.remote)
                .map((r) => `${r.type} ${r.name}`)
                .sort();
            assert.deepStrictEqual(remote, [
                "eks:index:ManagedNodeGroup efa",
                "eks:index:NodeGroup v1",
                "eks:index:NodeGroupV2 br",
                "eks:index:NodeGroupV2 brtype",
            ]);
            assert.deepStrictEqual(
                e.resources.filter((r) => [T.lt, T.asg, T.mng, T.sg].includes(r.type) && r.name.match(/^(br|efa|v1)/)),
                [],
                "nothing inside",
            );
            const br = one(e, "eks:index:NodeGroupV2", "br");
            assert.strictEqual(br.version, "4.3.0", "the plugin the SDK class names");
            assert.strictEqual(br.inputs.operatingSystem, "Bottlerocket");
            assert.strictEqual(br.inputs.minSize, 1);
            assert.strictEqual(one(e, "eks:index:NodeGroup", "v1").inputs.instanceType, "t3.small");
        });

        it("the unsupported options, in one place", () => {
            assert.strictEqual(unsupportedSelfManagedOptions({}), undefined);
            assert.strictEqual(
                unsupportedSelfManagedOptions({ operatingSystem: "AL2", amiType: "AL2_ARM_64" }),
                undefined,
            );
            assert.match(unsupportedSelfManagedOptions({ bottlerocketSettings: {} })!, /bottlerocketSettings/);
            assert.match(unsupportedSelfManagedOptions({ operatingSystem: pulumi.output("AL2023") })!, /Bottlerocket/);
            assert.strictEqual(
                unsupportedManagedOptions({ operatingSystem: "Bottlerocket" }),
                undefined,
                "EKS's own user data",
            );
            assert.match(
                unsupportedManagedOptions({ operatingSystem: "Bottlerocket", kubeletExtraArgs: "x" })!,
                /Bottlerocket/,
            );
            assert.match(unsupportedManagedOptions({ enableEfaSupport: true })!, /enableEfaSupport/);
            assert.strictEqual(unsupportedManagedOptions({ enableEfaSupport: false }), undefined);
        });

        it("a node group of a cluster the harness did not build (remote) stays remote too", async () => {
            const e = await evaluate({
                program: () => {
                    // As the SDK class registers it: its outputs are the engine's to fill in.
                    const remote = new pulumi.ComponentResource(
                        "eks:index:Cluster",
                        "far",
                        { core: undefined },
                        {},
                        true,
                    );
                    const core = (remote as unknown as { core: pulumi.Output<object> }).core;
                    new NodeGroupV2("by-resource", { cluster: remote });
                    new ManagedNodeGroup("by-output", {
                        cluster: core.apply((c) => c),
                        nodeRoleArn: "arn:r",
                    });
                },
            });
            assert.deepStrictEqual(sorted(e.resources.filter((r) => r.remote).map((r) => `${r.type} ${r.name}`)), [
                "eks:index:Cluster far",
                "eks:index:ManagedNodeGroup by-output",
                "eks:index:NodeGroupV2 by-resource",
            ]);
            assert.strictEqual(e.resources.length, 4, "the stack and the three components, nothing inside");
        });

        it("the SDK class's own check comes first", () => {
            assert.throws(() => new NodeGroupV2("x", undefined as any), /Missing required property 'cluster'/);
        });
    });

    describe("NodeGroup (v1): a launch configuration and a CloudFormation stack", () => {
        let e: Evaluation;
        const run = (preview: boolean) =>
            evaluate({
                preview,
                program: () => {
                    const f = fixture();
                    const group = new NodeGroup("ng1", { cluster: f.core, cloudFormationTags: { owner: "me" } });
                    return { asgName: group.autoScalingGroupName };
                },
            });
        before(async () => {
            e = await run(false);
        });

        it("registers the security group and rules, the stack's name, the launch configuration and the stack inside itself", () => {
            const rt = "eks:index:RandomSuffix";
            assert.deepStrictEqual(
                summary(e, "ng1"),
                sorted([
                    `aws:cloudformation/stack:Stack ng1-nodes < ng1`,
                    `aws:ec2/launchConfiguration:LaunchConfiguration ng1-nodeLaunchConfiguration < ng1`,
                    `${T.rule} ng1-eksClusterIngressRule < ng1`,
                    `${T.rule} ng1-eksExtApiServerClusterIngressRule < ng1`,
                    `${T.rule} ng1-eksNodeClusterIngressRule < ng1`,
                    `${T.rule} ng1-eksNodeIngressRule < ng1`,
                    `${T.rule} ng1-eksNodeInternetEgressRule < ng1`,
                    `${T.sg} ng1-nodeSecurityGroup < ng1`,
                    `${rt} ng1-cfnStackName < ng1`,
                    "eks:index:NodeGroup ng1 < webtier-test",
                ]),
            );
            const suffix = one(e, rt, "ng1-cfnStackName");
            assert.strictEqual(suffix.inputs.input, "ng1");
            assert.strictEqual(suffix.custom, true);
            assert.strictEqual(suffix.aliases.length, 1, "the dynamic resource it once was");
        });

        it("the launch configuration: the image, the profile, the security group, public addresses, user data that signals the stack", () => {
            const lc = one(e, "aws:ec2/launchConfiguration:LaunchConfiguration", "ng1-nodeLaunchConfiguration").inputs;
            const stackName = one(e, "eks:index:RandomSuffix", "ng1-cfnStackName").state.output;
            assert.match(stackName, /^ng1-[0-9a-f]{8}$/);
            assert.deepStrictEqual(
                [lc.imageId, lc.instanceType, lc.associatePublicIpAddress, lc.securityGroups],
                [MOCK_AMI, "t3.medium", true, [one(e, T.sg, "ng1-nodeSecurityGroup").id]],
            );
            assert.strictEqual(
                lc.iamInstanceProfile,
                one(e, "aws:iam/instanceProfile:InstanceProfile", "demo-instanceProfile").state.name,
            );
            assert.deepStrictEqual(lc.ebsBlockDevices, []);
            assert.strictEqual(
                lc.userData,
                `${NODECONFIG(e)}
--BOUNDARY
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/bash

/opt/aws/bin/cfn-signal --exit-code $? --stack ${stackName} --resource NodeGroup --region us-east-1

--BOUNDARY--
`,
            );
            assert.deepStrictEqual(
                e.calls.map((c) => c.token),
                ["aws:index/getRegion:getRegion", "aws:ssm/getParameter:getParameter", "aws:ec2/getAmi:getAmi"],
            );
        });

        it("the stack: named by the suffix, the group's template, the cluster's and the program's tags, after the aws-auth ConfigMap", () => {
            const stack = one(e, "aws:cloudformation/stack:Stack", "ng1-nodes");
            const lc = one(e, "aws:ec2/launchConfiguration:LaunchConfiguration", "ng1-nodeLaunchConfiguration");
            const clusterName = one(e, "aws:eks/cluster:Cluster", "demo").state.name;
            assert.strictEqual(stack.inputs.name, one(e, "eks:index:RandomSuffix", "ng1-cfnStackName").state.output);
            assert.deepStrictEqual(stack.inputs.tags, { Name: "ng1-nodes", owner: "me", team: "web" });
            assert.strictEqual(
                stack.inputs.templateBody,
                `
                AWSTemplateFormatVersion: '2010-09-09'
                Outputs:
                    NodeGroup:
                        Value: !Ref NodeGroup
                Resources:
                    NodeGroup:
                        Type: AWS::AutoScaling::AutoScalingGroup
                        Properties:
                          DesiredCapacity: 2
                          LaunchConfigurationName: ${lc.id}
                          MinSize: 1
                          MaxSize: 2
                          VPCZoneIdentifier: ["subnet-a","subnet-b"]
                          Tags:
                          
                          - Key: Name
                            Value: ${clusterName}-worker
                            PropagateAtLaunch: 'true'
                          - Key: kubernetes.io/cluster/${clusterName}
                            Value: owned
                            PropagateAtLaunch: 'true'
                        UpdatePolicy:
                          AutoScalingRollingUpdate:
                            MinInstancesInService: '1'
                            MaxBatchSize: '1'
                `,
            );
            assert.ok(stack.dependencies.includes(one(e, "aws:ssm/parameter:Parameter", "aws-auth").urn));
            // The template's NodeGroup output: what `!Ref NodeGroup` gives, the group's physical name.
            assert.match(e.outputs.asgName, new RegExp(`^${stack.inputs.name}-NodeGroup-[0-9A-F]+$`));
        });

        it("registers the same resources in a preview", async () => {
            const preview = await run(true);
            assert.deepStrictEqual(summary(preview, "ng1"), summary(e, "ng1"));
            const stack = one(preview, "aws:cloudformation/stack:Stack", "ng1-nodes");
            assert.ok(stack.unknownInputs.includes("name"), "the suffix is the provider's to draw");
        });
    });

    it("the installed SDK's node group classes are swapped for these, which build inside them", async () => {
        EKS_EMULATION.install();
        const e = await evaluate({
            program: () => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const eks = require("@pulumi/eks") as typeof eksSdk;
                const f = fixture({ given: true });
                const v2 = new eks.NodeGroupV2("sdk-v2", { cluster: f.core, ...f.coreData.nodeGroupOptions });
                const mng = new eks.ManagedNodeGroup("sdk-mng", {
                    cluster: f.core,
                    nodeRoleArn: f.core.instanceRoles[0].arn,
                });
                return { asg: v2.autoScalingGroup.name, ng: mng.nodeGroup.nodeGroupName };
            },
        });
        assert.deepStrictEqual(
            e.resources.filter((r) => r.remote),
            [],
        );
        assert.strictEqual(one(e, T.asg, "sdk-v2").parent, one(e, "eks:index:NodeGroupV2", "sdk-v2").urn);
        assert.strictEqual(one(e, T.mng, "sdk-mng").parent, one(e, "eks:index:ManagedNodeGroup", "sdk-mng").urn);
        assert.strictEqual(e.outputs.asg, one(e, T.asg, "sdk-v2").state.name);
        assert.strictEqual(e.outputs.ng, one(e, T.mng, "sdk-mng").state.nodeGroupName);
    });

    it("node groups of an SDK Cluster (built by the cluster side) read its core: its profile, security group, subnets", async () => {
        EKS_EMULATION.install();
        const e = await evaluate({
            program: () => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const eks = require("@pulumi/eks") as typeof eksSdk;
                const cluster = new eks.Cluster("c", {
                    vpcId: "vpc-1",
                    subnetIds: ["subnet-rt-igw", "subnet-rt-nat"],
                    version: "1.31",
                });
                new eks.NodeGroupV2("extra", { cluster, instanceType: "t3.large" });
                new eks.ManagedNodeGroup("managed", { cluster, nodeRole: cluster.instanceRoles[0] });
            },
        });
        assert.deepStrictEqual(
            e.resources.filter((r) => r.remote),
            [],
        );
        const profile = e.resources.find((r) => r.type === "aws:iam/instanceProfile:InstanceProfile")!;
        const lt = one(e, T.lt, "extra-launchTemplate");
        assert.deepStrictEqual(lt.inputs.iamInstanceProfile, { name: profile.state.name });
        assert.strictEqual(lt.inputs.instanceType, "t3.large");
        assert.strictEqual(
            one(e, T.sg, "extra-nodeSecurityGroup").inputs.tags[
                `kubernetes.io/cluster/${e.resources.find((r) => r.type === "aws:eks/cluster:Cluster")!.state.name}`
            ],
            "owned",
        );
        assert.deepStrictEqual(one(e, T.asg, "extra").inputs.vpcZoneIdentifiers, ["subnet-rt-nat"], "the private one");
        const ng = one(e, T.mng, "managed");
        assert.deepStrictEqual(ng.inputs.subnetIds, ["subnet-rt-igw", "subnet-rt-nat"], "all the cluster's");
        assert.strictEqual(ng.inputs.version, "1.31");
    });

    it("the node security group component registers its group and rules inside itself", async () => {
        const e = await evaluate({
            program: () => {
                const holder = new pulumi.ComponentResource(T.holder, "holder");
                const cluster = new aws.eks.Cluster(
                    "demo",
                    { roleArn: "arn:r", vpcConfig: { subnetIds: [] } },
                    { parent: holder },
                );
                const clusterSg = new aws.ec2.SecurityGroup("cluster-sg", { vpcId: "vpc-1" }, { parent: holder });
                const NodeGroupSecurityGroup = COMPONENTS["eks:index:NodeGroupSecurityGroup"];
                const nsg = new NodeGroupSecurityGroup("nsg", {
                    vpcId: "vpc-1",
                    clusterSecurityGroup: clusterSg,
                    eksCluster: cluster,
                }) as unknown as {
                    securityGroup: pulumi.Output<aws.ec2.SecurityGroup>;
                    securityGroupRule: pulumi.Output<aws.ec2.SecurityGroupRule>;
                };
                const [sg] = createNodeGroupSecurityGroup(
                    "fn",
                    { vpcId: "vpc-2", clusterSecurityGroupId: "sg-c", eksCluster: cluster },
                    holder,
                );
                return { sg: sg.id, nsg: nsg.securityGroup.id, rule: nsg.securityGroupRule.id };
            },
        });
        assert.strictEqual(e.outputs.nsg, one(e, T.sg, "nsg-nodeSecurityGroup").id);
        assert.strictEqual(e.outputs.rule, one(e, T.rule, "nsg-eksClusterIngressRule").id);
        assert.strictEqual(e.outputs.sg, one(e, T.sg, "fn-nodeSecurityGroup").id);
        assert.deepStrictEqual(summary(e, "nsg").filter((s) => s.includes("< nsg")).length, 6);
        assert.strictEqual(
            one(e, T.rule, "nsg-eksClusterIngressRule").inputs.securityGroupId,
            one(e, T.sg, "cluster-sg").id,
        );
        assert.strictEqual(one(e, T.rule, "fn-eksNodeClusterIngressRule").inputs.sourceSecurityGroupId, "sg-c");
        assert.deepStrictEqual(Object.keys(COMPONENTS).sort(), [
            "eks:index:ManagedNodeGroup",
            "eks:index:NodeGroup",
            "eks:index:NodeGroupSecurityGroup",
            "eks:index:NodeGroupV2",
        ]);
    });

    it("the instance profile: the node group's own before the cluster's; a profile and a name never together, from either", async () => {
        const profile = { name: pulumi.output("from-profile") } as unknown as aws.iam.InstanceProfile;
        const read = (o: pulumi.Output<string>) => new Promise((resolve) => o.apply(resolve));
        const cluster = (options: object) => ({ nodeGroupOptions: options }) as any;
        assert.strictEqual(
            await read(resolveInstanceProfileName({ instanceProfileName: "mine" }, cluster({}))),
            "mine",
        );
        assert.strictEqual(
            await read(resolveInstanceProfileName({ instanceProfile: profile }, cluster({ instanceProfile: {} }))),
            "from-profile",
        );
        assert.strictEqual(await read(resolveInstanceProfileName({}, cluster({ instanceProfileName: "its" }))), "its");
        // The provider's check spans both: the cluster's profile and the group's own name clash.
        assert.throws(
            () => resolveInstanceProfileName({ instanceProfileName: "mine" }, cluster({ instanceProfile: profile })),
            /^Error: instanceProfile and instanceProfileName are mutually exclusive$/,
        );
        assert.throws(
            () => resolveInstanceProfileName({}, cluster({})),
            /^Error: an instanceProfile or instanceProfileName is required$/,
        );
    });

    describe("computeWorkerSubnets", () => {
        it("a route to an internet gateway for a public range makes a subnet public", () => {
            assert.strictEqual(isPrivateCIDRBlock("0.0.0.0/0"), false);
            assert.strictEqual(isPrivateCIDRBlock("10.1.0.0/16"), true);
            assert.strictEqual(isPrivateCIDRBlock("172.16.0.0/11"), false, "wider than 172.16/12");
            assert.strictEqual(isPrivateCIDRBlock("192.168.4.0/24"), true);
            assert.throws(() => isPrivateCIDRBlock(""));
        });

        it("keeps the private subnets (no internet gateway route for a public range), or all when none is", async () => {
            const e = await evaluate({
                program: async () => {
                    const holder = new pulumi.ComponentResource(T.holder, "holder");
                    return {
                        mixed: await computeWorkerSubnets(holder, ["subnet-rt-igw", "subnet-rt-nat", "subnet-rt-peer"]),
                        publicOnly: await computeWorkerSubnets(holder, ["subnet-rt-igw-a", "subnet-rt-igw-b"]),
                    };
                },
            });
            assert.deepStrictEqual(e.outputs.mixed, ["subnet-rt-nat", "subnet-rt-peer"]);
            assert.deepStrictEqual(e.outputs.publicOnly, ["subnet-rt-igw-a", "subnet-rt-igw-b"]);
            assert.deepStrictEqual(
                e.calls.map((c) => c.inputs.subnetId),
                ["subnet-rt-igw", "subnet-rt-nat", "subnet-rt-peer", "subnet-rt-igw-a", "subnet-rt-igw-b"],
            );
        });

        it("a cluster with only subnetIds puts a node group in its private ones", async () => {
            const e = await evaluate({
                program: () => {
                    const f = fixture({ given: true, privateSubnets: false });
                    const core = f.core.apply((c: object) => ({
                        ...c,
                        publicSubnetIds: undefined,
                        subnetIds: ["subnet-rt-igw", "subnet-rt-nat"],
                    }));
                    createNodeGroupV2("demo", { ...f.coreData.nodeGroupOptions }, core, f.holder);
                },
            });
            assert.deepStrictEqual(one(e, T.asg, "demo").inputs.vpcZoneIdentifiers, ["subnet-rt-nat"]);
        });
    });
});
