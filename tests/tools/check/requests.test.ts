import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { evaluate, Evaluation } from "../../../tools/harness/evaluate";
import { returnsTerraformId } from "../../../tools/harness/mock-state";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import {
    SIG,
    UNKNOWN,
    buildSnapshot,
    defaultProviderName,
    defaultProviderProperties,
    durationSeconds,
    parseProviderReference,
    toAnalyzerValue,
    toConfigureRequest,
    toStackConfigureRequest,
} from "../../../tools/check/requests";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "../../../tools/check/wire";
import options from "../../fixtures/programs/options";
import tier from "../../fixtures/programs/tier";

// The pack-side deserializer: what a policy finally sees.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize");

const CONTEXT = {
    project: "webtier",
    stack: "test",
    config: { "fixture:region": "eu-test-1", "fixture:token": "t0ken", "webtier:owner": "me" },
    secretKeys: ["fixture:token"],
};

describe("analyzer requests built from the registered resources", () => {
    let evaluation: Evaluation;
    before(async () => {
        evaluation = await evaluate({ program: options, project: "webtier", stack: "test" });
    });
    const find = (list: { name: string }[], name: string) => list.find((r) => r.name === name)! as any;

    it("downgrades resource references to the id of a custom resource and the URN of a component", () => {
        const urn = "urn:pulumi:s::p::fx:index:C::c";
        assert.strictEqual(toAnalyzerValue({ [SIG.key]: SIG.resource, urn, id: "i-123" }), "i-123");
        assert.strictEqual(toAnalyzerValue({ [SIG.key]: SIG.resource, urn, id: "" }), UNKNOWN);
        assert.strictEqual(toAnalyzerValue({ [SIG.key]: SIG.resource, urn }), urn);
    });

    it("keeps secrets and unknowns, unwraps output values and drops internal keys at every depth", () => {
        const secret = { [SIG.key]: SIG.secret, value: "s" };
        assert.deepStrictEqual(
            toAnalyzerValue({ a: secret, b: UNKNOWN, __defaults: [], nested: { __meta: 1, c: [1, undefined] } }),
            { a: secret, b: UNKNOWN, nested: { c: [1, null] } },
        );
        assert.strictEqual(toAnalyzerValue({ [SIG.key]: SIG.outputValue }), UNKNOWN);
        assert.deepStrictEqual(toAnalyzerValue({ [SIG.key]: SIG.outputValue, value: "v", secret: true }), {
            [SIG.key]: SIG.secret,
            value: "v",
        });
        assert.strictEqual(toAnalyzerValue({ [SIG.key]: SIG.outputValue, value: "v" }), "v");
    });

    it("converts custom timeouts to seconds as the engine does", () => {
        assert.strictEqual(durationSeconds("10m"), 600);
        assert.strictEqual(durationSeconds("1h30m"), 5400);
        assert.strictEqual(durationSeconds("1.5s"), 1.5);
        assert.strictEqual(durationSeconds(undefined), 0);
        assert.strictEqual(durationSeconds("ten minutes"), 0);
    });

    it("names default providers after the package version and splits provider references", () => {
        assert.strictEqual(defaultProviderName("7.48.0"), "default_7_48_0");
        assert.strictEqual(defaultProviderName("1.0.0-alpha.1"), "default_1_0_0_alpha_1");
        assert.strictEqual(defaultProviderName(undefined), "default");
        assert.deepStrictEqual(parseProviderReference("urn:pulumi:s::p::pulumi:providers:aws::eu::id-1"), {
            urn: "urn:pulumi:s::p::pulumi:providers:aws::eu",
            id: "id-1",
        });
    });

    it("sends every registered resource to Analyze, plus the default providers the engine would create", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const names = snapshot.analyze.map((r) => r.name);
        for (const r of evaluation.resources) assert.ok(names.includes(r.name), `${r.name} analyzed`);
        assert.deepStrictEqual(snapshot.defaultProviders.sort(), [
            "urn:pulumi:test::webtier::pulumi:providers:fixture::default",
            "urn:pulumi:test::webtier::pulumi:providers:fixture::default_1_2_3",
        ]);
        assert.strictEqual(snapshot.stack.length, snapshot.analyze.length);
    });

    it("gives a resource without a provider the default provider, configured from the stack's <pkg>:* keys", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const server = find(snapshot.analyze, "group-server");
        assert.strictEqual(server.provider.urn, "urn:pulumi:test::webtier::pulumi:providers:fixture::default_1_2_3");
        assert.deepStrictEqual(server.provider.properties, {
            region: "eu-test-1",
            token: { [SIG.key]: SIG.secret, value: "t0ken" },
            version: "1.2.3",
        });
    });

    it("gives a resource with an explicit provider that provider's urn, type and inputs", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const firewall = find(snapshot.analyze, "fw");
        assert.strictEqual(firewall.provider.urn, find(evaluation.resources, "eu").urn);
        assert.strictEqual(firewall.provider.type, "pulumi:providers:fixture");
        // No SDK of package "fixture" is installed and the provider sent no version: nothing to add.
        assert.deepStrictEqual(firewall.provider.properties, { region: "eu-test-1" });
    });

    it("adds the version an explicit provider registered with, else the installed SDK's, to its inputs as the engine does", async () => {
        const { Provider } = await import("@pulumi/random");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const installed = require("@pulumi/random/package.json").version;
        const withProvider = await evaluate({
            program: () => {
                new Provider("mine");
            },
            project: "webtier",
            stack: "test",
        });
        const provider = find(buildSnapshot(withProvider.resources, withProvider.ids, CONTEXT).analyze, "mine");
        assert.strictEqual(provider.properties.version, installed);
    });

    it("gives a dynamic provider's default provider the whole config, keys with their namespace", () => {
        const context = {
            ...CONTEXT,
            config: { "webtier:scenario": "1", "aws:region": "eu-west-1", "webtier:token": "s3cret" },
            secretKeys: ["webtier:token"],
        };
        const props = defaultProviderProperties("pulumi-nodejs", undefined, context);
        assert.deepStrictEqual(Object.keys(props).sort(), ["aws:region", "webtier:scenario", "webtier:token"]);
        assert.deepStrictEqual(props["webtier:token"], { [SIG.key]: SIG.secret, value: "s3cret" });
        assert.deepStrictEqual(defaultProviderProperties("aws", "7.0.0", context), {
            region: "eu-west-1",
            version: "7.0.0",
        });
    });

    it("carries protect, ignoreChanges, deleteBeforeReplace, secret outputs, timeouts and parent", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const server = find(snapshot.analyze, "group-server");
        assert.deepStrictEqual(server.options, {
            protect: true,
            ignoreChanges: ["userData"],
            deleteBeforeReplace: false,
            additionalSecretOutputs: ["userData"],
            aliases: [],
            customTimeouts: { create: 600, update: 0, delete: 5400 },
            parent: find(evaluation.resources, "group").urn,
        });
        assert.strictEqual(find(snapshot.analyze, "b").options.deleteBeforeReplace, undefined);
    });

    it("recovers the dependency of an id that reached a resource without one", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const serverUrn = find(evaluation.resources, "group-server").urn;
        assert.deepStrictEqual(
            find(evaluation.resources, "fw").propertyDependencies.serverIds ?? [],
            [],
            "the SDK recorded none",
        );
        const firewall = find(snapshot.stack, "fw");
        assert.deepStrictEqual(firewall.propertyDependencies.serverIds, [serverUrn]);
        assert.ok(firewall.dependencies.includes(serverUrn));
        assert.strictEqual(snapshot.resolvedReferences, 1);
    });

    it("gives AnalyzeStack the outputs: custom resources' state with their id, components' registered outputs", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const server = find(evaluation.resources, "group-server");
        assert.strictEqual(find(snapshot.stack, "group-server").properties.id, server.id);
        assert.deepStrictEqual(find(snapshot.stack, "group").properties, { serverId: server.id });
        assert.deepStrictEqual(find(snapshot.stack, "webtier-test").properties, { serverId: server.id });
    });

    it("gives a bridged provider's new resource an unknown id among its outputs in a preview, as its plan holds it", async () => {
        const preview = await evaluate({
            program: () => {
                new aws.ec2.SecurityGroup("sg", { description: "web" });
                new random.RandomPassword("pw", { length: 20 });
                new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" }).id.apply((id) => id);
            },
            project: "webtier",
            stack: "test",
            preview: true,
        });
        const snapshot = buildSnapshot(preview.resources, preview.ids, { ...CONTEXT, plansId: returnsTerraformId });
        for (const name of ["sg", "pw", "vpc"])
            assert.strictEqual(find(snapshot.stack, name).properties.id, UNKNOWN, name);
        // Not a resource of a bridged provider: the stack, and (without plansId) any type.
        assert.ok(!("id" in find(snapshot.stack, "webtier-test").properties));
        const unplanned = buildSnapshot(preview.resources, preview.ids, CONTEXT);
        assert.ok(!("id" in find(unplanned.stack, "sg").properties));
        assert.strictEqual(returnsTerraformId("aws-native:ec2:SecurityGroup"), false);
        assert.strictEqual(returnsTerraformId("digitalocean:index/droplet:Droplet"), true);
    });

    it("leaves out property dependencies without URNs, as the engine does", async () => {
        const tierEvaluation = await evaluate({
            program: tier,
            project: "webtier",
            stack: "test",
            config: { "webtier:owner": "me" },
        });
        const snapshot = buildSnapshot(tierEvaluation.resources, tierEvaluation.ids, CONTEXT);
        const firewall = find(snapshot.stack, "web-fw");
        assert.deepStrictEqual(Object.keys(firewall.propertyDependencies), ["serverIds"]);
        assert.strictEqual(firewall.propertyDependencies.serverIds.length, 2);
    });

    it("encodes an Analyze request the policy SDK decodes to the program's values, secrets unwrapped", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const request = analyzerproto.AnalyzeRequest.deserializeBinary(
            encodeAnalyzeRequest(find(snapshot.analyze, "group-server")),
        );
        const props = deserializeProperties(request.getProperties(), false);
        assert.deepStrictEqual(props, { size: "small", tags: { owner: "team" }, userData: "#!/bin/sh\necho secret" });
        const options = request.getOptions()!;
        assert.strictEqual(options.getProtect(), true);
        assert.strictEqual(options.getDeletebeforereplacedefined(), true);
        assert.strictEqual(options.getCustomtimeouts()!.getDelete(), 5400);
        assert.strictEqual(request.getProvider()!.getName(), "default_1_2_3");
    });

    it("encodes AnalyzeStack resources with parent, dependencies and property dependencies", () => {
        const snapshot = buildSnapshot(evaluation.resources, evaluation.ids, CONTEXT);
        const fw = snapshot.stack.findIndex((r) => r.name === "fw");
        const message = analyzerproto.AnalyzeStackRequest.deserializeBinary(
            encodeAnalyzeStackRequest(snapshot.stack),
        ).getResourcesList()[fw];
        assert.strictEqual(message.getName(), "fw");
        assert.strictEqual(message.getParent(), find(evaluation.resources, "webtier-test").urn);
        assert.deepStrictEqual(message.getPropertydependenciesMap().get("serverIds")!.getUrnsList(), [
            find(evaluation.resources, "group-server").urn,
        ]);
    });

    it("sends every policy's properties in Configure, and the stack's config in ConfigureStack", () => {
        const configure = toConfigureRequest({ "ssh-allowlist": { enforcementLevel: "advisory", properties: {} } });
        const entry = configure.getPolicyconfigMap().get("ssh-allowlist")!;
        assert.deepStrictEqual(entry.getProperties()!.toJavaScript(), {});
        const stack = toStackConfigureRequest({
            project: "webtier",
            stack: "dev",
            dryRun: true,
            config: { "webtier:cloud": "aws" },
            secretKeys: [],
        });
        assert.strictEqual(stack.getConfigMap().get("webtier:cloud"), "aws");
        assert.strictEqual(stack.getStack(), "dev");
    });
});
