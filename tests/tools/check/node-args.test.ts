// Pulumi.yaml's runtime.options.nodeargs, as the Node.js language host puts them on `node`'s command
// line: environment files and preloaded modules take effect before the program runs; other Node
// settings are named in the notes as not applied.
import * as assert from "assert";
import * as path from "path";
import { envFileVariables, parseNodeArgs, shellWords } from "../../../tools/check/node-args";
import { runCheck } from "../../../tools/check/run";
import { readProjectFile, StackFileError } from "../../../tools/check/stack-config";
import { DIST_ROOT, FIXTURES, FIXTURE_PACK } from "./paths";
import * as fs from "fs";
import * as os from "os";

const PROJECT = path.join(FIXTURES, "projects", "nodeargs");

describe("runtime.options.nodeargs", () => {
    it("splits words as the language host's shlex does", () => {
        assert.deepStrictEqual(shellWords(`-r ./a.js --title 'my app' "--x=\\"q\\"" a\\ b # a comment`), [
            "-r",
            "./a.js",
            "--title",
            "my app",
            '--x="q"',
            "a b",
        ]);
        assert.throws(() => shellWords(`--require "unterminated`), /closing quote/);
    });

    it("takes environment files, then --require, then --import modules, and names the rest", () => {
        assert.deepStrictEqual(
            parseNodeArgs("--import ./b.mjs --env-file .env -r ./a.js --env-file-if-exists=.local --no-warnings"),
            {
                words: [
                    "--import",
                    "./b.mjs",
                    "--env-file",
                    ".env",
                    "-r",
                    "./a.js",
                    "--env-file-if-exists=.local",
                    "--no-warnings",
                ],
                envFiles: [
                    { file: ".env", optional: false },
                    { file: ".local", optional: true },
                ],
                preloads: [
                    { kind: "require", specifier: "./a.js" },
                    { kind: "import", specifier: "./b.mjs" },
                ],
                ignored: ["--no-warnings"],
            },
        );
    });

    it("reads environment files as Node does: a later file wins, the process's own variables win over both", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nodeargs-"));
        try {
            fs.writeFileSync(path.join(dir, "a.env"), "A=1\nB=from-a\n");
            fs.writeFileSync(path.join(dir, "b.env"), "B=from-b\nHOME_SET=file\n");
            const files = [
                { file: "a.env", optional: false },
                { file: "b.env", optional: false },
                { file: "none.env", optional: true },
            ];
            assert.deepStrictEqual(envFileVariables(files, dir, { HOME_SET: "process" }), { A: "1", B: "from-b" });
            assert.throws(
                () => envFileVariables([{ file: "none.env", optional: false }], dir, {}),
                /none\.env: not found/,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses a nodeargs that is not a string, as the language host does", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nodeargs-"));
        try {
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                "name: p\nruntime:\n  name: nodejs\n  options:\n    nodeargs: [--require, ./a.js]\n",
            );
            assert.throws(
                () => readProjectFile(dir),
                (err: Error) => err instanceof StackFileError && /nodeargs option must be a string/.test(err.message),
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("runs the program with its environment files and preloads, and keeps them to the program", async () => {
        assert.strictEqual(process.env.REPLICAS, undefined);
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: PROJECT,
            program: ".",
            stacks: ["dev", "other"],
            policyPack: FIXTURE_PACK,
        });
        for (const stack of result.stacks) {
            assert.strictEqual(stack.error, undefined, stack.error);
            // The stack, 2 things from .env, the module preloaded once per process, the imported one.
            assert.strictEqual(stack.resources, 5, `${stack.name}: ${stack.resources} resources`);
            assert.ok(
                stack.notes.some((n) =>
                    /--max-old-space-size=4096 is a setting of the program's own Node\.js process/.test(n),
                ),
                stack.notes.join("\n"),
            );
        }
        assert.strictEqual(process.env.REPLICAS, undefined, "the check's own environment is as it was");
    });
});
