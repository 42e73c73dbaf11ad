/**
 * Where each violation comes from, so that code scanning annotates the line a reviewer would
 * change: the program line that declares the offending resource (the `new X(...)` the SDK saw in
 * the resource's constructor, mapped back to TypeScript), and, when a value of the stack's config
 * is what the policy objects to, that value's line in the stack file.
 *
 * Only violations are located, after the policies ran: the stack trace comes with every
 * registration anyway (see `stackTrace` in the harness), and reading files and source maps for
 * the few offending resources costs nothing measurable.
 */
import * as fs from "fs";
import { SourceMap } from "module";
import * as path from "path";
import { fileURLToPath } from "url";
import { ResourceError } from "@pulumi/pulumi";
import { framesDeclaring, type RegisteredResource, type SourceFrame } from "../harness/evaluate";
import { transpiledSourceMap } from "./program";
import type { Violation } from "./results";

/** A place in a file of the project. */
export interface SourceLocation {
    /** Relative to the project folder, with forward slashes; absolute when outside it. */
    file: string;
    /** 1-based. */
    line: number;
    /** 1-based, where the declaration or the value starts. */
    column: number;
    /** 1-based, exclusive: the end of the line's text (SARIF's endColumn). */
    endColumn: number;
}

/** A stack config value a violation names, and where the stack file sets it. */
export interface ConfigLocation extends SourceLocation {
    /** The full config key ("webtier:servers"). */
    key: string;
    value: string;
}

/**
 * Frames of the SDK and provider packages, of this tool and of Node itself: none is the program's.
 * This tool's frames are its compiled files, or their TypeScript sources (dist/tools/x is built
 * from tools/x) where the trace was source-mapped: the components the harness builds itself
 * (harness/aws/awsx, harness/aws/apigateway) construct resources from those.
 */
const TOOL_DIRS = [__dirname, path.resolve(__dirname, "..", "harness")].flatMap((dir) => [
    dir,
    path.join(path.resolve(__dirname, "..", "..", ".."), path.relative(path.resolve(__dirname, "..", ".."), dir)),
]);

function isProgramFrame(file: string): boolean {
    if (file.split(/[\\/]/).includes("node_modules")) return false;
    return !TOOL_DIRS.some((dir) => file === dir || file.startsWith(dir + path.sep));
}

function frameFile(frame: SourceFrame): string | undefined {
    if (frame.uri.startsWith("node:")) return undefined;
    try {
        return frame.uri.startsWith("file:") ? fileURLToPath(frame.uri) : frame.uri;
    } catch {
        return undefined;
    }
}

/** A file's source map (inline, a .map next to it, or the TypeScript hook's), or null; cached per run. */
class SourceMaps {
    private readonly maps = new Map<string, { map: SourceMap; base: string } | null>();

    find(file: string): { map: SourceMap; base: string } | null {
        if (!this.maps.has(file)) this.maps.set(file, this.load(file));
        return this.maps.get(file)!;
    }

    private load(file: string): { map: SourceMap; base: string } | null {
        try {
            let url = transpiledSourceMap(file);
            if (!url) {
                // The last such comment (an inline map can be longer than the code it maps).
                const text = fs.readFileSync(file, "utf8");
                const at = text.lastIndexOf("//# sourceMappingURL=");
                url = at >= 0 ? /^\/\/# sourceMappingURL=(\S+)\s*$/.exec(text.slice(at))?.[1] : undefined;
            }
            if (!url) return null;
            let payload: string;
            let base = path.dirname(file);
            const inline = /^data:application\/json[^,]*?(;base64)?,(.*)$/.exec(url);
            if (inline) {
                payload = inline[1] ? Buffer.from(inline[2], "base64").toString("utf8") : decodeURIComponent(inline[2]);
            } else {
                const mapFile = path.resolve(base, decodeURIComponent(url));
                payload = fs.readFileSync(mapFile, "utf8");
                base = path.dirname(mapFile);
            }
            const json = JSON.parse(payload);
            if (json.sourceRoot) base = path.resolve(base, json.sourceRoot);
            return { map: new SourceMap(json), base };
        } catch {
            return null;
        }
    }
}

/** The source position a running position came from; the position itself when there is no map. */
function original(
    maps: SourceMaps,
    file: string,
    line: number,
    column: number,
): { file: string; line: number; column: number } {
    const found = maps.find(file);
    if (!found) return { file, line, column };
    const origin = found.map.findOrigin(line, column) as {
        fileName?: string;
        lineNumber?: number;
        columnNumber?: number;
    };
    if (!origin.fileName || !origin.lineNumber) return { file, line, column };
    const source = origin.fileName.startsWith("file:")
        ? fileURLToPath(origin.fileName)
        : path.resolve(found.base, origin.fileName);
    return { file: source, line: origin.lineNumber, column: origin.columnNumber ?? 1 };
}

/** A path as SARIF and the summary show it: relative to the project, forward slashes. */
export function projectPath(projectDir: string, file: string): string {
    const relative = path.relative(projectDir, file);
    const shown = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
    return shown.split(path.sep).join("/");
}

/** 1-based exclusive end of line `line`'s text (comments and trailing blanks excluded for YAML). */
function lineEnd(lines: string[], line: number, yaml = false): number {
    let text = lines[line - 1] ?? "";
    if (yaml) text = text.replace(/\s+#.*$/, "");
    return text.trimEnd().length + 1;
}

/** Reads files once per run. */
class Files {
    private readonly cache = new Map<string, string[] | null>();
    lines(file: string): string[] | null {
        if (!this.cache.has(file)) {
            try {
                this.cache.set(file, fs.readFileSync(file, "utf8").split(/\r?\n/));
            } catch {
                this.cache.set(file, null);
            }
        }
        return this.cache.get(file)!;
    }
}

/**
 * The line of the program that declared a resource: the innermost frame of its constructor call
 * that is neither the SDK, a provider package nor this tool, mapped through the file's source map.
 */
export function declarationOf(
    frames: SourceFrame[] | undefined,
    projectDir: string,
    maps = new SourceMaps(),
    files = new Files(),
): SourceLocation | undefined {
    for (const frame of frames ?? []) {
        const file = frameFile(frame);
        if (!file || !isProgramFrame(file)) continue;
        const at = original(maps, file, frame.line, frame.column);
        const lines = files.lines(at.file);
        if (!lines) return undefined;
        return {
            file: projectPath(projectDir, at.file),
            line: at.line,
            column: at.column,
            endColumn: Math.max(lineEnd(lines, at.line), at.column + 1),
        };
    }
    return undefined;
}

/**
 * The program line a program's failure belongs to, as the engine attributes it: a ResourceError
 * (the SDK's marker, `__pulumResourceError`) that names its resource is logged against that
 * resource (cmd/run `log.error(message, err.resource)`), so the line that declared the resource,
 * read from the frames the SDK recorded when it registered it. Any other failure is the stack's.
 */
export function errorLocation(err: unknown, projectDir: string): SourceLocation | undefined {
    if (!ResourceError.isInstance(err)) return undefined;
    return declarationOf(framesDeclaring(err.resource), projectDir);
}

/** One scalar a stack file sets under `config:`: the top-level key it belongs to and where it is. */
interface ConfigScalar {
    key: string;
    value: string;
    line: number;
    column: number;
}

/**
 * The scalars of a stack file's `config:` block with their lines, read line by line (stack files
 * are block YAML written by `pulumi config set`): `key: value`, nested `key: value` and `- item`
 * lines under each top-level key. Encrypted values (`secure:`) are left out.
 */
export function configScalars(lines: string[], namespace: string): ConfigScalar[] {
    const result: ConfigScalar[] = [];
    const start = lines.findIndex((l) => /^config\s*:\s*(#.*)?$/.test(l));
    if (start < 0) return result;
    let keyIndent = -1;
    let key: string | undefined;
    for (let i = start + 1; i < lines.length; i++) {
        if (/^\s*#/.test(lines[i])) continue;
        const text = lines[i].replace(/\s+#.*$/, "").trimEnd();
        if (!text.trim()) continue;
        const indent = text.length - text.trimStart().length;
        if (indent === 0) break; // the next top-level section
        // `key: value`, `- item`, `- key: value`; a key may hold colons (`webtier:servers`), its ": " ends it.
        const match = /^(\s*)(?:-\s+)?(?:("[^"]*"|'[^']*'|[^\s'"#-]\S*?)\s*:(?:\s+|$))?(.*)$/.exec(text)!;
        const [, , rawKey, rawValue] = match;
        if (keyIndent < 0 || indent <= keyIndent) {
            if (!rawKey) continue;
            keyIndent = indent;
            const name = rawKey.replace(/^["']|["']$/g, "");
            key = name.includes(":") ? name : `${namespace}:${name}`;
        }
        if (rawKey && /^secure$/.test(rawKey.trim())) continue;
        const value = rawValue.trim();
        if (!key || !value || /^[|>[{]/.test(value)) continue;
        const column = text.length - rawValue.trimStart().length + 1;
        result.push({ key, value: value.replace(/^"(.*)"$|^'(.*)'$/, "$1$2"), line: i + 1, column });
    }
    return result;
}

/** Values that name one thing: not a number, a boolean or a plain word like "dev" or "small". */
function distinctive(value: string): boolean {
    if (value.length < 3 || /^(true|false|yes|no|null|~|-?\d+(\.\d+)?)$/i.test(value)) return false;
    return /[^A-Za-z]/.test(value);
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `text` mentions `value` as a whole (not inside a longer CIDR, name or number). */
function mentions(text: string, value: string): boolean {
    return new RegExp(`(?<![\\w./:-])${escape(value)}(?![\\w/:-]|\\.\\w)`).test(text);
}

/** Whether any string anywhere in `value` equals `wanted`. */
function contains(value: unknown, wanted: string, depth = 0): boolean {
    if (typeof value === "string") return value === wanted;
    if (depth > 12 || !value || typeof value !== "object") return false;
    return Object.values(value).some((item) => contains(item, wanted, depth + 1));
}

/**
 * The stack config value a violation is about: a distinctive value of the stack file (a CIDR, an
 * ACL, a policy name, an image id) that the violation's message names and, for a resource's
 * violation, that the resource's inputs carry. The longest such value wins.
 */
export function configCause(
    scalars: ConfigScalar[],
    message: string,
    inputs: Record<string, unknown> | undefined,
): ConfigScalar | undefined {
    const hasInputs = !!inputs && Object.keys(inputs).length > 0;
    let best: ConfigScalar | undefined;
    for (const scalar of scalars) {
        if (!distinctive(scalar.value) || !mentions(message, scalar.value)) continue;
        if (hasInputs && !contains(inputs, scalar.value)) continue;
        if (!best || scalar.value.length > best.value.length) best = scalar;
    }
    return best;
}

export interface LocateOptions {
    projectDir: string;
    /** The stack file (absolute), when the stack has one. */
    stackFile?: string;
    /** The namespace of keys without one (the project name). */
    namespace: string;
}

/**
 * Sets `declaredAt` (the program line) and `configAt` (the stack file value) on each violation
 * where they can be found.
 */
export function locateViolations(
    violations: Pick<Violation, "urn" | "message" | "declaredAt" | "configAt">[],
    resources: RegisteredResource[],
    options: LocateOptions,
): void {
    if (violations.length === 0) return;
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const maps = new SourceMaps();
    const files = new Files();
    const stackLines = options.stackFile ? files.lines(options.stackFile) : null;
    const scalars = stackLines ? configScalars(stackLines, options.namespace) : [];
    for (const violation of violations) {
        const resource = byUrn.get(violation.urn);
        // A resource no program line declares (built inside a component, in a callback, or by
        // awsx's emulated provider) is located at its nearest ancestor's declaration: the
        // component the program wrote, which is what a reviewer changes.
        let declared: SourceLocation | undefined;
        for (
            let at = resource, hops = 0;
            at && !declared && hops < 64;
            at = at.parent ? byUrn.get(at.parent) : undefined, hops++
        )
            declared = declarationOf(at.stackTrace, options.projectDir, maps, files);
        if (declared) violation.declaredAt = declared;
        const cause = stackLines && configCause(scalars, violation.message, resource?.inputs);
        if (cause && options.stackFile) {
            violation.configAt = {
                key: cause.key,
                value: cause.value,
                file: projectPath(options.projectDir, options.stackFile),
                line: cause.line,
                column: cause.column,
                endColumn: lineEnd(stackLines, cause.line, true),
            };
        }
    }
}
