import * as assert from "assert";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerResourceData } from "../../../tools/check/requests";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest, encodeStruct } from "../../../tools/check/wire";

const PROPS = {
    name: "web-1",
    count: 3,
    ratio: 0.25,
    zero: 0,
    enabled: false,
    empty: "",
    nothing: null,
    tags: { owner: "team", küche: "ünïcode ✓" },
    list: [1, "two", { three: [true, null] }, []],
    userData: "#!/bin/sh\n" + "echo line\n".repeat(5000),
};

const RESOURCE: AnalyzerResourceData = {
    urn: "urn:pulumi:dev::webtier::fixture:index:Server::web-1",
    type: "fixture:index:Server",
    name: "web-1",
    properties: PROPS,
    options: {
        protect: true,
        ignoreChanges: ["userData"],
        deleteBeforeReplace: false,
        additionalSecretOutputs: ["password"],
        aliases: ["urn:pulumi:dev::webtier::fixture:index:Server::old"],
        customTimeouts: { create: 600, update: 0, delete: 5400.5 },
        parent: "urn:pulumi:dev::webtier::pulumi:pulumi:Stack::webtier-dev",
    },
    provider: {
        urn: "urn:pulumi:dev::webtier::pulumi:providers:fixture::default",
        type: "pulumi:providers:fixture",
        name: "default",
        properties: { region: "eu" },
    },
    parent: "urn:pulumi:dev::webtier::pulumi:pulumi:Stack::webtier-dev",
    dependencies: ["urn:a", "urn:b"],
    propertyDependencies: { tags: ["urn:a"], userData: ["urn:a", "urn:b"] },
};

describe("protobuf encoding of the analyzer requests", () => {
    it("encodes a Struct byte for byte as google-protobuf does", () => {
        const reference = Buffer.from(structproto.Struct.fromJavaScript(PROPS as any).serializeBinary());
        assert.ok(encodeStruct(PROPS).equals(reference));
    });

    it("encodes text byte for byte as google-protobuf does: every UTF-8 length, surrogate pairs, long and short", () => {
        const texts = {
            ascii: "a",
            twoBytes: "é",
            threeBytes: "✓",
            pair: "😀",
            longAscii: "x".repeat(63) + "y".repeat(2),
            longMixed: "ü😀".repeat(40),
            nested: [{ "clé ✓": ["😀", "ß"] }],
        };
        const reference = Buffer.from(structproto.Struct.fromJavaScript(texts as any).serializeBinary());
        assert.ok(encodeStruct(texts).equals(reference));
    });

    it("encodes an Analyze request the generated classes decode field for field", () => {
        const decoded = analyzerproto.AnalyzeRequest.deserializeBinary(encodeAnalyzeRequest(RESOURCE));
        assert.strictEqual(decoded.getUrn(), RESOURCE.urn);
        assert.strictEqual(decoded.getType(), RESOURCE.type);
        assert.strictEqual(decoded.getName(), RESOURCE.name);
        assert.deepStrictEqual(decoded.getProperties()!.toJavaScript(), PROPS);
        const options = decoded.getOptions()!;
        assert.deepStrictEqual(
            [
                options.getProtect(),
                options.getIgnorechangesList(),
                options.getDeletebeforereplace(),
                options.getDeletebeforereplacedefined(),
                options.getAdditionalsecretoutputsList(),
                options.getAliasesList(),
                options.getParent(),
            ],
            [true, ["userData"], false, true, ["password"], RESOURCE.options.aliases, RESOURCE.options.parent],
        );
        const timeouts = options.getCustomtimeouts()!;
        assert.deepStrictEqual([timeouts.getCreate(), timeouts.getUpdate(), timeouts.getDelete()], [600, 0, 5400.5]);
        const provider = decoded.getProvider()!;
        assert.deepStrictEqual(
            [provider.getUrn(), provider.getType(), provider.getName(), provider.getProperties()!.toJavaScript()],
            [RESOURCE.provider!.urn, "pulumi:providers:fixture", "default", { region: "eu" }],
        );
    });

    it("leaves out an unset deleteBeforeReplace and a missing provider", () => {
        const decoded = analyzerproto.AnalyzeRequest.deserializeBinary(
            encodeAnalyzeRequest({
                ...RESOURCE,
                provider: undefined,
                options: { ...RESOURCE.options, deleteBeforeReplace: undefined },
            }),
        );
        assert.strictEqual(decoded.getOptions()!.getDeletebeforereplacedefined(), false);
        assert.strictEqual(decoded.hasProvider(), false);
    });

    it("encodes AnalyzeStack resources with parent, dependencies and property dependencies", () => {
        const [first, second] = analyzerproto.AnalyzeStackRequest.deserializeBinary(
            encodeAnalyzeStackRequest([RESOURCE, { ...RESOURCE, name: "web-2", propertyDependencies: {} }]),
        ).getResourcesList();
        assert.strictEqual(first.getParent(), RESOURCE.parent);
        assert.deepStrictEqual(first.getDependenciesList(), ["urn:a", "urn:b"]);
        const deps: Record<string, string[]> = {};
        first.getPropertydependenciesMap().forEach((v, k) => (deps[k] = v.getUrnsList()));
        assert.deepStrictEqual(deps, RESOURCE.propertyDependencies);
        assert.strictEqual(second.getName(), "web-2");
        assert.strictEqual(second.getPropertydependenciesMap().getLength(), 0);
    });
});
