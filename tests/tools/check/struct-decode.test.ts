import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { copyPlain, decodeStruct } from "../../../tools/check/struct-decode";
import { lendToCopyingReader } from "../../../tools/check/pack-struct";
import { encodeAnalyzeStackRequest } from "../../../tools/check/wire";
import { launchPolicyPack } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK } from "./paths";

/** google-protobuf's own reading: what the policy SDK gets without pack-struct.ts. */
function reference(bytes: Uint8Array): unknown {
    return structproto.Struct.deserializeBinary(bytes).toJavaScript();
}

/** Equal values with every object's keys in the same order (policies may iterate them). */
function assertSame(actual: unknown, expected: unknown): void {
    assert.deepStrictEqual(actual, expected);
    const keys = (v: unknown): unknown =>
        Array.isArray(v)
            ? v.map(keys)
            : v !== null && typeof v === "object"
              ? Object.entries(v).map(([k, x]) => [k, keys(x)])
              : null;
    assert.deepStrictEqual(keys(actual), keys(expected));
}

// Hand-made wire bytes, for what google-protobuf's own encoder never writes.
const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
};
const delimited = (field: number, body: number[]): number[] => [
    ...varint((field << 3) | 2),
    ...varint(body.length),
    ...body,
];
const text = (field: number, value: string): number[] => delimited(field, [...Buffer.from(value, "utf8")]);
const entry = (key: number[], value: number[]): number[] => delimited(1, [...key, ...value]);
const stringValue = (value: string): number[] => delimited(2, text(3, value));
const struct = (...entries: number[][]): Uint8Array => new Uint8Array(entries.flat());

describe("Struct bytes read straight to plain objects (the pack's requests, struct-decode.ts)", () => {
    it("reads what google-protobuf reads: every kind of value, nested, with keys in jspb.Map's sorted order", () => {
        const props = {
            zeta: "last",
            alpha: 1,
            Beta: -0,
            "10": "ten",
            "2": "two",
            _hidden: { b: [1, [2, [3, []]], { z: null, a: true }], a: false },
            nan: NaN,
            big: 1e308,
            tiny: 5e-324,
            infinite: -Infinity,
            short: "plain ascii",
            long: "x".repeat(5000),
            unicode: "küche ✓ 😀 \u0000 end",
            bom: "\uFEFFstarts with a byte order mark",
            longUnicode: "ü".repeat(100),
            secret: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
            empty: {},
            none: [],
        };
        const bytes = structproto.Struct.fromJavaScript(props).serializeBinary();
        assertSame(decodeStruct(bytes), reference(bytes));
        assertSame(decodeStruct(new Uint8Array()), reference(new Uint8Array()));
    });

    it("agrees with google-protobuf on a thousand generated structs", () => {
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
        const leaf = () => pick<unknown>([null, 0, -1.5, 2 ** 53, "", "é", "a".repeat(40), true, false]);
        const value = (depth: number): unknown => {
            const r = random();
            if (depth > 3 || r < 0.4) return leaf();
            if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
            return Object.fromEntries(
                Array.from({ length: Math.floor(random() * 5) }, () => [
                    pick(["b", "a", "ä", "10", "_x", "Z"]),
                    value(depth + 1),
                ]),
            );
        };
        for (let i = 0; i < 1000; i++) {
            const bytes = structproto.Struct.fromJavaScript((value(0) as any) ?? {}).serializeBinary();
            assertSame(decodeStruct(bytes), reference(bytes));
        }
    });

    it("reads wire forms google-protobuf's encoder never writes as its decoder does: repeated keys, two kinds, unknown fields", () => {
        const cases: Uint8Array[] = [
            // The same key twice: the last wins.
            struct(entry(text(1, "k"), stringValue("first")), entry(text(1, "k"), stringValue("second"))),
            // A Value with two kinds set (a oneof): the last read wins.
            struct(entry(text(1, "k"), delimited(2, [...text(3, "text"), 0x20, 0x01]))),
            // Unknown fields in the Struct and in a Value are skipped.
            struct(
                delimited(9, [1, 2, 3]),
                [0x50, 0x96, 0x01],
                entry(text(1, "k"), delimited(2, [...text(3, "v"), 0x3d, 1, 2, 3, 4, 0x39, 1, 2, 3, 4, 5, 6, 7, 8])),
            ),
            // A bool written as any non-zero varint, and a map entry with no key (the empty string).
            struct(entry(text(1, "flag"), delimited(2, [0x20, 0x02])), entry([], stringValue("no key"))),
        ];
        for (const bytes of cases) {
            const expected = reference(bytes);
            assertSame(decodeStruct(bytes), expected);
        }
        assert.deepStrictEqual(decodeStruct(cases[0]), { k: "second" });
        assert.deepStrictEqual(decodeStruct(cases[1]), { k: true });
    });

    it("leaves to google-protobuf what it might not read alike: no kind, bad UTF-8, __proto__, bytes that end early, an unknown field in an entry, a wrong wire type", () => {
        const noKind = struct(entry(text(1, "k"), delimited(2, [])));
        assert.strictEqual(decodeStruct(noKind), undefined);
        assert.throws(() => reference(noKind), /Unexpected struct type/);
        const badUtf8 = struct(entry(text(1, "k"), delimited(2, delimited(3, [0x61, 0xff, 0x62]))));
        assert.strictEqual(decodeStruct(badUtf8), undefined);
        assert.strictEqual(decodeStruct(struct(entry(text(1, "__proto__"), stringValue("x")))), undefined);
        const whole = structproto.Struct.fromJavaScript({ a: "bcd" }).serializeBinary();
        assert.strictEqual(decodeStruct(whole.subarray(0, whole.length - 1)), undefined);
        // An unknown field in a map entry, which google-protobuf's map reader does not skip.
        const unknownInEntry = struct(entry([...text(1, "k"), 0x39, 1, 2, 3, 4, 5, 6, 7, 8], stringValue("v")));
        assert.strictEqual(decodeStruct(unknownInEntry), undefined);
        assert.throws(() => reference(unknownInEntry), /Unexpected struct type/);
        // A number (field 2) written as a varint.
        assert.strictEqual(decodeStruct(struct(entry(text(1, "k"), delimited(2, [0x10, 0x01])))), undefined);
    });

    it("copies what it read, so a caller that changes its copy changes no other", () => {
        const read = decodeStruct(
            structproto.Struct.fromJavaScript({ a: { b: [1, { c: 2 }] }, d: "e" }).serializeBinary(),
        )!;
        const copy = copyPlain(read);
        assertSame(copy, read);
        (copy.a as any).b[1].c = 3;
        assert.strictEqual((read.a as any).b[1].c, 2);
    });
});

describe("a pack process's Structs, read from their bytes (pack-struct.ts, preloaded as the check starts a pack)", () => {
    // A child process: the preload patches google-protobuf for the whole process it runs in.
    function inPack(preload: boolean): any {
        const script = `
            const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
            const { deserializeProperties } = require("@pulumi/policy/deserialize");
            const bytes = Buffer.from(process.argv[1], "base64");
            const request = analyzerproto.AnalyzeStackRequest.deserializeBinary(new Uint8Array(bytes));
            const out = [];
            for (const r of request.getResourcesList()) {
                const first = r.getProperties().toJavaScript();
                first.changed = "by the caller";
                const second = r.getProperties().toJavaScript();
                const provider = r.getProvider() && r.getProvider().getProperties().toJavaScript();
                // As the policy SDK reads them, for each policy: what one policy changes no other sees.
                const byPolicy = deserializeProperties(r.getProperties(), false);
                byPolicy.tags.a = "changed by a policy";
                byPolicy.list[2].x.push("pushed");
                const nextPolicy = deserializeProperties(r.getProperties(), false);
                const afterPolicies = r.getProperties().toJavaScript();
                // Anything else asked of the Struct sees it as google-protobuf decoded it.
                const keys = r.getProperties().getFieldsMap().keys().arr_ || [...r.getProperties().getFieldsMap().keys()];
                const again = analyzerproto.AnalyzerResource.deserializeBinary(r.serializeBinary()).getProperties().toJavaScript();
                out.push({ urn: r.getUrn(), first, second, provider, nextPolicy, afterPolicies, keys: JSON.stringify(keys), again, text: r.getProperties().toString().length > 0 });
            }
            process.stdout.write(JSON.stringify(out));
        `;
        const resources = [
            {
                urn: "urn:pulumi:dev::p::aws:ec2/instance:Instance::web-1",
                type: "aws:ec2/instance:Instance",
                name: "web-1",
                properties: {
                    tags: { b: "2", a: "1" },
                    userData: "ü".repeat(50),
                    count: 2,
                    list: [null, true, { x: [] }],
                },
                options: {
                    protect: false,
                    ignoreChanges: [],
                    additionalSecretOutputs: [],
                    aliases: [],
                    customTimeouts: { create: 0, update: 0, delete: 0 },
                },
                provider: {
                    urn: "urn:p",
                    type: "pulumi:providers:aws",
                    name: "default",
                    properties: { region: "eu-west-1" },
                },
                dependencies: [],
                propertyDependencies: {},
            },
        ];
        const run = spawnSync(
            process.execPath,
            [
                ...(preload ? ["-r", path.join(DIST_ROOT, "tools", "check", "pack-struct-hook.js")] : []),
                "-e",
                script,
                encodeAnalyzeStackRequest(resources).toString("base64"),
            ],
            { cwd: DIST_ROOT, encoding: "utf8" },
        );
        assert.strictEqual(run.status, 0, run.stderr);
        return JSON.parse(run.stdout);
    }

    it("hands the policy SDK what google-protobuf would, a fresh object on every call, and decodes in full when asked anything else", () => {
        const patched = inPack(true);
        const plain = inPack(false);
        assert.deepStrictEqual(patched, plain);
        assert.strictEqual(patched[0].second.changed, undefined);
        assert.deepStrictEqual(Object.keys(patched[0].second.tags), ["a", "b"]);
        assert.deepStrictEqual(patched[0].provider, { region: "eu-west-1" });
        assert.deepStrictEqual(patched[0].nextPolicy.tags, { a: "1", b: "2" });
        assert.deepStrictEqual(patched[0].afterPolicies.list, [null, true, { x: [] }]);
    });

    it("lends the object it read only to a deserializeProperties that copies everything it reads", () => {
        const copying = {
            deserializeProperties: (struct: any) => JSON.parse(JSON.stringify(struct.toJavaScript())) as unknown,
        };
        const original = copying.deserializeProperties;
        assert.strictEqual(lendToCopyingReader(copying), true);
        assert.notStrictEqual(copying.deserializeProperties, original);
        // Once wrapped, not again.
        assert.strictEqual(lendToCopyingReader(copying), false);
        // One that hands out what it got, or a part of it, or changes it, is left as it is.
        for (const deserializeProperties of [
            (struct: any) => struct.toJavaScript() as unknown,
            (struct: any) => ({ ...struct.toJavaScript() }) as unknown,
            (struct: any) => {
                const got = struct.toJavaScript();
                got.a.b.push(2);
                return JSON.parse(JSON.stringify(got)) as unknown;
            },
        ]) {
            const module = { deserializeProperties };
            assert.strictEqual(lendToCopyingReader(module), false);
            assert.strictEqual(module.deserializeProperties, deserializeProperties);
        }
    });

    it("is preloaded into every pack the check starts", async () => {
        // An entry point that writes down its process's Node flags and stops, in place of a pack.
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-pack-struct-"));
        const written = path.join(scratch, "argv.json");
        const entry = path.join(scratch, "entry.js");
        fs.writeFileSync(
            entry,
            `require("fs").writeFileSync(${JSON.stringify(written)}, JSON.stringify(process.execArgv));`,
        );
        try {
            const pack = launchPolicyPack(FIXTURE_PACK, "webtier", entry);
            await assert.rejects(pack.listening());
            const argv = JSON.parse(fs.readFileSync(written, "utf8")) as string[];
            const preloaded = argv.flatMap((arg, i) => (argv[i - 1] === "-r" ? [path.basename(arg)] : []));
            assert.ok(preloaded.includes("pack-struct-hook.js"), argv.join(" "));
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });
});
