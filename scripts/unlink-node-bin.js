#!/usr/bin/env node
/**
 * Runs after `npm ci` / `npm install` (package.json `postinstall`). The registry Node.js packages
 * (package.json `optionalDependencies`, see scripts/with-node.js) each declare a `node` bin, so npm
 * links one of them as node_modules/.bin/node, and every npm script would then run on that one
 * instead of the machine's own Node.js. scripts/with-node.js chooses the runtime; remove the link.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const bin = path.join(__dirname, "..", "node_modules", ".bin");
for (const name of ["node", "node.cmd", "node.ps1"]) {
    const link = path.join(bin, name);
    try {
        const target = fs.realpathSync(link);
        if (target.includes(`${path.sep}node_modules${path.sep}node-`)) fs.rmSync(link, { force: true });
    } catch {
        // not there: nothing to remove
    }
}
