#!/usr/bin/env node
/**
 * The tests' last step (`npm test`, after `scripts/transpile.js --all` has written dist/): the
 * type-check (`tsc --noEmit`) and the spec files (mocha) at the same time, each in its own
 * process. `npm test` fails if either does: a type error fails it as it always did, with tsc's
 * own diagnostics, printed once the specs are done so they do not interleave with mocha's.
 *
 * Why side by side: the type-check is one single-threaded process of about 11 s, and the specs
 * keep both cores busy for minutes; run first, as `tsc -p .` was (which also wrote dist/, 23 s),
 * it held everything else back for its whole length.
 *
 * Arguments are mocha's: spec files to run instead of all of them
 * (`npm test -- dist/tests/infra/sizing.test.js`), or mocha options.
 *
 * Plain CommonJS with no dependencies of its own, like the other scripts.
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", name);

/** Runs `node <script> ...args` in the repository; `capture` keeps its output for later instead of showing it. */
function run(script, args, capture) {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [script, ...args], {
            cwd: ROOT,
            stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
        });
        let output = "";
        if (capture) {
            child.stdout.on("data", (chunk) => (output += chunk));
            child.stderr.on("data", (chunk) => (output += chunk));
        }
        child.on("error", (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    });
}

async function main() {
    const given = process.argv.slice(2);
    const specs = given.some((arg) => !arg.startsWith("-"))
        ? given
        : ["--parallel", ...given, "dist/tests/**/*.test.js"];
    const started = Date.now();
    // Not incremental: with nothing changed, tsc's incremental record saves nothing here (it still
    // reads every declaration file) and costs a third more on a fresh clone.
    const typeCheck = run(bin("typescript/bin/tsc"), ["-p", ".", "--noEmit", "--incremental", "false"], true);
    const tests = await run(bin("mocha/bin/mocha.js"), specs, false);
    const types = await typeCheck;
    if (types.code !== 0) process.stdout.write(`\n${types.output}`);
    process.stdout.write(
        `type-check (tsc --noEmit): ${types.code === 0 ? "passed" : "failed"}; ` +
            `tests and type-check took ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    process.exit(tests.code !== 0 ? tests.code : types.code);
}

main();
