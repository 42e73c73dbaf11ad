import { strict as assert } from "assert";
import { APP_KEY, build, named, ofType, owner, someOf, T } from "./fixture";
import { ec2UserDataText } from "../../../infra/bootstrap/compress";

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
            assert.equal(
                server.inputs.availabilityZone,
                subnet.inputs.availabilityZone,
                `${server.name} zone differs from its subnet's`,
            );
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
            assert.deepEqual(
                server.inputs.vpcSecurityGroupIds.map((id: string) => owner(built, id)?.name),
                ["prod-app-sg"],
            );
        }
    });

    it("requires IMDSv2 and encrypts the gp3 root volume", async () => {
        for (const server of someOf(await build("prod"), T.instance)) {
            assert.equal(server.inputs.metadataOptions.httpTokens, "required");
            assert.equal(server.inputs.rootBlockDevice.encrypted, true);
            assert.equal(server.inputs.rootBlockDevice.volumeType, "gp3");
        }
    });

    it("runs detailed monitoring and says each server is EBS-optimized, so policies reading the inputs see both", async () => {
        const servers = someOf(await build("prod"), T.instance);
        assert.ok(servers.length > 0);
        for (const server of servers) {
            assert.equal(server.inputs.monitoring, true);
            assert.equal(server.inputs.ebsOptimized, true);
        }
    });

    it("sizes servers from the size class", async () => {
        for (const server of someOf(await build("prod"), T.instance))
            assert.equal(server.inputs.instanceType, "t3.small");
    });

    it("uses the latest Ubuntu 24.04 from Canonical and ignores newer images unless one is pinned", async () => {
        const prod = await build("prod");
        const lookups = prod.evaluation.calls.filter((call) => call.token === "aws:ec2/getAmi:getAmi");
        assert.equal(lookups.length, 1, "one image lookup for the tier");
        const [lookup] = lookups;
        assert.deepEqual(
            lookup.inputs.owners,
            ["099720109477"],
            "Canonical's account, so no look-alike image is picked",
        );
        assert.equal(lookup.inputs.mostRecent, true);
        const filter = (name: string) => lookup.inputs.filters.find((f: { name: string }) => f.name === name)?.values;
        assert.deepEqual(filter("name"), ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"]);
        assert.deepEqual(filter("architecture"), ["x86_64"]);
        const staging = await build("staging");
        assert.equal(
            staging.evaluation.calls.filter((call) => call.token === "aws:ec2/getAmi:getAmi").length,
            0,
            "a pinned image needs no lookup",
        );
        for (const server of someOf(prod, T.instance)) {
            assert.equal(server.inputs.ami, "ami-0123456789abcdef0");
            assert.deepEqual(server.ignoreChanges, ["ami"]);
        }
        for (const server of someOf(await build("staging"), T.instance)) {
            assert.equal(server.inputs.ami, "ami-0abcdef1234567890");
            assert.deepEqual(server.ignoreChanges, [], "a pinned image must replace servers when it changes");
        }
    });

    it("renders each server's user data, sends it gzip-compressed, and replaces the server when it changes", async () => {
        const servers = someOf(await build("prod"), T.instance);
        servers.forEach((server, index) => {
            assert.equal(server.inputs.userData, undefined, "binary user data goes through userDataBase64");
            const text = ec2UserDataText(server.inputs.userDataBase64);
            assert.ok(text.startsWith(`#cloud-config\n# server ${index + 1} of 3\n`), text);
            assert.equal(server.inputs.userDataReplaceOnChange, true);
        });
    });

    it("keeps the .env in a SecureString parameter under /webtier/<stack>/, encrypted with the stack's rotating key", async () => {
        const built = await build("prod");
        // The one SecureString: the CloudWatch agent's config is a plain String parameter beside it.
        const secure = ofType(built, T.parameter).filter((p) => p.inputs.type === "SecureString");
        const [parameter] = secure;
        const [key] = ofType(built, T.kmsKey);
        assert.equal(secure.length, 1);
        assert.equal(parameter.inputs.name, "/webtier/prod/laravel-env");
        assert.equal(parameter.inputs.type, "SecureString");
        assert.equal(parameter.inputs.keyId, key.state.arn);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.match(
            JSON.stringify(parameter.inputs.value),
            /4dabf18193072939515e22adb298388d/,
            "the value reaches the provider as a secret",
        );
        const alias = ofType(built, T.kmsAlias)[0];
        assert.equal(alias.inputs.name, "alias/webtier/prod/secrets");
    });

    it("tells every server to read the .env from that parameter in the stack's region, and puts no secret in its user data", async () => {
        const built = await build("prod");
        const dbPassword = someOf(built, T.randomPassword)
            .map((p) => p.state.result)
            .filter(Boolean);
        assert.ok(dbPassword.length > 0, "the generated passwords");
        for (const server of someOf(built, T.instance)) {
            const text = ec2UserDataText(server.inputs.userDataBase64);
            assert.match(
                text,
                /# env \{"kind":"parameter","name":"\/webtier\/prod\/laravel-env","region":"eu-west-1"\}/,
            );
            assert.ok(!text.includes(APP_KEY));
            for (const secret of dbPassword) assert.ok(!text.includes(secret));
        }
    });

    it("creates each server only once its .env parameter exists and the role may read it", async () => {
        const built = await build("prod");
        const [parameter] = ofType(built, T.parameter).filter((p) => p.inputs.type === "SecureString");
        const access = named(built, "prod-app-secrets");
        for (const server of someOf(built, T.instance)) {
            assert.ok(server.dependencies.includes(parameter.urn), `${server.name} does not wait for the parameter`);
            assert.ok(
                server.dependencies.includes(access.urn),
                `${server.name} does not wait for the role's access to it`,
            );
        }
    });

    it("lets the role read the stack's parameters only, and decrypt with the stack key only through Parameter Store", async () => {
        const built = await build("prod");
        const [parameter] = ofType(built, T.parameter).filter((p) => p.inputs.type === "SecureString");
        const [key] = ofType(built, T.kmsKey);
        const role = ofType(built, T.role)[0];
        const policy = ofType(built, T.rolePolicy).find((p) => p.name === "prod-app-secrets")!;
        assert.equal(policy.inputs.role, role.state.name);
        const doc = JSON.parse(policy.inputs.policy);
        const pathArn = parameter.state.arn.replace(/:parameter\/.*$/, ":parameter/webtier/prod/*");
        const byId = Object.fromEntries(doc.Statement.map((s: any) => [s.Sid, s]));
        assert.deepEqual(byId.ReadStackSecrets, {
            Sid: "ReadStackSecrets",
            Effect: "Allow",
            Action: "ssm:GetParameter",
            Resource: pathArn,
        });
        assert.deepEqual(byId.DecryptStackSecrets.Resource, key.state.arn);
        assert.deepEqual(byId.DecryptStackSecrets.Condition, {
            StringEquals: { "kms:ViaService": "ssm.eu-west-1.amazonaws.com" },
        });
        assert.equal(byId.NoOtherParameters.Effect, "Deny");
        assert.equal(byId.NoOtherParameters.NotResource, pathArn);
        assert.ok(
            byId.NoOtherParameters.Action.includes("ssm:GetParameters"),
            "the managed SSM policy's GetParameters on * is overridden",
        );
        const grants = ofType(built, T.rolePolicy).flatMap((p) => JSON.parse(p.inputs.policy).Statement);
        assert.ok(
            !grants.some(
                (s: any) =>
                    s.Effect === "Allow" &&
                    [s.Action].flat().some((a: string) => a.startsWith("ssm:Get") || a === "kms:Decrypt") &&
                    s !== undefined &&
                    ![pathArn, key.state.arn].includes(s.Resource),
            ),
            "no other grant to read parameters or decrypt",
        );
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
            assert.ok(
                server.dependencies.includes(previousGate.urn),
                `prod-app-${index} does not wait for prod-app-${index - 1} to be healthy`,
            );
        }
        assert.ok(
            !named(built, "prod-app-1").dependencies.some(
                (urn) => urn.includes("TargetGroupAttachment") || urn.includes("dynamic"),
            ),
        );
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
        assert.ok(
            policies.some((doc) => JSON.stringify(doc).includes(`${bucketArn}/*`)),
            "no uploads grant",
        );
        const queueArn = named(prod, "prod-jobs").state.arn;
        assert.ok(
            policies.some((doc) => doc.Statement.some((s: any) => s.Resource === queueArn)),
            "no queue grant",
        );
        const dev = await build("dev");
        assert.ok(
            !ofType(dev, T.rolePolicy).some((p) => p.inputs.policy.includes("sqs:")),
            "dev uses redis and must not get SQS rights",
        );
    });

    it("installs a key pair only when an SSH key is configured", async () => {
        const prod = await build("prod");
        const [key] = ofType(prod, T.keyPair);
        for (const server of someOf(prod, T.instance)) assert.equal(server.inputs.keyName, key.state.keyName);
        assert.equal(ofType(await build("dev"), T.keyPair).length, 0);
        assert.equal(ofType(await build("dev"), T.instance)[0].inputs.keyName, undefined);
    });
});
