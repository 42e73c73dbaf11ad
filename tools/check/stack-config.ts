/**
 * Stack files to the config map the engine hands a program: `Pulumi.<stack>.yaml` under the
 * project's `stackConfigDir`, keys namespaced (`webtier:cloud`), structured values JSON-encoded,
 * as `pulumi.runtime.allConfig()` sees them under `pulumi up`.
 *
 * Secrets (`secure:` values) are ciphertext only the stack's secrets provider can open, so the
 * offline check substitutes a well-formed placeholder and says so; the same for secret keys a
 * stack file leaves out (they are set per developer with `pulumi config set --secret`).
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { goJsonString } from "./analyzer-env";

/** What the check needs from Pulumi.yaml. */
export interface ProjectFile {
    /** The project name, which is also the default config namespace. */
    name: string;
    /** Absolute folder that holds the stack files (`stackConfigDir`, default the project folder). */
    stackConfigDir: string;
    /** Absolute path of Pulumi.yaml. */
    path: string;
    /** Absolute folder of Pulumi.yaml: the program's working directory under the language host. */
    dir: string;
    /** Pulumi.yaml's `main`, resolved against `dir`, when it sets one. */
    main?: string;
    /**
     * Pulumi.yaml's `runtime.options` the Node.js language host acts on: `typescript` (default
     * true: PULUMI_NODEJS_TYPESCRIPT), `tsconfig` (PULUMI_NODEJS_TSCONFIG_PATH) and `nodeargs`
     * (words for `node`'s command line, node-args.ts).
     */
    runtimeOptions?: { typescript?: boolean; tsconfig?: string; nodeargs?: string };
    /** Pulumi.yaml's `config:` section as written (project-config.ts reads and applies it). */
    configSection?: unknown;
}

/** One stack's config, ready for the harness. */
export interface StackConfig {
    name: string;
    /** Absolute path of the stack file (absent for a `--program` run without a stack file). */
    path?: string;
    /** Full keys ("webtier:cloud") to the string values the engine passes. */
    config: Record<string, string>;
    /** Which of `config`'s keys are secrets. */
    secretKeys: string[];
    /**
     * Which of `config`'s keys the file wrote as a mapping or a list (an object value: its text is
     * JSON), as against a scalar, which is text even when it reads as JSON; the CLI's type checks
     * of Pulumi.yaml's config tell them apart (config.Value Object()).
     */
    objectKeys?: string[];
    /** What the check substituted or could not honour, for the report. */
    notes: string[];
}

/** Thrown when a project or stack file cannot be used; the CLI maps it to exit code 2. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** Reads Pulumi.yaml in `projectDir`. */
export function readProjectFile(projectDir: string): ProjectFile {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((name) => path.join(projectDir, name)).find((p) => fs.existsSync(p));
    if (!file) throw new StackFileError(`no Pulumi.yaml in ${projectDir}; run the check from the project folder.`);
    const doc = loadYaml(file) as Record<string, unknown> | undefined;
    const name = doc?.name;
    if (typeof name !== "string" || !name) throw new StackFileError(`${file} has no project "name".`);
    // The older `config: <folder>` names the stack files' folder (RewriteConfigPathIntoStackConfigDir).
    const legacyDir = typeof doc?.config === "string" ? doc.config : undefined;
    if (legacyDir !== undefined && doc?.stackConfigDir !== undefined)
        throw new StackFileError(
            `${file}: Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.`,
        );
    const configDir = typeof doc?.stackConfigDir === "string" ? doc.stackConfigDir : (legacyDir ?? ".");
    const main = typeof doc?.main === "string" && doc.main ? path.resolve(projectDir, doc.main) : undefined;
    const runtime = doc?.runtime as { name?: unknown; options?: Record<string, unknown> } | string | undefined;
    // The check runs what the Node.js language host runs; another language's program is not read
    // at all (the engine would start that language's host), so say so rather than fail to load it.
    const runtimeName = typeof runtime === "object" && runtime !== null ? runtime.name : runtime;
    if (typeof runtimeName === "string" && runtimeName !== "nodejs")
        throw new StackFileError(
            `${file}: runtime is ${runtimeName}; the offline check evaluates Node.js programs only (runtime: nodejs). ` +
                `Check this project with \`pulumi preview --policy-pack <webtier>/policies\`, which runs a program in any language.`,
        );
    const options = runtime && typeof runtime === "object" ? (runtime.options ?? {}) : {};
    const runtimeOptions = {
        ...(typeof options.typescript === "boolean" ? { typescript: options.typescript } : {}),
        ...(typeof options.tsconfig === "string" ? { tsconfig: options.tsconfig } : {}),
        ...(typeof options.nodeargs === "string" ? { nodeargs: options.nodeargs } : {}),
    };
    // The language host refuses the run (pulumi-language-nodejs parseOptions).
    if (options.nodeargs !== undefined && typeof options.nodeargs !== "string")
        throw new StackFileError(
            `${file}: nodeargs option must be a string (runtime.options.nodeargs: write the words as one string, "--require ./setup.js").`,
        );
    return {
        name,
        stackConfigDir: path.resolve(projectDir, configDir),
        path: file,
        dir: path.resolve(projectDir),
        main,
        runtimeOptions,
        configSection: legacyDir === undefined ? doc?.config : undefined,
    };
}

/**
 * The project a program file belongs to, as the CLI finds it: the nearest folder at or above the
 * file's own that holds a Pulumi.yaml. Undefined when there is none up to the filesystem root.
 */
export function findProjectFor(file: string): ProjectFile | undefined {
    let dir =
        fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.resolve(file) : path.dirname(path.resolve(file));
    for (;;) {
        if (["Pulumi.yaml", "Pulumi.yml"].some((name) => fs.existsSync(path.join(dir, name))))
            return readProjectFile(dir);
        const parent = path.dirname(dir);
        if (parent === dir) return undefined;
        dir = parent;
    }
}

/** Stack names that have a `Pulumi.<stack>.yaml` in `dir`, sorted. */
export function listStacks(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .map((file) => STACK_FILE.exec(file)?.[1])
        .filter((name): name is string => !!name)
        .sort();
}

/** The stack file for `stack` in `dir` (.yaml or .yml), or undefined. */
export function stackFilePath(dir: string, stack: string): string | undefined {
    return ["yaml", "yml"].map((ext) => path.join(dir, `Pulumi.${stack}.${ext}`)).find((p) => fs.existsSync(p));
}

export interface ReadStackOptions {
    /** The project name: keys without a namespace belong to it. */
    project: string;
    /**
     * Keys (without namespace) the program requires as secrets: when the stack file lacks one,
     * the check supplies a placeholder, as a developer's `pulumi config set --secret` would.
     */
    requiredSecrets?: readonly string[];
}

/** Reads one stack file into the engine's config map. */
export function readStackFile(file: string, options: ReadStackOptions): StackConfig {
    const name = STACK_FILE.exec(path.basename(file))?.[1];
    if (!name) throw new StackFileError(`${file} is not a stack file (expected Pulumi.<stack>.yaml).`);
    const doc = loadYaml(file);
    return { ...stackConfigFromDocument(name, doc, options), path: file };
}

/** The pure part of `readStackFile`: a parsed stack document to the config map. */
export function stackConfigFromDocument(name: string, doc: unknown, options: ReadStackOptions): StackConfig {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const objectKeys: string[] = [];
    const notes: string[] = [];
    if (doc !== undefined && doc !== null && (typeof doc !== "object" || Array.isArray(doc))) {
        throw new StackFileError(`stack "${name}": the stack file must be a YAML mapping with a "config:" section.`);
    }
    const top = (doc ?? {}) as Record<string, unknown>;
    if (top.environment !== undefined) {
        notes.push(
            `the stack imports Pulumi ESC environments (${JSON.stringify(top.environment)}); they cannot be opened offline, so their values are missing.`,
        );
    }
    const section = top.config ?? {};
    if (typeof section !== "object" || Array.isArray(section)) {
        throw new StackFileError(`stack "${name}": "config:" must be a mapping of keys to values.`);
    }
    for (const [rawKey, rawValue] of Object.entries(section as Record<string, unknown>)) {
        const key = namespacedKey(rawKey, options.project);
        const { value, secure } = replaceSecure(rawValue, key);
        if (value === undefined || value === null) continue;
        config[key] = encodeConfigValue(value);
        if (typeof value === "object") objectKeys.push(key);
        if (secure) {
            secretKeys.push(key);
            notes.push(
                `${key} is encrypted (secure:) and cannot be decrypted offline; checked with the placeholder ${JSON.stringify(typeof value === "string" ? value : config[key])}.`,
            );
        }
    }
    for (const bare of options.requiredSecrets ?? []) {
        const key = namespacedKey(bare, options.project);
        if (key in config) continue;
        config[key] = placeholderFor(key);
        secretKeys.push(key);
        notes.push(
            `${key} is not in the stack file (it is set with \`pulumi config set --secret ${key} ...\`); checked with the placeholder ${JSON.stringify(config[key])}.`,
        );
    }
    return { name, config, secretKeys, objectKeys, notes };
}

/** "cloud" -> "webtier:cloud"; "aws:region" stays. */
export function namespacedKey(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * How Pulumi passes a config value to the program: strings as they are, anything else as JSON,
 * written as Go's json.Marshal writes the map the CLI holds (config/plaintext.go marshalText): an
 * object's keys sorted, at every level, and <, >, & and the line and paragraph separators escaped.
 */
export function encodeConfigValue(value: unknown): string {
    return typeof value === "string" ? value : goJson(value);
}

/** json.Marshal of a decoded YAML/JSON value (map keys sorted by their bytes, HTML-safe strings). */
function goJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
    if (value !== null && typeof value === "object") {
        const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        return `{${keys.map((k) => `${goJsonString(k)}:${goJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return typeof value === "string" ? goJsonString(value) : JSON.stringify(value ?? null);
}

/** Replaces `{ secure: ... }` leaves (top level or nested in an object value) with placeholders. */
function replaceSecure(value: unknown, key: string): { value: unknown; secure: boolean } {
    if (isSecure(value)) return { value: placeholderFor(key), secure: true };
    if (Array.isArray(value)) {
        const items = value.map((item, i) => replaceSecure(item, `${key}[${i}]`));
        return { value: items.map((i) => i.value), secure: items.some((i) => i.secure) };
    }
    if (value && typeof value === "object") {
        let secure = false;
        const result: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            const replaced = replaceSecure(v, `${key}.${k}`);
            result[k] = replaced.value;
            secure = secure || replaced.secure;
        }
        return { value: result, secure };
    }
    return { value, secure: false };
}

function isSecure(value: unknown): boolean {
    return (
        !!value &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as any).secure === "string"
    );
}

/**
 * Placeholders shaped like the real value where the program validates the shape, so that an
 * offline run passes config validation and reaches the resources.
 */
const PLACEHOLDERS: Record<string, string> = {
    // A Laravel APP_KEY: "base64:" and 32 bytes in base64 (what `php artisan key:generate --show` prints).
    appKey: `base64:${Buffer.from("offline-policy-check-placeholder").toString("base64")}`,
};

/** The placeholder for a secret config key (namespaced or not). */
export function placeholderFor(key: string): string {
    const bare = key.split(":").pop()!;
    return PLACEHOLDERS[bare] ?? `offline-placeholder-for-${bare.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/**
 * A violation that quotes a stand-in the check put for a secret it cannot read (an encrypted
 * value, one the stack file leaves out) says so: the value judged is the stand-in, and the engine
 * judges the stack's own.
 */
export function explainPlaceholders(
    violations: { message: string }[],
    stack: StackConfig,
    others: readonly { text: string; what: string }[] = [],
): void {
    const standIns = [
        ...stack.secretKeys
            .map((key) => ({ what: key, text: placeholderFor(key) }))
            .filter(({ what, text }) => stack.config[what]?.includes(text)),
        ...others,
    ];
    for (const violation of violations) {
        const standIn = standIns.find(({ text }) => violation.message.includes(text));
        if (standIn)
            violation.message += ` (${JSON.stringify(standIn.text)} is the check's stand-in for ${standIn.what}, which it cannot read offline; the engine judges the real value.)`;
    }
}

/** Parses `KEY=VALUE` from `--config`. */
export function parseConfigAssignment(text: string, project: string): [string, string] {
    const eq = text.indexOf("=");
    if (eq <= 0)
        throw new StackFileError(
            `--config ${JSON.stringify(text)} must look like KEY=VALUE, for example --config ${project}:cloud=aws.`,
        );
    return [namespacedKey(text.slice(0, eq).trim(), project), text.slice(eq + 1)];
}

function loadYaml(file: string): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new StackFileError(`cannot read ${file}: ${(err as Error).message}`);
    }
}
