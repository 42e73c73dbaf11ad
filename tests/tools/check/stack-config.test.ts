import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    StackFileError,
    listStacks,
    parseConfigAssignment,
    explainPlaceholders,
    placeholderFor,
    readProjectFile,
    readStackFile,
    stackConfigFromDocument,
} from "../../../tools/check/stack-config";
import { planStacks } from "../../../tools/check/run";
import { FIXTURE_STACKS, REPO_ROOT } from "./paths";

const LARAVEL_KEY = /^base64:[A-Za-z0-9+/]{43}=$/;

describe("stack config for the offline check", () => {
    it("reads the project name and stackConfigDir from Pulumi.yaml", () => {
        const project = readProjectFile(REPO_ROOT);
        assert.strictEqual(project.name, "webtier");
        assert.strictEqual(project.stackConfigDir, path.join(REPO_ROOT, "stacks"));
    });

    it("refuses a project of another language, naming its runtime and what checks it instead", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-runtime-"));
        try {
            for (const runtime of ["python", "{ name: go, options: { binary: app } }"]) {
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: app\nruntime: ${runtime}\n`);
                assert.throws(
                    () => readProjectFile(dir),
                    (err: Error) =>
                        err instanceof StackFileError &&
                        /runtime is (python|go); the offline check evaluates Node\.js programs only \(runtime: nodejs\)/.test(
                            err.message,
                        ) &&
                        /pulumi preview --policy-pack/.test(err.message),
                );
            }
            // The Node.js runtime, written either way, is read.
            for (const runtime of ["nodejs", "{ name: nodejs, options: { typescript: false } }"]) {
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: app\nruntime: ${runtime}\n`);
                assert.strictEqual(readProjectFile(dir).name, "app");
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("lists every Pulumi.<stack>.yaml, sorted", () => {
        assert.deepStrictEqual(listStacks(FIXTURE_STACKS), ["bad", "good"]);
    });

    it("passes strings as they are and structured values as JSON, namespacing bare keys", () => {
        const stack = stackConfigFromDocument(
            "dev",
            {
                config: {
                    "webtier:cloud": "aws",
                    "webtier:servers": { count: 2, allowSshFrom: ["203.0.113.0/24"] },
                    zones: 3,
                    "aws:region": "eu-west-1",
                },
            },
            { project: "webtier" },
        );
        assert.strictEqual(stack.config["webtier:cloud"], "aws");
        assert.deepStrictEqual(JSON.parse(stack.config["webtier:servers"]), {
            count: 2,
            allowSshFrom: ["203.0.113.0/24"],
        });
        assert.strictEqual(stack.config["webtier:zones"], "3");
        assert.strictEqual(stack.config["aws:region"], "eu-west-1");
        assert.deepStrictEqual(stack.objectKeys, ["webtier:servers"], "only what the file wrote as a mapping or list");
    });

    it("writes an object value as Go's json.Marshal does: keys sorted at every level, HTML characters escaped", () => {
        const stack = stackConfigFromDocument(
            "dev",
            { config: { obj: { zeta: 1, alpha: { b: [{ y: 1, x: 2 }], a: "<a&b>" }, "10": 0, "9": 0 } } },
            { project: "p" },
        );
        assert.strictEqual(
            stack.config["p:obj"],
            '{"10":0,"9":0,"alpha":{"a":"\\u003ca\\u0026b\\u003e","b":[{"x":2,"y":1}]},"zeta":1}',
        );
    });

    it("replaces secure values with placeholders, marks them secret and says so", () => {
        const stack = readStackFile(path.join(FIXTURE_STACKS, "Pulumi.good.yaml"), { project: "webtier" });
        assert.strictEqual(stack.config["webtier:apiToken"], "offline-placeholder-for-apiToken");
        assert.deepStrictEqual(stack.secretKeys, ["webtier:apiToken"]);
        assert.ok(stack.notes.some((n) => n.includes("webtier:apiToken") && n.includes("cannot be decrypted offline")));
    });

    it("gives an encrypted appKey a placeholder Laravel accepts", () => {
        const stack = stackConfigFromDocument(
            "prod",
            { config: { "webtier:appKey": { secure: "AAABAD..." } } },
            { project: "webtier" },
        );
        assert.match(stack.config["webtier:appKey"], LARAVEL_KEY);
        assert.match(placeholderFor("appKey"), LARAVEL_KEY);
    });

    it("marks a whole object secret when a nested value is secure", () => {
        const stack = stackConfigFromDocument(
            "prod",
            { config: { "webtier:app": { name: "x", token: { secure: "v1:abc" } } } },
            { project: "webtier" },
        );
        assert.deepStrictEqual(stack.secretKeys, ["webtier:app"]);
        assert.strictEqual(JSON.parse(stack.config["webtier:app"]).token, "offline-placeholder-for-app-token");
        assert.strictEqual(JSON.parse(stack.config["webtier:app"]).name, "x");
    });

    it("supplies required secrets the stack file leaves out, with a note naming the command", () => {
        const stack = stackConfigFromDocument(
            "dev",
            { config: { "webtier:cloud": "aws" } },
            { project: "webtier", requiredSecrets: ["appKey"] },
        );
        assert.match(stack.config["webtier:appKey"], LARAVEL_KEY);
        assert.ok(stack.secretKeys.includes("webtier:appKey"));
        assert.ok(stack.notes.some((n) => n.includes("pulumi config set --secret webtier:appKey")));
    });

    it("keeps a secret the stack file does set", () => {
        const stack = stackConfigFromDocument(
            "dev",
            { config: { "webtier:appKey": { secure: "x" } } },
            { project: "webtier", requiredSecrets: ["appKey"] },
        );
        assert.strictEqual(stack.notes.filter((n) => n.includes("webtier:appKey")).length, 1);
    });

    it("notes ESC environments it cannot open and refuses a config that is not a mapping", () => {
        assert.ok(
            stackConfigFromDocument(
                "dev",
                { environment: ["shared"], config: {} },
                { project: "webtier" },
            ).notes[0].includes("ESC"),
        );
        assert.throws(() => stackConfigFromDocument("dev", { config: ["a"] }, { project: "webtier" }), StackFileError);
    });

    it("parses --config assignments, namespacing bare keys and keeping = in values", () => {
        assert.deepStrictEqual(parseConfigAssignment("owner=me", "webtier"), ["webtier:owner", "me"]);
        assert.deepStrictEqual(parseConfigAssignment("aws:region=eu-west-1", "webtier"), ["aws:region", "eu-west-1"]);
        assert.deepStrictEqual(parseConfigAssignment("webtier:appKey=base64:abc=", "webtier"), [
            "webtier:appKey",
            "base64:abc=",
        ]);
        assert.throws(() => parseConfigAssignment("=x", "webtier"), /KEY=VALUE/);
    });

    it("says so in a violation that quotes a stand-in for a secret it cannot read, and only there", () => {
        const stack = {
            name: "dev",
            config: {
                "shop:officeCidr": placeholderFor("shop:officeCidr"),
                "shop:servers": JSON.stringify({ allowSshFrom: [placeholderFor("shop:servers")] }),
                "shop:region": "eu-west-1",
            },
            secretKeys: ["shop:officeCidr", "shop:servers"],
            notes: [],
        };
        const violations = [
            { message: `admits SSH from "${placeholderFor("shop:officeCidr")}", which is not a valid CIDR.` },
            { message: `allowSshFrom holds ${placeholderFor("shop:servers")}.` },
            { message: "admits SSH from 0.0.0.0/0." },
        ];
        explainPlaceholders(violations, stack);
        assert.match(
            violations[0].message,
            /is the check's stand-in for shop:officeCidr, which it cannot read offline/,
        );
        assert.match(violations[1].message, /stand-in for shop:servers/);
        assert.strictEqual(violations[2].message, "admits SSH from 0.0.0.0/0.");
    });
});

describe("Pulumi.yaml's older `config: <folder>`", () => {
    it("names the stack files' folder, as the CLI rewrites it to stackConfigDir, and refuses both", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-config-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: legacy\nruntime: nodejs\nconfig: cfg\n");
            const project = readProjectFile(dir);
            assert.strictEqual(project.stackConfigDir, path.join(dir, "cfg"));
            assert.strictEqual(project.configSection, undefined);
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                "name: legacy\nruntime: nodejs\nconfig: cfg\nstackConfigDir: other\n",
            );
            assert.throws(() => readProjectFile(dir), /Should not use both config and stackConfigDir/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("--config over a stack file's value", () => {
    it("is saved as plain text, as `pulumi up --config` saves it: no longer secret, nor an object", () => {
        const plan = (config: string[]) =>
            planStacks(
                {
                    distRoot: path.join(REPO_ROOT, "dist"),
                    projectDir: REPO_ROOT,
                    stacksDir: path.relative(REPO_ROOT, FIXTURE_STACKS),
                    stacks: ["good"],
                    config,
                    requiredSecrets: [],
                },
                undefined,
            )[0].config;
        const stored = plan([]);
        assert.ok(stored.secretKeys.includes("webtier:apiToken"));
        assert.ok(stored.notes.some((note) => note.startsWith("webtier:apiToken is encrypted")));
        const overridden = plan(["apiToken=plain-token"]);
        assert.strictEqual(overridden.config["webtier:apiToken"], "plain-token");
        assert.ok(!overridden.secretKeys.includes("webtier:apiToken"), overridden.secretKeys.join(", "));
        assert.ok(
            !overridden.notes.some((note) => note.startsWith("webtier:apiToken is")),
            overridden.notes.join("; "),
        );
    });
});
