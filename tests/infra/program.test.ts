import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { evaluate, Evaluation } from "../../tools/harness/evaluate";
import { listStacks, readProjectFile, readStackFile } from "../../tools/check/stack-config";
import { runWebtier } from "../../infra/program";
import { ConfigError } from "../../infra/config/parse";
import { SECRET_KEYS } from "../../infra/config/types";
import { parseWebtierOutputs } from "../../infra/outputs/validate";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Evaluates one of the repo's stacks through the real program entry, as `pulumi up` would. */
export async function evaluateStack(stack: string, overrides: Record<string, string> = {}): Promise<Evaluation> {
    const project = readProjectFile(ROOT);
    const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
    const config = readStackFile(file, { project: project.name, requiredSecrets: SECRET_KEYS });
    return evaluate({
        program: runWebtier,
        config: { ...config.config, ...overrides },
        secretKeys: config.secretKeys,
        project: project.name,
        stack,
    });
}

/** The nested key structure of a value: what "the same shape" means for the contract. */
function shape(value: unknown): unknown {
    if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
    if (value && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, shape(v)])
                .sort(([a], [b]) => String(a).localeCompare(String(b))),
        );
    }
    return typeof value;
}

describe("the webtier program (index.ts → infra/program.ts)", () => {
    const stacks = listStacks(readProjectFile(ROOT).stackConfigDir);
    const evaluations = new Map<string, Evaluation>();

    before(async () => {
        for (const stack of stacks) evaluations.set(stack, await evaluateStack(stack));
    });

    it("has a dev and a prod stack for each cloud", () => {
        for (const stack of ["aws-dev", "aws-prod", "do-dev", "do-prod"])
            assert.ok(stacks.includes(stack), `stacks/Pulumi.${stack}.yaml`);
    });

    it("evaluates every stack and exports outputs that honour the v1 contract", () => {
        for (const [stack, evaluation] of evaluations) {
            assert.doesNotThrow(() => parseWebtierOutputs(evaluation.outputs, stack), `${stack}`);
            assert.strictEqual(evaluation.outputs.cloud, stack.startsWith("aws") ? "aws" : "digitalocean");
        }
    });

    it("exports the same output shape on both clouds", () => {
        // Cloud-specific optional fields aside, a consumer sees one shape.
        const strip = (outputs: any) => {
            const copy = JSON.parse(JSON.stringify(outputs));
            delete copy.loadBalancer.targetGroupArn;
            delete copy.loadBalancer.memberTag;
            for (const server of copy.servers) delete server.publicIp;
            delete copy.queue.url;
            delete copy.queue.name;
            // Only AWS's balancer writes access logs; both keep the uploads bucket's.
            delete copy.accessLogs.balancerPrefix;
            // AWS alarms notify a topic; DigitalOcean policies name their destinations. One alert stands for all.
            delete copy.alerts.topic;
            copy.alerts.items = copy.alerts.items.slice(0, 1);
            return shape(copy);
        };
        assert.deepStrictEqual(strip(evaluations.get("do-prod")!.outputs), strip(evaluations.get("aws-prod")!.outputs));
        assert.deepStrictEqual(strip(evaluations.get("do-dev")!.outputs), strip(evaluations.get("aws-dev")!.outputs));
    });

    it("keeps passwords and the rendered environment secret, and nothing else", () => {
        for (const [stack, evaluation] of evaluations) {
            for (const key of ["database", "cache", "laravelEnv"]) {
                assert.ok(evaluation.secretOutputs.includes(key), `${stack}: ${key} must be secret`);
            }
            for (const key of ["loadBalancer", "servers", "storage", "cloud"]) {
                assert.ok(!evaluation.secretOutputs.includes(key), `${stack}: ${key} should stay readable`);
            }
        }
    });

    it("serves prod over HTTPS and flags dev without a domain as plain HTTP", () => {
        for (const [stack, evaluation] of evaluations) {
            const { https, url } = evaluation.outputs.loadBalancer;
            if (stack.endsWith("prod")) {
                assert.strictEqual(https, true, stack);
                assert.strictEqual(url, "https://app.example.com", stack);
            } else {
                assert.strictEqual(https, false, stack);
                assert.match(url, /^http:\/\//, stack);
            }
        }
    });

    it("runs prod on at least two servers", () => {
        for (const [stack, evaluation] of evaluations) {
            if (stack.endsWith("prod")) assert.ok(evaluation.outputs.servers.length >= 2, stack);
        }
    });

    it("puts the real endpoints into the servers' environment", () => {
        for (const [stack, evaluation] of evaluations) {
            const env: string = evaluation.outputs.laravelEnv;
            assert.ok(env.includes(`DB_HOST="${evaluation.outputs.database.host}"`), `${stack}: DB_HOST`);
            assert.ok(env.includes(`AWS_BUCKET="${evaluation.outputs.storage.bucket}"`), `${stack}: AWS_BUCKET`);
            assert.ok(env.includes(`REDIS_HOST="tls://${evaluation.outputs.cache.host}"`), `${stack}: REDIS_HOST`);
        }
    });

    describe("refuses bad config before registering any resource", () => {
        const cases: Array<[string, Record<string, string>, string]> = [
            ["an unknown cloud", { "webtier:cloud": "gcp" }, "webtier:cloud"],
            ["a region of the other cloud", { "webtier:region": "nyc3" }, "webtier:region"],
            [
                "SSH open to the world",
                { "webtier:servers": JSON.stringify({ count: 2, allowSshFrom: ["0.0.0.0/0"] }) },
                "webtier:servers.allowSshFrom",
            ],
            ["a missing app key", { "webtier:appKey": "" }, "webtier:appKey"],
        ];
        for (const [what, overrides, key] of cases) {
            it(what, async () => {
                let registered = 0;
                const project = readProjectFile(ROOT);
                const config = readStackFile(path.join(project.stackConfigDir, "Pulumi.aws-prod.yaml"), {
                    project: project.name,
                    requiredSecrets: SECRET_KEYS,
                });
                await assert.rejects(
                    evaluate({
                        program: () => {
                            pulumi.runtime.registerStackTransformation(() => {
                                registered += 1;
                                return undefined;
                            });
                            return runWebtier();
                        },
                        config: { ...config.config, ...overrides },
                        secretKeys: config.secretKeys,
                        project: project.name,
                        stack: "aws-prod",
                    }),
                    (err: unknown) => err instanceof ConfigError && err.message.includes(key),
                );
                assert.strictEqual(registered, 0, "no resource may be registered before the config is valid");
            });
        }
    });
});
