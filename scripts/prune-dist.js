#!/usr/bin/env node
/**
 * Removes what a build left in dist/ for a source that no longer exists: a compiled file, its
 * source map, a copied JSON file. `npm test` writes dist/ with esbuild (scripts/transpile.js
 * --all), which never deletes an output either; `npm run build` builds incrementally (tsconfig
 * `incremental`: tsc reads its last build from dist/.tsbuildinfo and checks and writes only what
 * changed, about 4 s instead of 11 on this project), and tsc never deletes an output itself: a
 * test file deleted or renamed would otherwise still run from dist/, and a module deleted would
 * still load there.
 *
 * DIST names another output folder (the test of this script).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const DIST = process.env.DIST ? path.resolve(process.env.DIST) : path.join(ROOT, "dist");

/** The source an output in dist/ was built from (relative to the repository), or undefined for none of tsc's. */
function sourceOf(relative) {
    if (relative.endsWith(".js.map")) return relative.slice(0, -".js.map".length) + ".ts";
    if (relative.endsWith(".js")) return relative.slice(0, -".js".length) + ".ts";
    if (relative.endsWith(".json")) return relative;
    return undefined;
}

function prune(dir) {
    let left = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const relative = path.relative(DIST, full);
        if (entry.isDirectory()) {
            if (prune(full) === 0) fs.rmdirSync(full);
            else left++;
            continue;
        }
        // tsc's own record of the build, and anything not built from a source (left as it is).
        const source = relative === ".tsbuildinfo" ? undefined : sourceOf(relative);
        if (source !== undefined && !fs.existsSync(path.join(ROOT, source))) {
            fs.rmSync(full);
            continue;
        }
        left++;
    }
    return left;
}

if (fs.existsSync(DIST)) prune(DIST);
