#!/usr/bin/env node
/**
 * Turns the program, the pack and the tools (not the tests, unless `--all`) from TypeScript into
 * the CommonJS that `tsc -p .` would write to dist/, without type-checking: what `npm run check`,
 * `bench` and `deploy` need to run, and with `--all` what `npm test` runs. Type-checking is the
 * tests' job (`npm test` runs `tsc --noEmit` before the specs, in CI too); here it would cost tens
 * of seconds on every check for nothing the check needs.
 *
 * esbuild, not `tsc --noCheck`: it transpiles the ~120 files in well under a second, where tsc
 * still parses and binds the whole program and its type declarations.
 */
"use strict";
const esbuild = require("esbuild");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
/** dist/, as tsc writes it; WEBTIER_TRANSPILE_OUT (a folder inside the repository) for the test that compares the two. */
const OUT = process.env.WEBTIER_TRANSPILE_OUT
    ? path.resolve(process.env.WEBTIER_TRANSPILE_OUT)
    : path.join(ROOT, "dist");
/** What runs outside the tests: the program (index.ts, infra/), the pack and the tools. */
const SOURCES = ["index.ts", "infra", "policies", "tools"];
/**
 * `--all`: tsconfig's whole `include` as well, the tests and examples (`npm test`, which runs
 * `tsc --noEmit` before the tests: the type-check stays, the emit is this one). Folders tsconfig
 * excludes from it are left out here too: TypeScript projects the tests run as they are.
 */
const ALL = process.argv.includes("--all");
const EVERYTHING = [...SOURCES, "tests", "examples"];
const EXCLUDED = [/^tests[\\/]fixtures[\\/]projects[\\/]esm-typescript[^\\/]*$/];

function walk(entry, found) {
    const full = path.join(ROOT, entry);
    if (!fs.existsSync(full) || EXCLUDED.some((pattern) => pattern.test(entry))) return found;
    if (fs.statSync(full).isFile()) {
        found.push(entry);
        return found;
    }
    for (const child of fs.readdirSync(full, { withFileTypes: true })) {
        if (child.name === "node_modules" || child.name.startsWith(".")) continue;
        walk(path.join(entry, child.name), found);
    }
    return found;
}

const files = (ALL ? EVERYTHING : SOURCES).flatMap((entry) => walk(entry, []));
const typescript = files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
// tsc copies the JSON files the sources import (resolveJsonModule); copy them alike.
const json = files.filter(
    (file) => file.endsWith(".json") && !/(^|[\\/])(package(-lock)?|tsconfig[^\\/]*)\.json$/.test(file),
);

esbuild.buildSync({
    entryPoints: typescript.map((file) => path.join(ROOT, file)),
    outdir: OUT,
    outbase: ROOT,
    format: "cjs",
    platform: "node",
    target: "node22",
    bundle: false,
    logLevel: "error",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // As tsc's CommonJS output does: `import("./x")` becomes a `require` (esbuild would otherwise
    // keep a real ES import, which resolves differently: no extension search, no index files).
    supported: { "dynamic-import": false },
    // As tsc writes them (tsconfig sourceMap): the check maps a violating resource's declaration
    // back to its TypeScript line through them. The sources themselves stay on disk, not in the maps.
    sourcemap: true,
    sourcesContent: false,
});
for (const file of json) {
    const target = path.join(OUT, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), target);
}
// tsc's incremental build (tsconfig tsBuildInfoFile) would take the files written here for its
// own and not write them again: forget what it built, so the next `tsc -p .` (npm run build)
// writes every file itself.
fs.rmSync(path.join(OUT, ".tsbuildinfo"), { force: true });
