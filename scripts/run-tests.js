#!/usr/bin/env node
/**
 * The tests' last step (`npm test`, after `scripts/transpile.js --all` has written dist/): the
 * type-check (`tsc --noEmit`, strict, the project's tsconfig), then the spec files (mocha). A type
 * error stops `npm test` before the specs, with tsc's own diagnostics, as `tsc -p .` did when it
 * was the build step.
 *
 * The build is esbuild's and tsc only checks: it no longer writes dist/ (about 23 s for `tsc -p .`
 * against 11 s for `tsc --noEmit` on two cores). Run beside the specs instead, the type-check saved
 * no time: measured on this 2-core machine, 228 s with it first against 234 and 243 s beside them,
 * the specs keeping both cores busy, so tsc only took its share from them.
 *
 * Arguments are mocha's: spec files to run instead of all of them
 * (`npm test -- dist/tests/infra/sizing.test.js`, serial in one process), or mocha options.
 *
 * Plain CommonJS with no dependencies of its own, like the other scripts.
 */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", name);

function run(script, args) {
    const result = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: "inherit" });
    if (result.error) throw result.error;
    return result.status ?? 1;
}

const given = process.argv.slice(2);
const specs = given.some((arg) => !arg.startsWith("-")) ? given : ["--parallel", ...given, "dist/tests/**/*.test.js"];
// Incremental, with a record of its own under node_modules/.cache (dist/.tsbuildinfo is `npm run
// build`'s, which emits; transpile.js removes it): tsc still parses every file, but checks again
// only what changed and what depends on it, the record keyed by each file's text, the compiler's
// version and the options, so a new SDK or tsconfig is checked afresh. Measured on this 2-core
// machine: 21-22 s the first time (as without a record) and about 12 s after, for the whole suite's
// sources (9,462 files, most of them the provider SDKs' declarations).
// CI keeps the folder from run to run (.github/workflows/pull-request.yml), with the compile caches.
const record = path.join(ROOT, "node_modules", ".cache", "webtier-typecheck", "tsbuildinfo");
const typed = run(bin("typescript/bin/tsc"), ["-p", ".", "--noEmit", "--incremental", "--tsBuildInfoFile", record]);
if (typed !== 0) {
    process.stderr.write("run-tests: the type-check failed (above); the specs did not run.\n");
    process.exit(typed);
}
process.exit(run(bin("mocha/bin/mocha.js"), specs));
