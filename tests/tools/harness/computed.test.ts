// Computed outputs a program or a rule reads back, as the provider would give them under
// `pulumi up`, and unknown under `pulumi preview`.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { evaluate } from "../../../tools/harness/evaluate";
import { nestedComputedProperties } from "../../../tools/harness/sdk-classes";
import { scratchDir } from "../../support/scratch";

function program() {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const subnet = new aws.ec2.Subnet("b", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "eu-west-1b" });
    new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.small", subnetId: subnet.id });
    const eip = new aws.ec2.Eip("bastion", { domain: "vpc" });
    const sg = new aws.ec2.SecurityGroup("ssh", { vpcId: vpc.id });
    new aws.vpc.SecurityGroupIngressRule("from-bastion", {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: eip.publicIp.apply((ip) => `${ip}/32`),
    });
}

describe("computed outputs under mocks", () => {
    it("gives the names Terraform generates: a prefix and its 26-character unique id, or tf- for an unnamed cluster", async () => {
        for (const preview of [false, true]) {
            const evaluation = await evaluate({
                preview,
                program: () => {
                    new aws.ec2.SecurityGroup("web", { namePrefix: "web-" });
                    new aws.rds.Cluster("db", {
                        engine: "aurora-mysql",
                        masterUsername: "shop",
                        manageMasterUserPassword: true,
                    });
                },
            });
            const state = (name: string) => evaluation.resources.find((r) => r.name === name)!.state;
            if (preview) {
                // Unknown: what Terraform generates exists only once the resource is created.
                for (const value of [state("web").name, state("db").clusterIdentifier])
                    assert.ok(
                        value === unknownValue || value?.__pulumiUnknown === true,
                        `unknown, not ${String(value)}`,
                    );
                continue;
            }
            assert.match(state("web").name, /^web-\d{18}[0-9a-f]{8}$/);
            assert.match(state("db").clusterIdentifier, /^tf-\d{18}[0-9a-f]{8}$/);
        }
    });

    it("gives a subnet its zone by name and by id, as getAvailabilityZones pairs them, and spreads subnets that name none", async () => {
        const evaluation = await evaluate({
            program: () => {
                const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                const zones = aws.getAvailabilityZonesOutput({ state: "available" });
                new aws.ec2.Subnet("by-id", {
                    vpcId: vpc.id,
                    cidrBlock: "10.0.1.0/24",
                    availabilityZoneId: zones.zoneIds[1],
                });
                new aws.ec2.Subnet("by-name", {
                    vpcId: vpc.id,
                    cidrBlock: "10.0.2.0/24",
                    availabilityZone: zones.names[2],
                });
                new aws.ec2.Subnet("free-1", { vpcId: vpc.id, cidrBlock: "10.0.3.0/24" });
                new aws.ec2.Subnet("free-2", { vpcId: vpc.id, cidrBlock: "10.0.4.0/24" });
                // Next to a subnet placed in a zone, one EC2 places is not put in that zone.
                const other = new aws.ec2.Vpc("other", { cidrBlock: "10.1.0.0/16" });
                const placed = new aws.ec2.Subnet("placed", {
                    vpcId: other.id,
                    cidrBlock: "10.1.1.0/24",
                    availabilityZone: "eu-west-1a",
                });
                // Created after it (the mocks see subnets in the order they are created).
                new aws.ec2.Subnet("free-3", { vpcId: other.id, cidrBlock: "10.1.2.0/24" }, { dependsOn: [placed] });
            },
            config: { "aws:region": "eu-west-1" },
        });
        const zone = (name: string) => {
            const { availabilityZone, availabilityZoneId } = evaluation.resources.find((r) => r.name === name)!.state;
            return [availabilityZone, availabilityZoneId];
        };
        assert.deepStrictEqual(zone("by-id"), ["eu-west-1b", "euw1-az2"]);
        assert.deepStrictEqual(zone("by-name"), ["eu-west-1c", "euw1-az3"]);
        // EC2's pick cannot be known: two subnets that name no zone are not put in one.
        assert.notStrictEqual(zone("free-1")[0], zone("free-2")[0]);
        assert.notStrictEqual(zone("free-3")[0], "eu-west-1a");
    });

    it("places an instance in its subnet's zone and gives an Elastic IP an address a rule can read", async () => {
        const evaluation = await evaluate({ program, config: { "aws:region": "eu-west-1" } });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        assert.strictEqual(byName("web").state.availabilityZone, "eu-west-1b");
        const ip = byName("bastion").state.publicIp;
        assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
        assert.strictEqual(byName("from-bastion").inputs.cidrIpv4, `${ip}/32`);
        // A cloud's address, never a documentation range an allowlist may hold.
        assert.doesNotMatch(ip, /^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
    });

    it("gives droplets and DigitalOcean balancers addresses outside the documentation ranges", async () => {
        const evaluation = await evaluate({
            program: () => {
                new digitalocean.Droplet("web", { image: "ubuntu-24-04-x64", region: "fra1", size: "s-1vcpu-2gb" });
                new digitalocean.LoadBalancer("lb", {
                    region: "fra1",
                    forwardingRules: [{ entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 }],
                });
            },
        });
        const state = (name: string) => evaluation.resources.find((r) => r.name === name)!.state;
        for (const ip of [state("web").ipv4Address, state("lb").ip]) {
            assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
            assert.doesNotMatch(ip, /^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
        }
    });

    it("places an instance launched on its own network interface in that interface's subnet and zone", async () => {
        const evaluation = await evaluate({
            config: { "aws:region": "eu-west-1" },
            program: () => {
                const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                ["eu-west-1b", "eu-west-1c"].forEach((zone, i) => {
                    const subnet = new aws.ec2.Subnet(`s${i}`, {
                        vpcId: vpc.id,
                        cidrBlock: `10.0.${i}.0/24`,
                        availabilityZone: zone,
                    });
                    const nic = new aws.ec2.NetworkInterface(`nic-${i}`, { subnetId: subnet.id });
                    const ami = "ami-0123456789abcdef0";
                    // The current input, and the deprecated list whose device 0 is the primary.
                    new aws.ec2.Instance(`web-${i}`, {
                        ami,
                        instanceType: "t3.small",
                        ...(i === 0
                            ? { primaryNetworkInterface: { networkInterfaceId: nic.id } }
                            : { networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: nic.id }] }),
                    });
                });
            },
        });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        for (const [i, zone] of ["eu-west-1b", "eu-west-1c"].entries()) {
            assert.strictEqual(byName(`web-${i}`).state.availabilityZone, zone);
            assert.strictEqual(byName(`web-${i}`).state.subnetId, byName(`s${i}`).id);
        }
    });

    it("leaves them unknown in a preview", async () => {
        const evaluation = await evaluate({ program, preview: true, config: { "aws:region": "eu-west-1" } });
        const rule = evaluation.resources.find((r) => r.name === "from-bastion")!;
        assert.ok(rule.unknownInputs.includes("cidrIpv4"), `cidrIpv4 is ${rule.inputs.cidrIpv4}`);
    });

    it("leaves unknown in a preview what the provider computes inside a block the program wrote, and the inputs as written", async () => {
        assert.deepStrictEqual(
            [...(nestedComputedProperties("aws:eks/cluster:Cluster").get("vpcConfig") ?? [])].filter((f) =>
                ["clusterSecurityGroupId", "vpcId", "endpointPublicAccess"].includes(f),
            ),
            ["clusterSecurityGroupId", "vpcId"],
            "read from the SDK's output types: what is never absent, not what may be",
        );
        assert.ok(
            nestedComputedProperties("digitalocean:index/loadBalancer:LoadBalancer")
                .get("forwardingRules")
                ?.includes("certificateName"),
            "a package's own top-level interfaces too",
        );
        for (const preview of [false, true]) {
            const evaluation = await evaluate({
                preview,
                program: () => {
                    new aws.eks.Cluster("eks", {
                        roleArn: "arn:aws:iam::123456789012:role/eks",
                        vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPublicAccess: false },
                    });
                },
            });
            const cluster = evaluation.resources.find((r) => r.name === "eks")!;
            const vpcConfig = cluster.state.vpcConfig;
            assert.deepStrictEqual(cluster.inputs.vpcConfig, {
                subnetIds: ["subnet-a", "subnet-b"],
                endpointPublicAccess: false,
            });
            assert.strictEqual(vpcConfig.endpointPublicAccess, false);
            // Unknown on the wire, the SDK's Unknown once read back.
            const unknown = (value: unknown) =>
                value === unknownValue || (value as { __pulumiUnknown?: boolean })?.__pulumiUnknown === true;
            assert.strictEqual(unknown(vpcConfig.clusterSecurityGroupId), preview);
            assert.strictEqual(unknown(vpcConfig.vpcId), preview);
            assert.strictEqual(unknown(cluster.wireState!.vpcConfig.clusterSecurityGroupId), preview);
        }
    });

    it("leaves unknown in a preview what a provider SDK installed only in the program's project computes", async () => {
        // A provider package this repository does not install, in the program's own node_modules, as
        // a project installs @pulumi/command or @pulumi/kubernetes; the program runs in its folder.
        const project = scratchDir("own-provider-");
        const sdk = path.join(project, "node_modules", "@pulumi", "acmeprov");
        fs.mkdirSync(sdk, { recursive: true });
        fs.writeFileSync(
            path.join(sdk, "package.json"),
            JSON.stringify({ name: "@pulumi/acmeprov", main: "index.js" }),
        );
        fs.writeFileSync(
            path.join(sdk, "server.js"),
            [
                'const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [process.env.ACME_SDK_FROM] }));',
                "class Server extends pulumi.CustomResource {",
                "    constructor(name, args, opts) { super(Server.__pulumiType, name, { ...args, address: undefined, note: undefined }, opts); }",
                "}",
                'Server.__pulumiType = "acmeprov:index/server:Server";',
                "exports.Server = Server;",
            ].join("\n"),
        );
        fs.writeFileSync(
            path.join(sdk, "server.d.ts"),
            [
                'import * as pulumi from "@pulumi/pulumi";',
                "export declare class Server extends pulumi.CustomResource {",
                "    readonly address: pulumi.Output<string>;",
                "    readonly note: pulumi.Output<string | undefined>;",
                "    constructor(name: string, args: {}, opts?: pulumi.CustomResourceOptions);",
                "}",
            ].join("\n"),
        );
        const saved = { cwd: process.cwd(), from: process.env.ACME_SDK_FROM };
        process.env.ACME_SDK_FROM = __dirname;
        process.chdir(project);
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { Server } = require(path.join(sdk, "server.js"));
            const evaluation = await evaluate({ preview: true, program: () => new Server("web", {}) });
            // The state the pack reads: what the provider computes unknown, what it may leave empty absent.
            const state = evaluation.resources.find((r) => r.name === "web")!.state;
            assert.ok(
                state.address === unknownValue || state.address?.__pulumiUnknown === true,
                `address unknown, not ${String(state.address)}`,
            );
            assert.strictEqual(state.note, undefined);
        } finally {
            process.chdir(saved.cwd);
            if (saved.from === undefined) delete process.env.ACME_SDK_FROM;
            else process.env.ACME_SDK_FROM = saved.from;
        }
    });

    it("gives a VPC its default security group, which DefaultSecurityGroup adopts (its id), the default VPC's without vpcId", async () => {
        const evaluation = await evaluate({
            program: () => {
                const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                new aws.ec2.DefaultSecurityGroup("adopted", { vpcId: vpc.id });
                new aws.ec2.DefaultSecurityGroup("default-vpc", {});
            },
        });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        const vpcDefault = byName("vpc").state.defaultSecurityGroupId;
        assert.match(vpcDefault, /^sg-/);
        assert.strictEqual(byName("adopted").id, vpcDefault);
        assert.notStrictEqual(byName("default-vpc").id, vpcDefault);
        assert.match(String(byName("default-vpc").id), /^sg-/);
    });
});
