/** Health-gated, one-at-a-time server replacement on AWS, on the registered resource graph. */
import { strict as assert } from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { parseConfig } from "../../../infra/config/parse";
import { WebTier } from "../../../infra/webtier";
import { awsPlatform } from "../../../infra/aws";
import { awsHealthGateProvider, isPermanentAwsError } from "../../../infra/aws/health-gate";
import { GateInputs } from "../../../infra/health-gate/provider";
import { loadSerialized, rejectsWithMessage, withEnv } from "../health-gate/serialized";
import { build, named, ofType, owner, STACKS, T } from "./fixture";

const GATE = "pulumi-nodejs:dynamic:Resource";

describe("AWS servers: health-gated replacement (registered resources)", function () {
    this.timeout(120000);

    it("registers one health gate per server, named after it", async () => {
        const built = await build("prod");
        assert.deepEqual(
            ofType(built, GATE).map((g) => g.name),
            ["prod-app-1-healthy", "prod-app-2-healthy", "prod-app-3-healthy"],
        );
        assert.equal(ofType(await build("dev"), GATE).length, 1);
    });

    it("gives each gate its server's id and the app target group, so a replaced server replaces its gate", async () => {
        const built = await build("prod");
        const targetGroup = named(built, "prod-tg");
        for (const index of [1, 2, 3]) {
            const gate = named(built, `prod-app-${index}-healthy`);
            const instance = named(built, `prod-app-${index}`);
            assert.equal(gate.inputs.serverId, instance.id);
            assert.ok(gate.propertyDependencies.serverId.includes(instance.urn));
            assert.equal(gate.inputs.serverName, `prod-app-${index}`);
            assert.equal(owner(built, gate.inputs.balancer.targetGroupArn)?.urn, targetGroup.urn);
            assert.equal(gate.inputs.balancer.region, "eu-west-1");
            assert.equal(gate.inputs.timeoutSeconds, 600, "10 minutes by default");
        }
    });

    it("starts each gate only once its server is registered in the target group and a listener forwards to it", async () => {
        const built = await build("prod");
        const listener = named(built, "prod-https");
        for (const index of [1, 2, 3]) {
            const gate = named(built, `prod-app-${index}-healthy`);
            assert.ok(
                gate.dependencies.includes(named(built, `prod-app-${index}-tg`).urn),
                `gate ${index} waits for attachment ${index}`,
            );
            assert.ok(gate.dependencies.includes(listener.urn), `gate ${index} waits for the HTTPS listener`);
        }
        const dev = await build("dev");
        assert.ok(
            named(dev, "dev-app-1-healthy").dependencies.includes(named(dev, "dev-http").urn),
            "without a domain, the forwarding HTTP listener",
        );
    });

    it("creates server i+1 only after gate i, and never deletes a server before its replacement exists", async () => {
        const built = await build("prod");
        for (const index of [2, 3]) {
            const server = named(built, `prod-app-${index}`);
            const gates = ofType(built, GATE)
                .filter((g) => server.dependencies.includes(g.urn))
                .map((g) => g.name);
            assert.deepEqual(gates, [`prod-app-${index - 1}-healthy`]);
            assert.ok(
                !server.dependencies.includes(named(built, `prod-app-${index - 1}-tg`).urn),
                "the gate, not the attachment, orders the servers",
            );
        }
        for (const resource of [...ofType(built, T.instance), ...ofType(built, T.attachment), ...ofType(built, GATE)]) {
            assert.equal(resource.deleteBeforeReplace, false, resource.name);
        }
    });

    it("registers the AWS gate provider, which reads target health", async () => {
        const gate = named(await build("prod"), "prod-app-1-healthy");
        assert.match(gate.inputs.__provider, /DescribeTargetHealthCommand/);
        assert.doesNotMatch(gate.inputs.__provider, /api\.digitalocean\.com/);
    });

    it("registers no gate with servers.healthGate false, and still replaces one server after the other", async () => {
        await build("staging"); // one evaluation at a time: wait for the fixture's
        const raw = { ...STACKS.staging, servers: JSON.stringify({ count: 2, healthGate: false }) };
        const config = parseConfig(raw, "staging");
        const evaluation = await evaluate({
            stack: "staging",
            program: () => {
                new WebTier(config.name, awsPlatform, {
                    config,
                    userData: () => pulumi.output("#cloud-config\n"),
                    laravelEnv: () => pulumi.secret("APP_KEY=x\n"),
                });
            },
        });
        assert.equal(evaluation.resources.filter((r) => r.type === GATE).length, 0);
        const [first, second] = evaluation.resources.filter((r) => r.type === T.instance);
        const firstAttachment = evaluation.resources.find((r) => r.name === `${first.name}-tg`)!;
        assert.ok(second.dependencies.includes(firstAttachment.urn), "server 2 waits for server 1's attachment");
    });

    it("fails the gate at once on missing credentials or access denied, and retries throttling", () => {
        assert.equal(isPermanentAwsError(Object.assign(new Error("denied"), { name: "AccessDenied" })), true);
        assert.equal(
            isPermanentAwsError(Object.assign(new Error("no creds"), { name: "CredentialsProviderError" })),
            true,
        );
        assert.equal(isPermanentAwsError(Object.assign(new Error("slow down"), { name: "Throttling" })), false);
    });
});

describe("AWS health gate provider, as Pulumi serializes it", function () {
    this.timeout(60_000);
    const TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/prod-tg/73e2d6bc24d8a067";
    const NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    let server: http.Server;
    let endpoint: string;
    let bodies: string[];
    /** The target's state per DescribeTargetHealth call; the last one sticks. Or an error code. */
    let script: string[];
    let provider: pulumi.dynamic.ResourceProvider;
    let restoreEnv: () => void;

    before(async () => {
        server = http.createServer((req, res) => {
            let body = "";
            req.on("data", (chunk) => (body += chunk));
            req.on("end", () => {
                bodies.push(body);
                const answer = script.length > 1 ? script.shift()! : script[0];
                res.setHeader("Content-Type", "text/xml");
                if (answer === "AccessDenied") {
                    res.statusCode = 403;
                    res.end(
                        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticloadbalancing:DescribeTargetHealth</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`,
                    );
                    return;
                }
                const [state, reason] = answer.split(":");
                res.end(
                    `<DescribeTargetHealthResponse xmlns="${NS}"><DescribeTargetHealthResult><TargetHealthDescriptions><member>` +
                        `<Target><Id>i-0aaa</Id><Port>80</Port></Target><HealthCheckPort>80</HealthCheckPort>` +
                        `<TargetHealth><State>${state}</State>${reason ? `<Reason>${reason}</Reason>` : ""}</TargetHealth>` +
                        `</member></TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeTargetHealthResponse>`,
                );
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        provider = await loadSerialized(awsHealthGateProvider);
    });

    beforeEach(() => {
        bodies = [];
        // The AWS SDK's default chain, pointed at the stand-in: what `pulumi up` gives the gate.
        restoreEnv = withEnv({
            AWS_ACCESS_KEY_ID: "AKIAGATETEST",
            AWS_SECRET_ACCESS_KEY: "gate-test-secret",
            AWS_SESSION_TOKEN: undefined,
            AWS_PROFILE: undefined,
            AWS_ENDPOINT_URL: endpoint,
        });
    });

    afterEach(() => restoreEnv());
    after(() => server.close());

    const gate = (overrides: Partial<GateInputs> = {}): GateInputs => ({
        serverId: "i-0aaa",
        serverName: "prod-app-1",
        serverAddresses: { privateIp: "10.20.1.5" },
        balancer: { region: "eu-west-1", targetGroupArn: TARGET_GROUP },
        timeoutSeconds: 5,
        pollIntervalSeconds: 0.01,
        ...overrides,
    });

    it("asks DescribeTargetHealth about the instance in the target group until it is healthy", async () => {
        script = ["initial:Elb.RegistrationInProgress", "initial:Elb.InitialHealthChecking", "healthy"];
        const result = await provider
            .create(gate())
            .catch((error: { message?: string }) => assert.fail(`the gate failed: ${error?.message}`));
        assert.equal(result.id, "prod-app-1:i-0aaa");
        assert.equal(bodies.length, 3);
        const query = new URLSearchParams(bodies[0]);
        assert.equal(query.get("Action"), "DescribeTargetHealth");
        assert.equal(query.get("TargetGroupArn"), TARGET_GROUP);
        assert.equal(query.get("Targets.member.1.Id"), "i-0aaa");
    });

    it("fails naming the instance, the target group and the reason when it stays unhealthy", async () => {
        script = ["unhealthy:Target.ResponseCodeMismatch"];
        await rejectsWithMessage(
            provider.create(gate({ timeoutSeconds: 0.1 })),
            /prod-app-1 \(i-0aaa\) did not become healthy behind target group targetgroup\/prod-tg\/73e2d6bc24d8a067 within 100 ms; last seen: unhealthy \(unhealthy: Target\.ResponseCodeMismatch/,
        );
    });

    it("fails at once, naming the permission, when the identity may not read target health", async () => {
        script = ["AccessDenied"];
        await rejectsWithMessage(
            provider.create(gate()),
            /not authorized.*needs elasticloadbalancing:DescribeTargetHealth/,
        );
        assert.equal(bodies.length, 1, "no retries");
    });
});
