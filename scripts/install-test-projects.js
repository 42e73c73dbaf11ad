#!/usr/bin/env node
/**
 * Installs the test projects that pin their own dependencies (a conformance scenario whose
 * expected outcome depends on the exact SDK version its program uses), from their lockfiles.
 * Part of `npm test`; skips a project whose node_modules already match its lockfile.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
/** Test projects with a lockfile of their own. */
const PROJECTS = ["tests/conformance/provider/program"];

for (const project of PROJECTS) {
    const dir = path.join(ROOT, project);
    const lock = path.join(dir, "package-lock.json");
    const installed = path.join(dir, "node_modules", ".package-lock.json");
    if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) continue;
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const run = spawnSync(npm, ["ci", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=error"], {
        stdio: "inherit",
        shell: process.platform === "win32",
    });
    if (run.status !== 0) {
        process.stderr.write(`install-test-projects: npm ci in ${project} failed (exit ${run.status})\n`);
        process.exit(run.status || 1);
    }
}
