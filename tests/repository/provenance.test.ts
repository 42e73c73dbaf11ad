/**
 * The repository holds the project's own code. Other projects' source, read while building
 * (Pulumi's engine and SDK tests, provider repositories), is a specification to emulate and to
 * cite, not something to commit: a scenario taken from upstream is rewritten here in our own
 * code, with the upstream test and commit named in a comment.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..", "..");
const SKIP = new Set(["node_modules", "dist", ".git"]);

function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (SKIP.has(entry.name) || entry.name.startsWith("dist")) return [];
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? files(full) : [full];
    });
}

/** A third party's copyright notice near the top of a file: the file was copied, not written here. */
const FOREIGN_NOTICE =
    /copyright\s+(\(c\)\s*)?[\d\s,-]*\s*(pulumi corporation|hashicorp|amazon\.com|digitalocean|the kubernetes authors)/i;

export function copiedFiles(paths: string[], read: (file: string) => string): string[] {
    return paths.filter((file) => {
        const base = path.basename(file);
        if (/^(LICENSE|LICENCE|NOTICE|COPYING)(\.|$)/i.test(base) && path.dirname(file) !== ROOT) return true;
        if (!/\.(ts|js|go|py|json|yaml|yml|md)$/.test(base)) return false;
        return FOREIGN_NOTICE.test(read(file).split("\n").slice(0, 8).join("\n"));
    });
}

describe("what the repository holds", () => {
    it("holds no source copied from another project (a third party's copyright notice or license file)", () => {
        const all = files(ROOT);
        assert.ok(all.length > 100, `expected the repository's files, found ${all.length}`);
        const copied = copiedFiles(all, (file) => fs.readFileSync(file, "utf8")).map((file) =>
            path.relative(ROOT, file),
        );
        assert.deepStrictEqual(
            copied,
            [],
            "These files look copied from another project. Code read in other repositories (fetched or looked up) must not be committed: " +
                "write the program, pack or test in your own code, and name the upstream test and commit it follows in a comment.",
        );
    });

    it("recognises a copied file by its notice or its license file", () => {
        const texts: Record<string, string> = {
            [path.join(ROOT, "tests", "a", "index.ts")]:
                '// Copyright 2016-2020, Pulumi Corporation.  All rights reserved.\nimport * as pulumi from "@pulumi/pulumi";',
            [path.join(ROOT, "tests", "a", "LICENSE")]: "Apache License",
            [path.join(ROOT, "tests", "b", "index.ts")]:
                '// Follows pulumi-policy tests/integration/config (upstream commit 805bcbc).\nimport * as pulumi from "@pulumi/pulumi";',
        };
        assert.deepStrictEqual(
            copiedFiles(Object.keys(texts), (file) => texts[file]),
            [path.join(ROOT, "tests", "a", "index.ts"), path.join(ROOT, "tests", "a", "LICENSE")],
        );
    });
});
