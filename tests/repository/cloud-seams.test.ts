// How many existing files a new cloud touches (issue 13: "at most three existing files outside
// what is new for it"). Every file of the repository outside a cloud's own files that names a
// cloud, in code, is a seam a new cloud must edit too: a registry. This test finds them all and
// fails when they are more than the three registries (infra/clouds.ts, policies/lib/clouds.ts,
// tools/clouds.ts), naming the file and what in it names a cloud.
//
// A cloud's own files: any path with a folder named after it (infra/aws/, policies/lib/aws/,
// tools/deploy/aws/, ...), a file named after it (tools/cost/prices/aws.ts,
// tools/harness/mocks/aws.ts, infra/balancer-health/aws.ts, ...) and the stack files in stacks/.
// Not counted, and said so in CONTRIBUTING.md: the tests (the existing clouds' fixtures and
// specs; a new cloud adds its own and edits none), Markdown (documentation, which a new cloud
// should extend) and the package manifests and lockfiles (a new cloud's provider SDK is a
// dependency npm records there).
//
// "Names a cloud", with comments stripped: an identifier one of whose words is the cloud's id,
// label or stack prefix (`aws`, `awsFindings`, `AWS_PRICES`, `digitalOceanClusters`, `DO`,
// `doFindings`); a string that is the id (`"aws"`) or has a path segment that is (`"./aws"`,
// `"@pulumi/aws"`); a provider type token or token prefix in a string
// (`"aws:ec2/instance:Instance"`, `"digitalocean:index/"`); in YAML and JSON, the id as a word.
// Prose in strings (a message saying "on AWS") is not a seam: a cloud webtier gains needs no
// edit there for anything to work.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Cloud, CLOUD_PROFILES, CLOUDS } from "../../infra/clouds";
import { CLOUD_PACKS, PACKS } from "../../policies/lib/clouds";
import { TOOL_CLOUDS } from "../../tools/clouds";
import { REPO_ROOT } from "../tools/check/paths";

/**
 * The pack cannot import infra's `Cloud`, so its registry is held to it here, at compile time: a
 * cloud registered in infra/clouds.ts without a pack (or a pack for no cloud) fails `tsc`.
 * (tools/clouds.ts holds itself to `Cloud` with `satisfies Record<Cloud, CloudTools>`.)
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const PACKS_ARE_THE_CLOUDS: Same<keyof typeof PACKS, Cloud> = true;

/** The registries: the only files outside a cloud's own that may name it. */
const REGISTRIES = ["infra/clouds.ts", "policies/lib/clouds.ts", "tools/clouds.ts"];

/**
 * Mentions that are no seam, each with why; anything else in these files still counts.
 * - The release script runs the AWS CLI for the `.env` source of kind "parameter" (Parameter
 *   Store); env sources are chosen by kind, so a cloud webtier gains needs no edit there.
 * - A team's program options are keyed by cloud (`transform: { aws: ..., digitalocean: ... }`), like
 *   its stack files; every key is optional, so a cloud webtier gains needs no entry there.
 */
const NOT_SEAMS: Record<string, string[]> = {
    "infra/bootstrap/release-script.ts": ["aws: AWS_CLI"],
    "examples/custom-tier/options.ts": ["aws: aws", "digitalocean: digitalocean"],
};

interface Stem {
    cloud: string;
    /** Lower-case words that, concatenated, spell it ("digital" + "ocean"). */
    text: string;
}

/** The names a cloud goes by in code: its id, its label ("AWS", "DigitalOcean") and its stack prefix ("do"). */
function stemsOf(cloud: string, label: string, stackPrefix: string): Stem[] {
    return [...new Set([cloud, label.replace(/\s+/g, ""), stackPrefix].map((s) => s.toLowerCase()))].map((text) => ({
        cloud,
        text,
    }));
}

const STEMS: Stem[] = CLOUDS.flatMap((cloud) =>
    stemsOf(cloud, CLOUD_PROFILES[cloud].label, CLOUD_PROFILES[cloud].stackPrefix),
);

/** A TypeScript or JavaScript source split into its code and its string literals, comments dropped. */
export function splitSource(text: string): { code: string; strings: string[] } {
    let code = "";
    const strings: string[] = [];
    let i = 0;
    /** The last significant code character, to tell a regular expression from a division. */
    const lastSignificant = () => code.replace(/\s+$/, "").slice(-1);
    const readQuoted = (quote: string): string => {
        let value = "";
        i += 1;
        while (i < text.length && text[i] !== quote) {
            if (text[i] === "\\") {
                value += text[i + 1] ?? "";
                i += 2;
                continue;
            }
            if (quote === "`" && text[i] === "$" && text[i + 1] === "{") {
                // A template's expression is code: read it up to its closing brace.
                let depth = 1;
                let expression = "";
                i += 2;
                while (i < text.length && depth > 0) {
                    if (text[i] === "{") depth += 1;
                    if (text[i] === "}") depth -= 1;
                    if (depth > 0) expression += text[i];
                    i += 1;
                }
                const inner = splitSource(expression);
                code += ` ${inner.code} `;
                strings.push(...inner.strings);
                value += "${}";
                continue;
            }
            value += text[i];
            i += 1;
        }
        i += 1;
        return value;
    };
    while (i < text.length) {
        const c = text[i];
        const next = text[i + 1];
        if (c === "/" && next === "/") {
            while (i < text.length && text[i] !== "\n") i += 1;
        } else if (c === "/" && next === "*") {
            const end = text.indexOf("*/", i + 2);
            i = end === -1 ? text.length : end + 2;
        } else if (c === '"' || c === "'" || c === "`") {
            strings.push(readQuoted(c));
            code += '""';
        } else if (c === "/" && /^$|[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant()) && !/\breturn$/.test(code)) {
            // A regular expression literal: its text is a pattern, kept as a string.
            let pattern = "";
            let inClass = false;
            i += 1;
            while (i < text.length && (text[i] !== "/" || inClass) && text[i] !== "\n") {
                if (text[i] === "\\") {
                    pattern += text[i] + (text[i + 1] ?? "");
                    i += 2;
                    continue;
                }
                if (text[i] === "[") inClass = true;
                if (text[i] === "]") inClass = false;
                pattern += text[i];
                i += 1;
            }
            i += 1;
            while (/[a-z]/.test(text[i] ?? "")) i += 1;
            strings.push(pattern);
            code += "/re/";
        } else {
            code += c;
            i += 1;
        }
    }
    return { code, strings };
}

/** The words of an identifier: `digitalOceanClusters` -> digital, ocean, clusters; `AWS_PRICES` -> aws, prices. */
function wordsOf(identifier: string): string[] {
    return identifier
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .split(/[\s_$]+/)
        .filter(Boolean)
        .map((word) => word.toLowerCase());
}

/** Does a run of consecutive words spell the stem? */
function spells(words: string[], stem: string): boolean {
    for (let start = 0; start < words.length; start += 1) {
        let joined = "";
        for (let end = start; end < words.length && joined.length < stem.length; end += 1) {
            joined += words[end];
            if (joined === stem) return true;
        }
    }
    return false;
}

/** In identifiers: a word run that spells a stem (see the header). */
function identifierMentions(code: string, found: Set<string>, stems: Stem[]): void {
    for (const identifier of code.match(/[A-Za-z_$][\w$]*/g) ?? []) {
        if (identifier === "do") continue; // the keyword
        const words = wordsOf(identifier);
        for (const stem of stems) if (spells(words, stem.text)) found.add(`${stem.cloud}: ${identifier}`);
    }
}

/** In strings: the id itself, a path segment, a type token or its prefix. */
function stringMentions(strings: string[], found: Set<string>): void {
    for (const value of strings) {
        for (const cloud of CLOUDS) {
            const segments = value.split("/");
            if (value === cloud || (/^(\.{1,2}\/|@)/.test(value) && segments.includes(cloud)))
                found.add(`${cloud}: "${value}"`);
            if (new RegExp(`(^|[^a-z])${cloud}:[A-Za-z0-9]+/`).test(value))
                found.add(`${cloud}: "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`);
        }
    }
}

/** What in a source names a cloud, as "aws: awsFindings" entries (empty when nothing does). */
export function cloudMentionsInSource(text: string, stems: Stem[] = STEMS): string[] {
    const { code, strings } = splitSource(text);
    const found = new Set<string>();
    identifierMentions(code, found, stems);
    stringMentions(strings, found);
    return [...found].sort();
}

/**
 * YAML: every word outside comments and `description` values (prose) is read as an identifier
 * (keys, values, secret names).
 */
export function cloudMentionsInYaml(text: string): string[] {
    const found = new Set<string>();
    const body = text.replace(/(^|\s)#.*$/gm, "$1").replace(/^(\s*description:).*$/gm, "$1");
    identifierMentions(body, found, STEMS);
    return [...found].sort();
}

/** JSON: its keys and string values, read as strings. */
export function cloudMentionsInJson(text: string): string[] {
    const strings: string[] = [];
    const walk = (node: unknown): void => {
        if (typeof node === "string") strings.push(node);
        else if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object")
            for (const [key, value] of Object.entries(node)) {
                strings.push(key);
                walk(value);
            }
    };
    walk(JSON.parse(text));
    const found = new Set<string>();
    stringMentions(strings, found);
    return [...found].sort();
}

/** Is this file one of a cloud's own? */
function ownedByACloud(file: string): boolean {
    if (file.startsWith("stacks/")) return true;
    const segments = file.split("/");
    const base = path.basename(file).replace(/\..*$/, "");
    return CLOUDS.some((cloud) => segments.slice(0, -1).includes(cloud) || base === cloud);
}

/** Not seams (see the header): tests, documentation, package manifests and lockfiles. */
function notCounted(file: string): boolean {
    return (
        file.startsWith("tests/") ||
        file.endsWith(".md") ||
        /(^|\/)package(-lock)?\.json$/.test(file) ||
        file.endsWith(".sh")
    );
}

/** The files outside any cloud's own that name a cloud, with what names it. */
function seams(files: string[], read: (file: string) => string): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const file of files) {
        if (ownedByACloud(file) || notCounted(file)) continue;
        let mentions: string[] = [];
        if (/\.(ts|js|mjs|cjs)$/.test(file)) mentions = cloudMentionsInSource(read(file));
        else if (/\.(ya?ml)$/.test(file)) mentions = cloudMentionsInYaml(read(file));
        else if (file.endsWith(".json")) mentions = cloudMentionsInJson(read(file));
        mentions = mentions.filter((mention) => !(NOT_SEAMS[file] ?? []).includes(mention));
        if (mentions.length > 0) result.set(file, mentions);
    }
    return result;
}

function trackedFiles(): string[] {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    })
        .split("\n")
        .filter((file) => file && fs.existsSync(path.join(REPO_ROOT, file)));
}

const readFile = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

describe("a new cloud touches at most three existing files: its registrations", () => {
    const files = trackedFiles();
    const found = seams(files, readFile);

    it("only the three registries name a cloud outside the clouds' own files", () => {
        const report = [...found].map(([file, mentions]) => `${file}: ${mentions.slice(0, 6).join(", ")}`);
        assert.deepStrictEqual(
            [...found.keys()].filter((file) => !REGISTRIES.includes(file)),
            [],
            `these files name a cloud; move what they say into the cloud's own files and reach it through a registry:\n  ${report.join("\n  ")}`,
        );
        assert.ok(found.size <= 3, `${found.size} registries: ${[...found.keys()].join(", ")}`);
    });

    it("each registry names every cloud, and is where the cloud's own folders are reached from", () => {
        for (const registry of REGISTRIES) {
            const mentions = found.get(registry) ?? [];
            for (const cloud of CLOUDS)
                assert.ok(
                    mentions.some((m) => m.startsWith(`${cloud}:`)),
                    `${registry} registers ${cloud}: ${mentions.join(", ")}`,
                );
        }
        for (const cloud of CLOUDS)
            for (const folder of [`infra/${cloud}/`, `policies/lib/${cloud}/`, `tools/deploy/${cloud}/`])
                assert.ok(
                    files.some((file) => file.startsWith(folder)),
                    `${cloud} has its own ${folder}`,
                );
    });

    it("the three registries register the same clouds (the pack ships alone, so it cannot import infra's list)", () => {
        assert.strictEqual(PACKS_ARE_THE_CLOUDS, true);
        assert.deepStrictEqual(
            CLOUD_PACKS.map((pack) => pack.cloud),
            [...CLOUDS],
        );
        assert.deepStrictEqual(Object.keys(TOOL_CLOUDS), [...CLOUDS]);
        for (const pack of CLOUD_PACKS) {
            assert.strictEqual(pack.preflight.engineVersions.cloud, pack.cloud);
            assert.strictEqual(
                pack.preflight.engineVersions,
                CLOUD_PROFILES[pack.cloud as (typeof CLOUDS)[number]].engineVersions,
                `${pack.cloud}: config and the preflight read one engine table`,
            );
        }
    });

    it("scans the whole program, pack and tools (the scan is not vacuous)", () => {
        const scanned = files.filter((file) => !ownedByACloud(file) && !notCounted(file) && /\.ts$/.test(file));
        assert.ok(scanned.length > 100, `${scanned.length} shared sources`);
        for (const dir of ["infra/", "policies/rules/", "policies/preflight/", "tools/", "examples/"])
            assert.ok(
                scanned.some((file) => file.startsWith(dir)),
                `scanned ${dir}`,
            );
    });

    it("catches a stray reference in a shared file, of every kind, and no prose", () => {
        const stray = (file: string, text: string) => [...seams([file], () => text).values()].flat();
        const rule = "policies/rules/example.ts";
        assert.deepStrictEqual(stray(rule, `if (res.type === "aws:s3/bucket:Bucket") report();`), [
            'aws: "aws:s3/bucket:Bucket"',
        ]);
        assert.deepStrictEqual(stray(rule, `const ok = type.startsWith("digitalocean:index/");`), [
            'digitalocean: "digitalocean:index/"',
        ]);
        assert.deepStrictEqual(stray(rule, `import { awsAppPorts } from "../lib/aws/balancers";`), [
            'aws: "../lib/aws/balancers"',
            "aws: awsAppPorts",
        ]);
        assert.deepStrictEqual(stray(rule, `for (const d of graph.ofType(DO.droplets)) doFindings(d);`), [
            "digitalocean: DO",
            "digitalocean: doFindings",
        ]);
        assert.deepStrictEqual(stray(rule, `switch (cloud) { case "aws": return 1; }`), ['aws: "aws"']);
        assert.deepStrictEqual(stray(rule, "const x = `${digitalOceanClusters(graph)}`;"), [
            "digitalocean: digitalOceanClusters",
        ]);
        assert.deepStrictEqual(stray(".github/workflows/ci.yml", "env:\n  TOKEN: ${{ secrets.AWS_KEY }} # AWS\n"), [
            "aws: AWS_KEY",
        ]);
        assert.deepStrictEqual(
            stray(".github/workflows/ci.yml", "# the clouds\nmatrix:\n  - { cloud: digitalocean }\n"),
            ["digitalocean: digitalocean"],
        );
        assert.deepStrictEqual(stray("infra/outputs/schema.json", `{ "cloud": { "enum": ["aws", "digitalocean"] } }`), [
            'aws: "aws"',
            'digitalocean: "digitalocean"',
        ]);
        // Prose, comments and look-alikes are not seams.
        assert.deepStrictEqual(
            stray(
                rule,
                [
                    `// Only AWS has this; DigitalOcean does not.`,
                    `report(\`\${describe(res)} is public on AWS; use a DigitalOcean firewall.\`);`,
                    `const key = "aws:SourceIp"; const re = /^arn:aws[a-z-]*:sns:/; do { i++; } while (i < 3);`,
                    `const draws = laws; const undo = document;`,
                ].join("\n"),
            ),
            [],
        );
        assert.deepStrictEqual(stray("Pulumi.yaml", "name: webtier\ndescription: a tier on AWS or DigitalOcean\n"), []);
        assert.deepStrictEqual(stray("infra/bootstrap/release-script.ts", "const AWS_CLI = 1; const awsRegion = 2;"), [
            "aws: awsRegion",
        ]);
        // A cloud's own files may name it.
        assert.deepStrictEqual(stray("policies/lib/aws/x.ts", `const t = "aws:s3/bucket:Bucket";`), []);
        assert.deepStrictEqual(stray("tools/cost/prices/aws.ts", `const t = "aws:s3/bucket:Bucket";`), []);
    });
});
