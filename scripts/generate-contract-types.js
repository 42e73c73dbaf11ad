#!/usr/bin/env node
/**
 * Writes infra/outputs/contract.generated.ts, the TypeScript types of the stack outputs contract,
 * from its single source, infra/outputs/webtier-outputs.schema.json (json-schema-to-typescript).
 * Runs after `npm ci` (postinstall) and before every build, so the types cannot drift from the
 * schema; the generated file is not committed.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { compile } = require("json-schema-to-typescript");

const DIR = path.join(__dirname, "..", "infra", "outputs");
const SCHEMA = path.join(DIR, "webtier-outputs.schema.json");
const OUT = path.join(DIR, "contract.generated.ts");

/** Names for the schema's parts that consumers import by name (the generator would inline them). */
const NAMED = {
    "": "WebtierOutputs",
    "properties.servers.items": "ServerOutput",
    "properties.alerts": "AlertsOutput",
    "properties.alerts.properties.items.items": "AlertItemOutput",
};

function nameParts(node, at) {
    if (!node || typeof node !== "object") return node;
    const copy = Array.isArray(node) ? node.map((item, i) => nameParts(item, `${at}.${i}`)) : {};
    if (Array.isArray(node)) return copy;
    for (const [key, value] of Object.entries(node)) copy[key] = nameParts(value, at ? `${at}.${key}` : key);
    if (NAMED[at] !== undefined) copy.title = NAMED[at];
    return copy;
}

async function main() {
    const schema = nameParts(JSON.parse(fs.readFileSync(SCHEMA, "utf8")), "");
    const types = await compile(schema, "WebtierOutputs", {
        bannerComment:
            "/* Generated from webtier-outputs.schema.json by scripts/generate-contract-types.js: edit the schema, not this file. */",
        additionalProperties: false,
        ignoreMinAndMaxItems: true,
        unreachableDefinitions: false,
        style: { printWidth: 120, tabWidth: 4 },
    });
    if (!fs.existsSync(OUT) || fs.readFileSync(OUT, "utf8") !== types) fs.writeFileSync(OUT, types);
}

main().catch((error) => {
    process.stderr.write(`generate-contract-types: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
