// A referenced stack's outputs given to the check (--stack-outputs), in each form the Pulumi CLI
// writes them, reach the program as the engine's read of the stack gives them: values known in an
// update and a preview alike, secrets secret, and what the file does not show as a stand-in the
// report explains.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../../tools/check/args";
import { PolicyPack } from "../../../tools/check/pack";
import { runCheck } from "../../../tools/check/run";
import {
    StackOutputFiles,
    StackOutputsError,
    parseStackOutputs,
    qualifiedStackName,
    standInFor,
} from "../../../tools/check/stack-outputs";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const secret = (value: unknown) => ({ [SIG]: SECRET, value });

/** A `pulumi stack export` of a stack with these root outputs (and one other resource). */
function exported(outputs: Record<string, unknown>, key: "deployment" | "checkpoint" = "deployment") {
    const deployment = {
        manifest: { time: "2026-11-30T10:00:00Z", magic: "x", version: "v3.200.0" },
        resources: [
            {
                urn: "urn:pulumi:prod::shared::pulumi:pulumi:Stack::shared-prod",
                type: "pulumi:pulumi:Stack",
                outputs,
            },
            {
                urn: "urn:pulumi:prod::shared::aws:s3/bucket:Bucket::b",
                type: "aws:s3/bucket:Bucket",
                parent: "urn:pulumi:prod::shared::pulumi:pulumi:Stack::shared-prod",
                outputs: { acl: "nothing to do with the stack's outputs" },
            },
        ],
    };
    return JSON.stringify(
        key === "deployment"
            ? { version: 3, deployment }
            : { version: 3, checkpoint: { stack: "prod", latest: deployment } },
    );
}

describe("another stack's outputs for the check (--stack-outputs)", () => {
    describe("reading the file", () => {
        it("`pulumi stack output --json`: the values as they are, a masked secret as a secret stand-in", () => {
            const read = parseStackOutputs(
                JSON.stringify({ vpcId: "vpc-1", cidrs: ["10.0.0.0/16"], dbPassword: "[secret]" }),
                "acme/shared/prod",
                "shared.json",
            );
            const standIn = standInFor("acme/shared/prod", "dbPassword");
            assert.deepStrictEqual(read.outputs, {
                vpcId: "vpc-1",
                cidrs: ["10.0.0.0/16"],
                dbPassword: secret(standIn),
            });
            assert.deepStrictEqual(read.secretOutputNames, ["dbPassword"]);
            assert.deepStrictEqual(read.standIns, [{ text: standIn, output: "dbPassword" }]);
        });

        for (const key of ["deployment", "checkpoint"] as const) {
            it(`a ${key === "deployment" ? "`pulumi stack export`" : "DIY backend checkpoint"}: the root stack's outputs, plaintext secrets read, ciphertext ones stood in for`, () => {
                const read = parseStackOutputs(
                    exported(
                        {
                            region: "eu-west-1",
                            token: { [SIG]: SECRET, plaintext: JSON.stringify("hunter2-token") },
                            nested: { inner: { [SIG]: SECRET, ciphertext: "v1:abc" }, plain: 1 },
                        },
                        key,
                    ),
                    "prod",
                    "prod.json",
                );
                assert.deepStrictEqual(read.outputs, {
                    region: "eu-west-1",
                    token: secret("hunter2-token"),
                    nested: { inner: secret(standInFor("prod", "nested")), plain: 1 },
                });
                // Sorted, as the engine sorts them; an output holding a secret anywhere is one.
                assert.deepStrictEqual(read.secretOutputNames, ["nested", "token"]);
            });
        }

        it("outputs that happen to be named deployment or checkpoint are outputs", () => {
            const read = parseStackOutputs(
                JSON.stringify({ deployment: { resources: [] }, checkpoint: { latest: {} } }),
                "prod",
                "prod.json",
            );
            assert.deepStrictEqual(Object.keys(read.outputs), ["deployment", "checkpoint"]);
        });

        it("refuses what is not a stack's outputs, naming the flag, the file and how to write it", () => {
            assert.throws(
                () => parseStackOutputs("{not json", "prod", "prod.json"),
                (err: Error) =>
                    err instanceof StackOutputsError &&
                    /--stack-outputs prod=prod\.json: not JSON .*pulumi stack output --stack prod --json > prod\.json/.test(
                        err.message,
                    ),
            );
            assert.throws(() => parseStackOutputs("[1]", "prod", "prod.json"), /holds an array, not a stack's outputs/);
        });
    });

    it("names a stack as the engine resolves a reference: stack, org/stack and org/project/stack", () => {
        const here = { organization: "organization", project: "app" };
        assert.strictEqual(qualifiedStackName("prod", here), "organization/app/prod");
        assert.strictEqual(qualifiedStackName("acme/prod", here), "acme/app/prod");
        assert.strictEqual(qualifiedStackName("acme/network/prod", here), "acme/network/prod");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-outputs-"));
        try {
            fs.writeFileSync(path.join(dir, "net.json"), JSON.stringify({ vpcId: "vpc-1" }));
            const files = new StackOutputFiles(["organization/app/net=net.json"], dir);
            assert.strictEqual(files.lookup("net", here)?.outputs.vpcId, "vpc-1");
            assert.strictEqual(files.lookup("organization/net", here)?.outputs.vpcId, "vpc-1");
            assert.strictEqual(files.lookup("net", { ...here, project: "other" }), undefined);
            assert.throws(
                () => new StackOutputFiles(["net=missing.json"], dir),
                /--stack-outputs net=missing\.json: cannot read it \(ENOENT\)/,
            );
            assert.throws(() => new StackOutputFiles(["a/b/c/d=net.json"], dir), /must look like STACK=FILE/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the command line takes STACK=FILE, repeatable, and refuses anything else", () => {
        const args = parseArgs(["--stack-outputs", "prod=a.json", "--stack-outputs=acme/net/prod=b.json"]);
        assert.deepStrictEqual(args.stackOutputs, ["prod=a.json", "acme/net/prod=b.json"]);
        assert.throws(() => parseArgs(["--stack-outputs", "a.json"]), /must look like STACK=FILE/);
    });

    describe("checking a program that references the stack", function () {
        this.timeout(20_000);
        let pack: PolicyPack;
        let dir: string;
        before(async () => {
            pack = await PolicyPack.start(FIXTURE_PACK);
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-outputs-check-"));
        });
        after(async () => {
            fs.rmSync(dir, { recursive: true, force: true });
            await pack.close();
        });

        /** The fixture program's bucket takes its ACL from acme/shared/prod's bucketAcl. */
        const check = (preview: boolean, file?: string) =>
            runCheck({
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                program: path.relative(REPO_ROOT, program("stack-reference.js")),
                preview,
                pack,
                stackOutputs: file ? [`acme/shared/prod=${file}`] : [],
            });
        const write = (name: string, text: string) => {
            const file = path.join(dir, name);
            fs.writeFileSync(file, text);
            return file;
        };

        for (const preview of [false, true]) {
            const mode = preview ? "preview" : "update";
            it(`judges the values the file gives, as the engine reads them in ${mode === "preview" ? "a preview" : "an update"}`, async () => {
                const publicAcl = write(`public-${mode}.json`, JSON.stringify({ bucketAcl: "public-read" }));
                const [stack] = (await check(preview, publicAcl)).stacks;
                assert.strictEqual(stack.error, undefined, stack.error);
                const bucket = stack.violations.filter((v) => v.resource === "assets");
                assert.strictEqual(bucket.length, 1, JSON.stringify(bucket));
                assert.match(bucket[0].message, /bucket assets has acl "public-read"; set acl: "private"\.$/);
                assert.ok(
                    stack.notes.includes(
                        `stack reference "acme/shared/prod": its outputs were read from ${publicAcl}, as the engine reads them from the backend.`,
                    ),
                    stack.notes.join("; "),
                );

                const privateAcl = write(`private-${mode}.json`, JSON.stringify({ bucketAcl: "private" }));
                const [clean] = (await check(preview, privateAcl)).stacks;
                assert.deepStrictEqual(
                    clean.violations.filter((v) => v.resource === "assets"),
                    [],
                );
            });
        }

        it("without the file, says how to give it", async () => {
            const [stack] = (await check(false)).stacks;
            assert.ok(
                stack.notes.some((n) => n.includes("Give them with `--stack-outputs acme/shared/prod=FILE`")),
                stack.notes.join("; "),
            );
        });

        it("a secret the file does not show: the violation quoting its stand-in says so", async () => {
            const file = write("export.json", exported({ bucketAcl: { [SIG]: SECRET, ciphertext: "v1:xyz" } }));
            const [stack] = (await check(false, file)).stacks;
            const [violation] = stack.violations.filter((v) => v.resource === "assets");
            const standIn = standInFor("acme/shared/prod", "bucketAcl");
            assert.ok(violation, JSON.stringify(stack.violations));
            assert.ok(
                violation.message.endsWith(
                    `(${JSON.stringify(standIn)} is the check's stand-in for output bucketAcl of stack acme/shared/prod (a secret ${file} does not show), which it cannot read offline; the engine judges the real value.)`,
                ),
                violation.message,
            );
        });
    });
});
