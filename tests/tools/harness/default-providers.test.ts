// The stack's `pulumi:disable-default-providers`, applied as the engine applies it: a resource or
// an invoke of a listed package that names no provider of its own fails.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { defaultProviderDenial } from "../../../tools/harness/default-providers";
import { evaluate } from "../../../tools/harness/evaluate";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "../check/paths";

const DENIED = (pkg: string, what: string) =>
    `Default provider for '${pkg}' disabled. '${what}' must use an explicit provider.`;

describe("disabled default providers", () => {
    it("denies the listed packages, or all with *, never pulumi; an empty list denies none", () => {
        const deny = defaultProviderDenial({
            "pulumi:disable-default-providers": JSON.stringify(["aws", " digitalocean "]),
        });
        assert.strictEqual(deny("aws", "x"), DENIED("aws", "x"));
        assert.strictEqual(deny("digitalocean", "y"), DENIED("digitalocean", "y"));
        assert.strictEqual(deny("random", "z"), undefined);
        const all = defaultProviderDenial({ "pulumi:disable-default-providers": '["*"]' });
        assert.strictEqual(all("random", "z"), DENIED("random", "z"));
        assert.strictEqual(all("pulumi", "z"), undefined);
        assert.strictEqual(defaultProviderDenial({ "pulumi:disable-default-providers": "" })("aws", "x"), undefined);
        assert.strictEqual(defaultProviderDenial({})("aws", "x"), undefined);
        assert.match(
            defaultProviderDenial({ "pulumi:disable-default-providers": "aws" })("aws", "x")!,
            /^Failed to parse aws: /,
        );
        assert.strictEqual(
            defaultProviderDenial({ "pulumi:disable-default-providers": '[1, "aws"]' })("aws", "x"),
            "pulumi:disable-default-providers[0] must be a string",
        );
    });

    it("fails a resource that would use a disabled default provider, not one given its provider or a component's", async () => {
        const program = () => {
            new aws.s3.BucketV2("implicit", {});
            const eu = new aws.Provider("eu", { region: "eu-west-1" });
            new aws.s3.BucketV2("explicit", {}, { provider: eu });
            // A component's provider reaches its children.
            const tier = new pulumi.ComponentResource("shop:index:Tier", "tier", {}, { providers: { aws: eu } });
            new aws.s3.BucketV2("tier-media", {}, { parent: tier });
            new digitalocean.Tag("web", {});
        };
        const evaluation = await evaluate({
            program,
            project: "shop",
            stack: "prod",
            config: { "aws:region": "eu-west-1", "pulumi:disable-default-providers": '["aws"]' },
        });
        const errors = (name: string) => evaluation.resources.find((r) => r.name === name)!.checkErrors;
        assert.deepStrictEqual(errors("implicit"), [
            DENIED("aws", "urn:pulumi:prod::shop::aws:s3/bucketV2:BucketV2::implicit"),
        ]);
        assert.strictEqual(errors("explicit"), undefined);
        assert.strictEqual(errors("tier-media"), undefined);
        assert.strictEqual(errors("eu"), undefined);
        assert.strictEqual(errors("web"), undefined);
    });

    it("fails a read through a disabled default provider with the resource monitor's words", async function () {
        this.timeout(120000);
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            program: program("read-denied.js"),
            policyPack: FIXTURE_PACK,
            config: ["owner=me", "aws:region=eu-west-1", 'pulumi:disable-default-providers=["aws"]'],
        });
        assert.match(
            result.stacks[0].error ?? "",
            /failed to read resource #vpc-0123456789abcdef0 'shared' \[aws:ec2\/vpc:Vpc\]: 2 UNKNOWN: Default provider for 'aws:ec2\/vpc:Vpc' disabled. 'aws:ec2\/vpc:Vpc' must use an explicit provider./,
        );
    });

    it("fails an invoke through a disabled default provider, and passes one given a provider", async () => {
        await assert.rejects(
            evaluate({
                program: async () => {
                    await aws.getCallerIdentity({});
                },
                config: { "aws:region": "eu-west-1", "pulumi:disable-default-providers": '["*"]' },
            }),
            /^Error: Invoke: Default provider for 'aws' disabled. 'aws:index\/getCallerIdentity:getCallerIdentity' must use an explicit provider.$/m,
        );
        await evaluate({
            program: async () => {
                const eu = new aws.Provider("eu", { region: "eu-west-1" });
                await aws.getCallerIdentity({}, { provider: eu });
            },
            config: { "pulumi:disable-default-providers": '["*"]' },
        });
    });
});
