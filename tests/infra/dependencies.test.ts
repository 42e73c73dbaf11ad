import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..", "..");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** Every relative module a TypeScript file imports, re-exports or requires, resolved to a repository path. */
function relativeImports(file: string, text = fs.readFileSync(file, "utf8")): string[] {
    const specifiers = [
        ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.[^"']*)["']/gm),
    ].map((m) => m[1]);
    return specifiers.map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)));
}

describe("dependencies point one way", () => {
    const program = [path.join(ROOT, "index.ts"), ...sources(path.join(ROOT, "infra"))];

    it("the program (index.ts, infra/) imports nothing from tools/, so no operator code is serialized into the state", () => {
        assert.ok(program.length > 50, `expected the program's sources, found ${program.length}`);
        const offending = program.flatMap((file) =>
            relativeImports(file)
                .filter((target) => target === "tools" || target.startsWith(`tools${path.sep}`))
                .map((target) => `${path.relative(ROOT, file)} imports ${target}`),
        );
        assert.deepStrictEqual(offending, []);
    });

    it("the policy pack (policies/) imports nothing outside itself: it ships alone (`pulumi policy publish policies`)", () => {
        const pack = sources(path.join(ROOT, "policies"));
        assert.ok(pack.length > 20, `expected the pack's sources, found ${pack.length}`);
        const offending = pack.flatMap((file) =>
            relativeImports(file)
                .filter((target) => target !== "policies" && !target.startsWith(`policies${path.sep}`))
                .map((target) => `${path.relative(ROOT, file)} imports ${target}`),
        );
        assert.deepStrictEqual(offending, []);
    });

    it("sees an import, a re-export and a require of tools/ (the scan itself can fail)", () => {
        const probe = path.join(ROOT, "infra", "aws", "probe.ts");
        const text = [
            `import { AwsBalancer } from "../../tools/deploy/aws/balancer";`,
            `export { DeployError } from "../../tools/deploy/types";`,
            `const poll = require("../../tools/deploy/rollout");`,
            `import { targetGroupHealth } from "../balancer-health/aws";`,
        ].join("\n");
        assert.deepStrictEqual(relativeImports(probe, text), [
            path.join("tools", "deploy", "aws", "balancer"),
            path.join("tools", "deploy", "types"),
            path.join("tools", "deploy", "rollout"),
            path.join("infra", "balancer-health", "aws"),
        ]);
    });
});
