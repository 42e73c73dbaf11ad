/**
 * The outputs contract end to end (issue #4): run webtier's program under mocks for each cloud,
 * take the outputs it really exports, hand them to a consumer (examples/uptime-monitor) through
 * a mocked `StackReference`, and check what the consumer declares from them. A contract break
 * on either side (webtier exporting something else, the reader expecting something else) fails
 * here rather than in the consumer's `pulumi up`.
 */
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { readProjectFile, readStackFile } from "../../../tools/check/stack-config";
import { runWebtier } from "../../../infra/program";
import { SECRET_KEYS } from "../../../infra/config/types";
import { OutputsContractError } from "../../../infra/outputs/validate";
import { main as uptimeMonitor } from "../../../examples/uptime-monitor/program";
import { withValue } from "./fixtures";
import { revealSecrets } from "../../support/secrets";

// The runtime's own entry points, listed and checked in one place as the harness uses them.
import { runtimeConfig, settings, stack as runtimeStack } from "../../../tools/harness/sdk-internals";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const CONSUMER_PROJECT = "webtier-uptime-monitor";

/** A stack's outputs as another program reads them: the values, and which top-level outputs are secret. */
interface PublishedOutputs {
    outputs: Record<string, any>;
    secretOutputNames: string[];
}

/** One resource the consumer declared, with its inputs as the engine would receive them (secrets unwrapped). */
interface Declared {
    type: string;
    name: string;
    id: string;
    inputs: Record<string, any>;
    /** Provider reference ("urn::id") when the resource names an explicit provider. */
    provider?: string;
}

/** Runs webtier's own program for one of the repo's stacks, as `pulumi up` would. */
async function publishedBy(stack: string): Promise<PublishedOutputs> {
    const project = readProjectFile(ROOT);
    const config = readStackFile(path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`), {
        project: project.name,
        requiredSecrets: SECRET_KEYS,
    });
    const evaluation = await evaluate({
        program: runWebtier,
        config: config.config,
        secretKeys: config.secretKeys,
        project: project.name,
        stack,
    });
    return { outputs: evaluation.outputs, secretOutputNames: evaluation.secretOutputs };
}

/**
 * Runs a program the way Pulumi's Node language host does: an error that escapes it fails it.
 * An apply that throws while a resource's inputs are serialized escapes as an unhandled
 * rejection (one per input that depends on it), and the program's own promise never settles;
 * the host catches those and fails the run with the first one. So does this, and then, once
 * the failed run is quiet, starts a fresh runtime, so the failed run's stuck registrations are
 * neither reported to mocha nor counted as this process's leaked promises at exit.
 */
async function asTheLanguageHostRuns(run: () => Promise<void>): Promise<void> {
    const mochaHandlers = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const escaped: unknown[] = [];
    let failed!: (error: unknown) => void;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const onEscape = (error: unknown) => {
        escaped.push(error);
        failed(error);
    };
    process.on("unhandledRejection", onEscape);
    try {
        await Promise.race([run(), failure]);
    } catch (error) {
        for (let seen = -1; seen !== escaped.length;) {
            seen = escaped.length;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await pulumi.runtime.setMocks({
            newResource: (args) => ({ id: args.name, state: args.inputs }),
            call: () => ({}),
        });
        throw error;
    } finally {
        process.removeListener("unhandledRejection", onEscape);
        for (const handler of mochaHandlers) process.on("unhandledRejection", handler as (...args: unknown[]) => void);
    }
}

/**
 * Runs the uptime monitor against `referenced` under mocks whose StackReference answers with
 * those outputs (secret outputs as secrets, like the engine's). Resolves with what it declared;
 * rejects with the program's error.
 */
async function runConsumer(
    stackName: string,
    referenced: PublishedOutputs,
    config: Record<string, string> = {},
): Promise<Declared[]> {
    const declared: Declared[] = [];
    runtimeConfig.setAllConfig(
        {
            [`${CONSUMER_PROJECT}:webtierStack`]: stackName,
            [`${CONSUMER_PROJECT}:alertEmail`]: "ops@example.com",
            ...Object.fromEntries(Object.entries(config).map(([key, value]) => [`${CONSUMER_PROJECT}:${key}`, value])),
        },
        [],
    );
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                if (args.type === "pulumi:pulumi:StackReference") {
                    const outputs = Object.fromEntries(
                        Object.entries(referenced.outputs).map(([key, value]) => [
                            key,
                            referenced.secretOutputNames.includes(key) ? pulumi.secret(value) : value,
                        ]),
                    );
                    return {
                        id: args.inputs.name,
                        state: { name: args.inputs.name, outputs, secretOutputNames: referenced.secretOutputNames },
                    };
                }
                const id = `${args.name}-id`;
                declared.push({
                    type: args.type,
                    name: args.name,
                    id,
                    inputs: revealSecrets(args.inputs),
                    provider: args.provider,
                });
                return { id, state: args.inputs };
            },
            call: () => ({}),
        },
        CONSUMER_PROJECT,
        "prod",
    );
    await asTheLanguageHostRuns(async () => {
        await runtimeStack.runInPulumiStack(uptimeMonitor);
        await settings.waitForRPCs();
    });
    return declared;
}

function only(declared: Declared[], type: string): Declared {
    const matches = declared.filter((resource) => resource.type === type);
    assert.strictEqual(matches.length, 1, `one ${type}, declared: ${declared.map((r) => r.type).join(", ")}`);
    return matches[0];
}

describe("the outputs contract between webtier and a consumer (StackReference)", function () {
    const published = new Map<string, PublishedOutputs>();

    before(async () => {
        for (const stack of ["aws-prod", "do-prod"]) published.set(stack, await publishedBy(stack));
    });

    describe("what the consumer declares from them", () => {
        const declaredBy = new Map<string, Declared[]>();
        before(async () => {
            for (const stack of ["aws-prod", "do-prod"])
                declaredBy.set(stack, await runConsumer(`acme/webtier/${stack}`, published.get(stack)!));
        });

        it("AWS: checks the app over HTTPS at the host of webtier's URL, on the balancer's health path", () => {
            const check = only(declaredBy.get("aws-prod")!, "aws:route53/healthCheck:HealthCheck");
            const { loadBalancer } = published.get("aws-prod")!.outputs;
            assert.strictEqual(check.inputs.type, "HTTPS");
            assert.strictEqual(check.inputs.fqdn, "app.example.com");
            assert.strictEqual(check.inputs.fqdn, new URL(loadBalancer.url).hostname);
            assert.strictEqual(check.inputs.port, 443);
            assert.strictEqual(check.inputs.resourcePath, loadBalancer.healthCheckPath);
        });

        it("AWS: raises its alarm in us-east-1, where Route 53 publishes health-check metrics", () => {
            const declared = declaredBy.get("aws-prod")!;
            const alarm = only(declared, "aws:cloudwatch/metricAlarm:MetricAlarm");
            const provider = declared.find(
                (resource) =>
                    resource.type === "pulumi:providers:aws" &&
                    alarm.provider?.endsWith(`::${resource.name}::${resource.id}`),
            );
            assert.ok(provider, `the alarm's provider ${alarm.provider} is one the monitor declared`);
            assert.strictEqual(provider.inputs.region, "us-east-1");
            assert.strictEqual(
                alarm.inputs.dimensions.HealthCheckId,
                only(declared, "aws:route53/healthCheck:HealthCheck").id,
            );
        });

        it("DigitalOcean: checks https://app.example.com/up, webtier's URL plus its health path, and alerts when it is down", () => {
            const declared = declaredBy.get("do-prod")!;
            const check = only(declared, "digitalocean:index/uptimeCheck:UptimeCheck");
            const { loadBalancer } = published.get("do-prod")!.outputs;
            assert.strictEqual(check.inputs.target, "https://app.example.com/up");
            assert.strictEqual(check.inputs.target, `${loadBalancer.url}${loadBalancer.healthCheckPath}`);
            assert.strictEqual(check.inputs.type, "https");
            const alert = only(declared, "digitalocean:index/uptimeAlert:UptimeAlert");
            assert.strictEqual(alert.inputs.checkId, check.id);
            assert.strictEqual(alert.inputs.type, "down");
        });

        it("declares nothing of the other cloud", () => {
            const types = (stack: string) => declaredBy.get(stack)!.map((resource) => resource.type);
            assert.deepStrictEqual(
                types("aws-prod").filter(
                    (type) => type.startsWith("digitalocean:") || type === "pulumi:providers:digitalocean",
                ),
                [],
            );
            assert.deepStrictEqual(
                types("do-prod").filter((type) => type.startsWith("aws:") || type === "pulumi:providers:aws"),
                [],
            );
        });
    });

    describe("which service the consumer watches from", () => {
        it("watches an AWS stack from DigitalOcean when monitorWith says so: the service is the consumer's choice, not the stack's cloud", async () => {
            const declared = await runConsumer("acme/webtier/aws-prod", published.get("aws-prod")!, {
                monitorWith: "digitalocean",
            });
            const check = only(declared, "digitalocean:index/uptimeCheck:UptimeCheck");
            const { loadBalancer } = published.get("aws-prod")!.outputs;
            assert.strictEqual(check.inputs.target, `${loadBalancer.url}${loadBalancer.healthCheckPath}`);
            assert.deepStrictEqual(
                declared.filter((resource) => resource.type.startsWith("aws:")).map((resource) => resource.type),
                [],
            );
        });

        it("refuses a stack on a cloud it has no monitor for, naming the key to set and the services it has", async () => {
            await assert.rejects(
                runConsumer("acme/webtier/aws-prod", {
                    ...published.get("aws-prod")!,
                    outputs: withValue(published.get("aws-prod")!.outputs, "cloud", "hetzner"),
                }),
                /no monitor for "hetzner" \(the webtier stack's cloud\); set uptime-monitor:monitorWith to one of aws, digitalocean/,
            );
        });

        it("refuses a monitorWith it has no monitor for, rather than falling back to another", async () => {
            await assert.rejects(
                runConsumer("acme/webtier/do-prod", published.get("do-prod")!, { monitorWith: "pingdom" }),
                /no monitor for "pingdom" \(uptime-monitor:monitorWith\)/,
            );
        });
    });

    describe("a stack whose outputs break the contract fails the consumer, naming the path", () => {
        const cases: Array<[string, string, string, unknown, RegExp]> = [
            [
                "another contract version",
                "aws-prod",
                "contractVersion",
                2,
                /\$\.contractVersion: this reader understands version 1, the stack exports 2/,
            ],
            ["no load balancer URL", "do-prod", "loadBalancer.url", undefined, /\$\.loadBalancer\.url: is required/],
            [
                "a health path that is not a path",
                "aws-prod",
                "loadBalancer.healthCheckPath",
                "up",
                /\$\.loadBalancer\.healthCheckPath: "up" does not match/,
            ],
        ];
        cases.push([
            "a cloud webtier has not registered (watched from a service the consumer has)",
            "aws-prod",
            "cloud",
            "hetzner",
            /\$\.cloud: must be one of "aws", "digitalocean", got "hetzner"/,
        ]);
        for (const [what, stack, key, value, expected] of cases) {
            it(`${what} (${stack})`, async () => {
                await assert.rejects(
                    runConsumer(
                        `acme/webtier/${stack}`,
                        { ...published.get(stack)!, outputs: withValue(published.get(stack)!.outputs, key, value) },
                        { monitorWith: "aws" },
                    ),
                    (error: Error) => {
                        assert.ok(
                            error instanceof OutputsContractError,
                            `an OutputsContractError, got ${error.name}: ${error.message}`,
                        );
                        assert.match(
                            error.message,
                            /webtier outputs from stack reference "acme\/webtier\/.*-prod" do not match contract version 1/,
                        );
                        assert.match(error.message, expected);
                        return true;
                    },
                );
            });
        }
    });
});
