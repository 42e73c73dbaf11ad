import { strict as assert } from "assert";
import { build, named, ofType, owner, someOf, T } from "./fixture";

describe("AWS servers (registered resources)", function () {
    this.timeout(120000);

    it("creates servers.count instances", async () => {
        assert.equal(ofType(await build("dev"), T.instance).length, 1);
        assert.equal(ofType(await build("prod"), T.instance).length, 3);
    });

    it("spreads the servers over the zones, in private subnets only", async () => {
        const built = await build("prod");
        const zones = new Set<string>();
        for (const server of someOf(built, T.instance)) {
            const subnet = owner(built, server.inputs.subnetId)!;
            assert.equal(subnet.inputs.tags["webtier:tier"], "private", server.name);
            assert.equal(server.inputs.availabilityZone, subnet.inputs.availabilityZone, `${server.name} zone differs from its subnet's`);
            assert.notEqual(server.inputs.associatePublicIpAddress, true);
            zones.add(subnet.inputs.availabilityZone);
        }
        assert.equal(zones.size, 3);
        const stagingZones = new Set(ofType(await build("staging"), T.instance).map((s) => s.inputs.availabilityZone));
        assert.equal(stagingZones.size, 2, "two servers must land in two zones");
    });

    it("uses only the app security group", async () => {
        const built = await build("prod");
        for (const server of someOf(built, T.instance)) {
            assert.deepEqual(server.inputs.vpcSecurityGroupIds.map((id: string) => owner(built, id)?.name), ["prod-app-sg"]);
        }
    });

    it("requires IMDSv2 and encrypts the gp3 root volume", async () => {
        for (const server of someOf(await build("prod"), T.instance)) {
            assert.equal(server.inputs.metadataOptions.httpTokens, "required");
            assert.equal(server.inputs.rootBlockDevice.encrypted, true);
            assert.equal(server.inputs.rootBlockDevice.volumeType, "gp3");
        }
    });

    it("sizes servers from the size class", async () => {
        for (const server of someOf(await build("prod"), T.instance)) assert.equal(server.inputs.instanceType, "t3.small");
    });

    it("uses the latest Ubuntu 24.04 from Canonical and ignores newer images unless one is pinned", async () => {
        const prod = await build("prod");
        const lookups = prod.evaluation.calls.filter((call) => call.token === "aws:ec2/getAmi:getAmi");
        assert.equal(lookups.length, 1, "one image lookup for the tier");
        const [lookup] = lookups;
        assert.deepEqual(lookup.inputs.owners, ["099720109477"], "Canonical's account, so no look-alike image is picked");
        assert.equal(lookup.inputs.mostRecent, true);
        const filter = (name: string) => lookup.inputs.filters.find((f: { name: string }) => f.name === name)?.values;
        assert.deepEqual(filter("name"), ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"]);
        assert.deepEqual(filter("architecture"), ["x86_64"]);
        const staging = await build("staging");
        assert.equal(staging.evaluation.calls.filter((call) => call.token === "aws:ec2/getAmi:getAmi").length, 0, "a pinned image needs no lookup");
        for (const server of someOf(prod, T.instance)) {
            assert.equal(server.inputs.ami, "ami-0123456789abcdef0");
            assert.deepEqual(server.ignoreChanges, ["ami"]);
        }
        for (const server of someOf(await build("staging"), T.instance)) {
            assert.equal(server.inputs.ami, "ami-0abcdef1234567890");
            assert.deepEqual(server.ignoreChanges, [], "a pinned image must replace servers when it changes");
        }
    });

    it("renders each server's user data and replaces the server when it changes", async () => {
        const servers = someOf(await build("prod"), T.instance);
        servers.forEach((server, index) => {
            assert.equal(server.inputs.userData, `#cloud-config\n# server ${index + 1} of 3\n`);
            assert.equal(server.inputs.userDataReplaceOnChange, true);
        });
    });

    it("registers every server in the balancer's target group on port 80", async () => {
        const built = await build("prod");
        const attachments = ofType(built, T.attachment);
        assert.equal(attachments.length, 3);
        const targets = attachments.map((a) => owner(built, a.inputs.targetId)?.name).sort();
        assert.deepEqual(targets, ["prod-app-1", "prod-app-2", "prod-app-3"]);
        for (const attachment of attachments) {
            assert.equal(owner(built, attachment.inputs.targetGroupArn)?.name, "prod-tg");
            assert.equal(attachment.inputs.port, 80);
        }
    });

    it("keeps capacity on replacement: never delete-before-replace, one server after the other's health gate", async () => {
        const built = await build("prod");
        for (const server of someOf(built, T.instance)) assert.equal(server.deleteBeforeReplace, false, server.name);
        for (const index of [2, 3]) {
            const server = named(built, `prod-app-${index}`);
            const previousGate = named(built, `prod-app-${index - 1}-healthy`);
            assert.ok(server.dependencies.includes(previousGate.urn), `prod-app-${index} does not wait for prod-app-${index - 1} to be healthy`);
        }
        assert.ok(!named(built, "prod-app-1").dependencies.some((urn) => urn.includes("TargetGroupAttachment") || urn.includes("dynamic")));
    });

    it("lets Systems Manager in through the instance role, so no SSH is needed", async () => {
        const built = await build("dev");
        const attachment = ofType(built, T.rolePolicyAttachment)[0];
        assert.equal(attachment.inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        const role = ofType(built, T.role)[0];
        assert.equal(attachment.inputs.role, role.state.name);
        const profile = ofType(built, T.instanceProfile)[0];
        assert.equal(profile.inputs.role, role.state.name);
        assert.equal(ofType(built, T.instance)[0].inputs.iamInstanceProfile, profile.state.name);
    });

    it("grants the role the uploads bucket, and the SQS queue only with the sqs driver", async () => {
        const prod = await build("prod");
        const bucketArn = ofType(prod, T.bucket)[0].state.arn;
        const policies = ofType(prod, T.rolePolicy).map((p) => JSON.parse(p.inputs.policy));
        assert.ok(policies.some((doc) => JSON.stringify(doc).includes(`${bucketArn}/*`)), "no uploads grant");
        const queueArn = named(prod, "prod-jobs").state.arn;
        assert.ok(policies.some((doc) => doc.Statement.some((s: any) => s.Resource === queueArn)), "no queue grant");
        const dev = await build("dev");
        assert.ok(!ofType(dev, T.rolePolicy).some((p) => p.inputs.policy.includes("sqs:")), "dev uses redis and must not get SQS rights");
    });

    it("installs a key pair only when an SSH key is configured", async () => {
        const prod = await build("prod");
        const [key] = ofType(prod, T.keyPair);
        for (const server of someOf(prod, T.instance)) assert.equal(server.inputs.keyName, key.state.keyName);
        assert.equal(ofType(await build("dev"), T.keyPair).length, 0);
        assert.equal(ofType(await build("dev"), T.instance)[0].inputs.keyName, undefined);
    });
});
