// Data sources under mocks: what the mocks can know is answered as the cloud would answer it,
// anything else gets no fields and is recorded as unanswered (run.ts names those in the notes).
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";

describe("data sources under mocks", () => {
    it("answer the default VPC as AWS makes it, and leave any other VPC lookup unanswered", async () => {
        let cidr: string | undefined;
        let arn: string | undefined;
        let other: string | undefined;
        const evaluation = await evaluate({
            program: async () => {
                ({ cidrBlock: cidr, arn } = await aws.ec2.getVpc({ default: true }));
                other = (await aws.ec2.getVpc({ tags: { Name: "shared" } })).cidrBlock;
                const partition = await aws.getPartition();
                return { dns: pulumi.output(partition.dnsSuffix) };
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.strictEqual(cidr, "172.31.0.0/16");
        assert.match(arn ?? "", /^arn:aws:ec2:eu-west-1:/, "in the stack's region");
        assert.strictEqual(other, undefined);
        assert.deepStrictEqual(
            evaluation.calls.map((call) => [call.token, call.answered]),
            [
                ["aws:ec2/getVpc:getVpc", true],
                ["aws:ec2/getVpc:getVpc", false],
                ["aws:index/getPartition:getPartition", true],
            ],
        );
        assert.strictEqual(evaluation.outputs.dns, "amazonaws.com");
    });

    it("answer the default VPC's subnets, one per zone, and leave any other subnet lookup unanswered", async () => {
        const found: (string[] | undefined)[] = [];
        const evaluation = await evaluate({
            program: async () => {
                const vpc = await aws.ec2.getVpc({ default: true });
                found.push((await aws.ec2.getSubnets({ filters: [{ name: "vpc-id", values: [vpc.id] }] })).ids);
                found.push(
                    (
                        await aws.ec2.getSubnets({
                            filters: [
                                { name: "default-for-az", values: ["true"] },
                                { name: "availability-zone", values: ["eu-west-1b"] },
                            ],
                        })
                    ).ids,
                );
                found.push((await aws.ec2.getSubnets({ filters: [{ name: "tag:Tier", values: ["public"] }] })).ids);
                found.push((await aws.ec2.getSubnets({ filters: [{ name: "vpc-id", values: ["vpc-0123"] }] })).ids);
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.strictEqual(found[0]?.length, 3);
        assert.strictEqual(new Set(found[0]).size, 3, "a subnet per zone");
        assert.deepStrictEqual(found[1], [found[0][1]], "the default subnet of eu-west-1b");
        assert.deepStrictEqual(found.slice(2), [undefined, undefined]);
        assert.deepStrictEqual(
            evaluation.calls.filter((c) => c.token === "aws:ec2/getSubnets:getSubnets").map((c) => c.answered),
            [true, true, false, false],
        );
    });

    it("answer AWS's own prefix lists by name with an id per region, and leave the account's unanswered", async () => {
        const ids: (string | undefined)[] = [];
        const evaluation = await evaluate({
            program: async () => {
                for (const name of [
                    "com.amazonaws.global.cloudfront.origin-facing",
                    "com.amazonaws.global.cloudfront.origin-facing",
                    "com.amazonaws.eu-west-1.s3",
                    "office-ranges",
                ])
                    ids.push((await aws.ec2.getManagedPrefixList({ name })).id);
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.match(ids[0] ?? "", /^pl-[0-9a-f]{8}$/);
        assert.strictEqual(ids[1], ids[0], "the same list, the same id");
        assert.notStrictEqual(ids[2], ids[0]);
        assert.strictEqual(ids[3], undefined);
        assert.deepStrictEqual(
            evaluation.calls.map((c) => c.answered),
            [true, true, true, false],
        );
    });

    it("answer a certificate looked up by domain with an issued certificate's ARN, stable per domain", async () => {
        const found: string[] = [];
        await evaluate({
            program: async () => {
                for (const domain of ["shop.example.com", "shop.example.com", "www.example.com"]) {
                    const certificate = await aws.acm.getCertificate({ domain, statuses: ["ISSUED"] });
                    assert.strictEqual(certificate.status, "ISSUED");
                    found.push(certificate.arn);
                }
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.match(found[0], /^arn:aws:acm:eu-west-1:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-/);
        assert.strictEqual(found[1], found[0]);
        assert.notStrictEqual(found[2], found[0]);
    });

    it("answer AWS's public image parameters with the mock's AMI, and leave the account's parameters unanswered", async () => {
        const values: (string | undefined)[] = [];
        const evaluation = await evaluate({
            program: async () => {
                for (const name of [
                    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                    "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
                    "/shop/prod/db_password",
                ])
                    values.push((await aws.ssm.getParameter({ name })).value);
            },
        });
        assert.deepStrictEqual(values, ["ami-0123456789abcdef0", "ami-0123456789abcdef0", undefined]);
        assert.deepStrictEqual(
            evaluation.calls.map((c) => c.answered),
            [true, true, false],
        );
    });

    it("answer the ECS- and EKS-optimized images' recommended parameter with AWS's JSON document, and each of its keys below it", async () => {
        const values: string[] = [];
        await evaluate({
            program: async () => {
                for (const name of [
                    "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended",
                    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
                    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/os",
                    "/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended",
                    "/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/release_version",
                ])
                    values.push((await aws.ssm.getParameter({ name })).value);
            },
        });
        // awsx classic's launch configuration reads JSON.parse(value).image_id.
        const ecs = JSON.parse(values[0]);
        assert.strictEqual(ecs.image_id, "ami-0123456789abcdef0");
        assert.strictEqual(ecs.os, "Amazon Linux 2");
        assert.strictEqual(values[1], "ami-0123456789abcdef0");
        assert.strictEqual(values[2], "Amazon Linux 2023");
        assert.strictEqual(JSON.parse(values[3]).image_id, "ami-0123456789abcdef0");
        assert.match(values[4], /^1\.30\./);
    });

    it("answer an ECR registry's credentials as ECR gives them: user AWS, the token base64 of AWS:<password>, the secrets secret", async () => {
        const evaluation = await evaluate({
            program: () => {
                const mine = aws.ecr.getAuthorizationTokenOutput();
                const other = aws.ecr.getAuthorizationTokenOutput({ registryId: "210987654321" });
                return {
                    endpoint: mine.proxyEndpoint,
                    user: mine.userName,
                    token: mine.authorizationToken,
                    password: mine.password,
                    id: mine.id,
                    otherEndpoint: other.proxyEndpoint,
                    expiresAt: mine.expiresAt,
                    region: aws.getRegionOutput().region,
                };
            },
            config: { "aws:region": "eu-central-1" },
        });
        const o = evaluation.outputs;
        assert.strictEqual(o.endpoint, "https://123456789012.dkr.ecr.eu-central-1.amazonaws.com");
        assert.strictEqual(o.otherEndpoint, "https://210987654321.dkr.ecr.eu-central-1.amazonaws.com");
        assert.strictEqual(o.user, "AWS");
        assert.strictEqual(o.id, "eu-central-1", "the provider's id is the region");
        assert.strictEqual(Buffer.from(String(o.token), "base64").toString(), `AWS:${o.password}`);
        assert.match(String(o.expiresAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, "RFC 3339, as the provider formats it");
        // The SDK makes an invoke's whole result secret when the provider's answer holds a secret.
        assert.deepStrictEqual(
            [...evaluation.secretOutputs].sort(),
            ["endpoint", "expiresAt", "id", "otherEndpoint", "password", "token", "user"],
            "what the credentials' lookups give is secret, another data source's is not",
        );
        assert.ok(evaluation.calls.every((call) => call.answered));
    });

    it("answer a subnet's route table from the program's own tables and routes, and fail one with none of its own as EC2 does", async () => {
        const seen: Record<string, unknown> = {};
        const evaluation = await evaluate({
            program: () => {
                const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" });
                const publicSubnet = new aws.ec2.Subnet("pub", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
                const lonely = new aws.ec2.Subnet("lonely", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24" });
                const table = new aws.ec2.RouteTable("rt", {
                    vpcId: vpc.id,
                    routes: [{ cidrBlock: "10.9.0.0/16", gatewayId: "vgw-1" }],
                });
                const route = new aws.ec2.Route("out", {
                    routeTableId: table.id,
                    destinationCidrBlock: "0.0.0.0/0",
                    gatewayId: "igw-1",
                });
                const association = new aws.ec2.RouteTableAssociation("a", {
                    subnetId: publicSubnet.id,
                    routeTableId: table.id,
                });
                return pulumi
                    .all([publicSubnet.id, lonely.id, vpc.id, route.id, association.id])
                    .apply(async ([p, l, v]) => {
                        seen.own = await aws.ec2.getRouteTable({ subnetId: p });
                        seen.lonely = await aws.ec2.getRouteTable({ subnetId: l }).catch((e: Error) => e.message);
                        const main = await aws.ec2.getRouteTables({
                            vpcId: v,
                            filters: [{ name: "association.main", values: ["true"] }],
                        });
                        seen.main = await aws.ec2.getRouteTable({ routeTableId: main.ids[0] });
                        seen.defaultVpc = await aws.ec2
                            .getRouteTable({ subnetId: "subnet-0d0d0d0d0d0d0d0da" })
                            .catch((e: Error) => e.message);
                        seen.account = await aws.ec2.getRouteTable({ subnetId: "subnet-of-the-account" });
                    });
            },
        });
        const own = seen.own as aws.ec2.GetRouteTableResult;
        assert.deepStrictEqual(
            own.routes.map((r) => [r.cidrBlock, r.gatewayId]),
            [
                ["10.9.0.0/16", "vgw-1"],
                ["0.0.0.0/0", "igw-1"],
            ],
            "its inline routes and the aws.ec2.Route in it",
        );
        assert.match(String(seen.lonely), /no matching EC2 Route Table found/);
        assert.deepStrictEqual(
            (seen.main as aws.ec2.GetRouteTableResult).routes,
            [],
            "the main table: the local route only",
        );
        assert.match(
            String(seen.defaultVpc),
            /no matching EC2 Route Table found/,
            "default subnets use the main table",
        );
        assert.strictEqual(
            (seen.account as aws.ec2.GetRouteTableResult).routes,
            undefined,
            "the account's: unanswered",
        );
        assert.ok(evaluation.calls.some((c) => c.token === "aws:ec2/getRouteTable:getRouteTable" && !c.answered));
    });

    it("answer a DigitalOcean certificate looked up by name as verified, its uuid stable per name", async () => {
        const found: string[] = [];
        await evaluate({
            program: async () => {
                for (const name of ["shop-cert", "shop-cert", "www-cert"]) {
                    const certificate = await digitalocean.getCertificate({ name });
                    assert.strictEqual(certificate.state, "verified");
                    found.push(certificate.uuid);
                }
            },
        });
        assert.match(found[0], /^[0-9a-f]{8}-[0-9a-f]{4}-/);
        assert.strictEqual(found[1], found[0]);
        assert.notStrictEqual(found[2], found[0]);
    });

    it("go through the stack's invoke transforms first, in order: their args and provider are what is answered", async () => {
        const seen: string[] = [];
        let region: string | undefined;
        let vpcCidr: string | undefined;
        const evaluation = await evaluate({
            program: async () => {
                const tokyo = new aws.Provider("tokyo", { region: "ap-northeast-1" });
                // Turns any VPC lookup into the default VPC's, and sends every getRegion to Tokyo.
                pulumi.runtime.registerInvokeTransform((args) => {
                    seen.push(`first ${args.token}`);
                    if (args.token === "aws:ec2/getVpc:getVpc") return { args: { default: true }, opts: args.opts };
                    return undefined;
                });
                pulumi.runtime.registerInvokeTransform((args) => {
                    seen.push(`second ${args.token}`);
                    if (args.token === "aws:index/getRegion:getRegion")
                        return { args: args.args, opts: { ...args.opts, provider: tokyo } };
                    return undefined;
                });
                vpcCidr = (await aws.ec2.getVpc({ tags: { Name: "shared" } })).cidrBlock;
                region = (await aws.getRegion()).region;
                return {};
            },
            config: { "aws:region": "eu-west-1" },
        });
        assert.deepStrictEqual(seen, [
            "first aws:ec2/getVpc:getVpc",
            "second aws:ec2/getVpc:getVpc",
            "first aws:index/getRegion:getRegion",
            "second aws:index/getRegion:getRegion",
        ]);
        assert.strictEqual(vpcCidr, "172.31.0.0/16", "answered as the default VPC the transform asked for");
        assert.strictEqual(region, "ap-northeast-1", "answered by the provider the transform chose");
        assert.deepStrictEqual(evaluation.calls[0].inputs, { default: true }, "recorded as transformed");
    });
});
