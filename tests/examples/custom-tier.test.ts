/**
 * The custom-tier example (examples/custom-tier) on the shipped stacks: its transforms change
 * exactly the children they name, and no resource's name (so nothing is replaced by adopting it).
 */
import * as assert from "assert";
import * as path from "path";
import { evaluate, Evaluation, RegisteredResource } from "../../tools/harness/evaluate";
import { readProjectFile, readStackFile } from "../../tools/check/stack-config";
import { runWebtier, WebtierProgramOptions } from "../../infra/program";
import { SECRET_KEYS } from "../../infra/config/types";
import { CUSTOM_TIER } from "../../examples/custom-tier/options";

const ROOT = path.resolve(__dirname, "..", "..", "..");

async function evaluateStack(stack: string, options: WebtierProgramOptions): Promise<Evaluation> {
    const project = readProjectFile(ROOT);
    const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
    const config = readStackFile(file, { project: project.name, requiredSecrets: SECRET_KEYS });
    return evaluate({
        program: () => runWebtier(options),
        config: config.config,
        secretKeys: config.secretKeys,
        project: project.name,
        stack,
    });
}

function ofType(ev: Evaluation, type: string): RegisteredResource[] {
    const found = ev.resources.filter((r) => r.type === type);
    assert.ok(found.length > 0, `at least one ${type}`);
    return found;
}

for (const stack of ["aws-prod", "do-prod"]) {
    describe(`examples/custom-tier on ${stack}`, () => {
        let custom: Evaluation;
        let plain: Evaluation;
        before(async () => {
            custom = await evaluateStack(stack, CUSTOM_TIER);
            plain = await evaluateStack(stack, {});
        });

        it("keeps every resource's URN: adopting it replaces nothing", () => {
            const urns = (ev: Evaluation) => ev.resources.map((r) => r.urn).sort();
            assert.deepStrictEqual(urns(custom), urns(plain));
        });

        if (stack.startsWith("aws")) {
            it("turns on Performance Insights and unlimited CPU credits, and lets CPU alarms fire on 2 of 3 periods", () => {
                const [database] = ofType(custom, "aws:rds/instance:Instance");
                assert.deepStrictEqual(
                    [database.inputs.performanceInsightsEnabled, database.inputs.performanceInsightsRetentionPeriod],
                    [true, 7],
                );
                for (const server of ofType(custom, "aws:ec2/instance:Instance"))
                    assert.deepStrictEqual(server.inputs.creditSpecification, { cpuCredits: "unlimited" }, server.name);
                const cpuAlarms = ofType(custom, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
                    a.name.endsWith("-cpu"),
                );
                assert.ok(cpuAlarms.length >= 3, "the servers' and the database's CPU alarms");
                for (const alarm of ofType(custom, "aws:cloudwatch/metricAlarm:MetricAlarm"))
                    assert.strictEqual(
                        alarm.inputs.datapointsToAlarm,
                        alarm.name.endsWith("-cpu") ? 2 : undefined,
                        alarm.name,
                    );
            });

            it("adds the team's tags to the provider's default tags", () => {
                const [provider] = ofType(custom, "pulumi:providers:aws");
                const defaultTags = JSON.parse(provider.inputs.defaultTags as string) as {
                    tags: Record<string, string>;
                };
                assert.strictEqual(defaultTags.tags.team, "web");
                assert.strictEqual(defaultTags.tags["webtier:stack"], stack, "webtier's own tags stay");
            });
        } else {
            it("turns on droplet backups and a second balancer node", () => {
                for (const droplet of ofType(custom, "digitalocean:index/droplet:Droplet"))
                    assert.strictEqual(droplet.inputs.backups, true, droplet.name);
                assert.strictEqual(
                    ofType(custom, "digitalocean:index/loadBalancer:LoadBalancer")[0].inputs.sizeUnit,
                    2,
                );
                assert.strictEqual(
                    ofType(plain, "digitalocean:index/loadBalancer:LoadBalancer")[0].inputs.sizeUnit,
                    undefined,
                );
            });
        }
    });
}
