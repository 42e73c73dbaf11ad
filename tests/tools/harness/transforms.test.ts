// Resource transforms run before the pack sees the inputs, as the engine runs them: the resource's
// own, then its ancestors', then the stack's (registerResourceTransform).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { evaluate } from "../../../tools/harness/evaluate";
import { outputInternals, rpc } from "../../../tools/harness/sdk-internals";
import { runCheck } from "../../../tools/check/run";
import transforms from "../../fixtures/programs/transforms";
import { DIST_ROOT, REPO_ROOT, program } from "../check/paths";

describe("resource transforms", () => {
    it("applies a resource's transforms, a component's to its children, and the stack's to everything", async () => {
        const evaluation = await evaluate({ program: transforms });
        const byName = (name: string) => evaluation.resources.find((r) => r.name === name)!;
        const bastion = byName("bastion");
        assert.deepStrictEqual(bastion.inputs.ingress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.deepStrictEqual(bastion.wireInputs!.ingress[0].cidrBlocks, ["0.0.0.0/0"]);
        assert.strictEqual(bastion.protect, true, "a transform's options apply too");
        assert.strictEqual(byName("tier-app").inputs.description, "from the tier's transform");
        for (const name of ["bastion", "tier-app"]) {
            assert.deepStrictEqual(
                byName(name).inputs.tags,
                { team: "web" },
                `${name} tagged by registerResourceTransform`,
            );
            assert.strictEqual(
                byName(name).inputs.revokeRulesOnDelete,
                true,
                `${name} changed by registerStackTransformation`,
            );
        }
    });

    it("gives webtier's pack the SSH rule the transform opened", async () => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: program("transforms.ts"),
            config: ["cloud=aws", "aws:region=eu-west-1"],
        });
        const stack = result.stacks[0];
        assert.strictEqual(stack.error, undefined, stack.error);
        const ssh = stack.violations.filter((v) => v.policy === "webtier-ssh-allowlist" && v.resource === "bastion");
        assert.ok(
            ssh.some((v) => v.level === "mandatory" && /0\.0\.0\.0\/0/.test(v.message)),
            stack.violations.map((v) => `${v.policy} ${v.resource}: ${v.message}`).join("\n"),
        );
    });

    /** What a transform saw of one value: a plain value, or an Output and whether it is known and secret. */
    async function seen(value: unknown): Promise<unknown> {
        if (!pulumi.Output.isInstance(value)) return Array.isArray(value) ? "list" : value;
        const internals = outputInternals(value);
        const [known, secret, deps] = await Promise.all([
            internals.isKnown,
            internals.isSecret,
            Promise.all([...(internals as any).resources()].map((r: any) => r.urn.promise())),
        ]);
        return { output: true, known, secret, deps: (deps as string[]).map((urn) => urn.split("::").pop()) };
    }

    it("hands the first transform each secret and unknown as an Output where it sits (UpgradeToOutputValues)", async () => {
        for (const preview of [false, true]) {
            const saw: Record<string, unknown> = {};
            await evaluate({
                preview,
                program: () => {
                    pulumi.runtime.registerResourceTransform(async (args) => {
                        if (args.name !== "bastion") return undefined;
                        saw.ingress = await seen(args.props.ingress);
                        saw.cidr = await seen(args.props.ingress[0].cidrBlocks[0]);
                        saw.vpcId = await seen(args.props.vpcId);
                        return undefined;
                    });
                    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                    new aws.ec2.SecurityGroup("bastion", {
                        vpcId: preview ? vpc.id : "vpc-1",
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: [pulumi.secret("203.0.113.0/24")],
                            },
                        ],
                    });
                },
            });
            assert.strictEqual(saw.ingress, "list", `preview ${preview}: the list stays a list`);
            assert.deepStrictEqual(saw.cidr, { output: true, known: true, secret: true, deps: [] });
            // Stack transforms only: a property with dependencies is not made an Output.
            assert.deepStrictEqual(
                saw.vpcId,
                preview ? { output: true, known: false, secret: false, deps: [] } : "vpc-1",
            );
        }
    });

    it("hands a resource's own transforms each property with dependencies as an Output carrying them", async () => {
        const saw: Record<string, unknown> = {};
        const evaluation = await evaluate({
            program: () => {
                const lb = new aws.ec2.SecurityGroup("lb", {});
                const record = async (args: pulumi.ResourceTransformArgs) => {
                    saw[args.name] = {
                        ingress: await seen(args.props.ingress),
                        description: await seen(args.props.description),
                    };
                    return undefined;
                };
                new aws.ec2.SecurityGroup(
                    "app",
                    {
                        description: "app",
                        ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, securityGroups: [lb.id] }],
                    },
                    { transforms: [record] },
                );
                // dependsOn alone: the SDK sends each property's own (empty) dependencies, so none is an Output.
                new aws.ec2.SecurityGroup(
                    "worker",
                    { description: "worker" },
                    { transforms: [record], dependsOn: [lb] },
                );
            },
        });
        assert.deepStrictEqual(saw.app, {
            ingress: { output: true, known: true, secret: false, deps: ["lb"] },
            description: "app",
        });
        assert.deepStrictEqual(saw.worker, { ingress: undefined, description: "worker" });
        // What the transform left alone reaches the provider and the pack as the value it was.
        const app = evaluation.resources.find((r) => r.name === "app")!;
        assert.strictEqual(app.wireInputs!.ingress[0].fromPort, 80);
        assert.strictEqual(app.inputs.description, "app");
    });

    it("hands a transform after one that answered the props as the engine then holds them: secrets, which the SDK lifts", async () => {
        const saw: Record<string, unknown> = {};
        const evaluation = await evaluate({
            program: () => {
                pulumi.runtime.registerResourceTransform((args) =>
                    args.name === "answered" ? { props: { ...args.props }, opts: args.opts } : undefined,
                );
                pulumi.runtime.registerResourceTransform(async (args) => {
                    saw[args.name] = await seen(args.props.ingress);
                    return undefined;
                });
                for (const name of ["untouched", "answered"])
                    new aws.ec2.SecurityGroup(name, {
                        ingress: [
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: [pulumi.secret("203.0.113.0/24")],
                            },
                        ],
                    });
            },
        });
        assert.strictEqual(saw.untouched, "list");
        assert.ok(rpc.isRpcSecret(saw.answered), JSON.stringify(saw.answered));
        // Either way the provider and the pack get the secret where the program put it.
        for (const name of ["untouched", "answered"])
            assert.deepStrictEqual(
                evaluation.resources.find((r) => r.name === name)!.wireInputs!.ingress[0].cidrBlocks[0],
                { [rpc.specialSigKey]: rpc.specialSecretSig, value: "203.0.113.0/24" },
                name,
            );
    });
});
