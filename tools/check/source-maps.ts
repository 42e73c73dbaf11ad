/**
 * Source maps of the TypeScript the check compiled in memory (the transpile hook's and ts-node's):
 * the file on disk is the TypeScript source, so these are the only place a running position maps
 * back from. The report's locations (locate.ts) and the program's error text read them.
 */
import { SourceMap } from "module";

/** What the transpile hook compiled: nothing maps these files' frames unless the check does. */
const maps = new Map<string, string>();
/**
 * What ts-node compiled: its own formatter maps their frames wherever it is the active one (the
 * SDK's recorded frames are then already source positions), so only raw call sites use these.
 */
const tsNodeMaps = new Map<string, string>();
/** Each compiled file's map, parsed when a frame of it is first formatted (null: it has none). */
const parsed = new Map<string, SourceMap | null>();

function inlineMapUrl(code: string): string | undefined {
    const at = code.lastIndexOf("//# sourceMappingURL=");
    return at >= 0 ? /^\/\/# sourceMappingURL=(\S+)\s*$/.exec(code.slice(at))?.[1] : undefined;
}

/** Records the inline `sourceMappingURL` of `code`, the JavaScript compiled from `filename`. */
export function recordCompiledSource(filename: string, code: string, by: "transpile" | "ts-node" = "transpile"): void {
    const url = inlineMapUrl(code);
    if (!url) return;
    (by === "ts-node" ? tsNodeMaps : maps).set(filename, url);
    // Read anew when next asked for: the file may have been looked up before it was compiled.
    parsed.delete(filename);
    // A file compiled while traces are formatted: its frames are mapped from now on.
    if (active) install(active);
}

/** The `sourceMappingURL` (a data URL) of a TypeScript file the transpile hook compiled, if it did. */
export function transpiledSourceMap(filename: string): string | undefined {
    return maps.get(filename);
}

function mapOf(filename: string, which: Compiled): SourceMap | null {
    if (which === "ts-node" && !tsNodeMaps.has(filename)) return null;
    if (!parsed.has(filename)) {
        let map: SourceMap | null = null;
        const url = maps.get(filename) ?? tsNodeMaps.get(filename);
        const inline = url ? /^data:application\/json[^,]*?(;base64)?,(.*)$/.exec(url) : null;
        if (inline) {
            try {
                const json = inline[1]
                    ? Buffer.from(inline[2], "base64").toString("utf8")
                    : decodeURIComponent(inline[2]);
                map = new SourceMap(JSON.parse(json));
            } catch {
                map = null;
            }
        }
        parsed.set(filename, map);
    }
    return parsed.get(filename)!;
}

/** A call site as V8 prints it, its position mapped back to the TypeScript source when the check compiled the file. */
function mappedCallSite(site: NodeJS.CallSite, which: Compiled): string {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- V8's CallSite prints itself as a stack frame
    const text = site.toString();
    const file = site.getFileName();
    // Most frames are in files the check did not compile: no position to read (every registration
    // formats the whole stack, so this is paid per frame).
    const map = file ? mapOf(file, which) : null;
    if (!map || !file) return text;
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!line || !column) return text;
    const origin = map.findOrigin(line, column) as { lineNumber?: number; columnNumber?: number };
    if (!origin.lineNumber) return text;
    return text.replace(`${file}:${line}:${column}`, `${file}:${origin.lineNumber}:${origin.columnNumber ?? 1}`);
}

/**
 * Which compiled files a formatter maps: "ts-node" is what the language host's ts-node maps (its
 * own output only: the SDK reads each registration's source position from that text, and the
 * report maps what the transpile hook compiled itself); "all" adds the transpile hook's.
 */
export type Compiled = "ts-node" | "all";

/**
 * Runs `fn` with stack traces formatted as V8 formats them, each frame of a file the check compiled
 * mapped to its TypeScript source line: what a source-map-aware language host prints, whichever
 * other formatter a library installed in this process (a second copy of source-map-support, say).
 * Errors format lazily, so whatever reads their stack must run inside `fn`.
 */
export async function withSourceMappedTraces<T>(fn: () => Promise<T>, which: Compiled = "all"): Promise<T> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored onto Error as it was
    const saved = Error.prepareStackTrace;
    const outer = active;
    const formatting: Formatting = {
        which,
        format: (error: Error, sites: NodeJS.CallSite[]) => {
            let header: string;
            try {
                header = Error.prototype.toString.call(error);
            } catch {
                header = "Error";
            }
            if (nothingToMap(which))
                // eslint-disable-next-line @typescript-eslint/no-base-to-string -- V8's CallSite prints itself as a stack frame
                return sites.length === 0 ? header : `${header}\n    at ${sites.join("\n    at ")}`;
            return [header, ...sites.map((site) => `    at ${mappedCallSite(site, which)}`)].join("\n");
        },
        displaced: false,
    };
    active = formatting;
    install(formatting, true);
    try {
        return await fn();
    } finally {
        active = outer;
        Error.prepareStackTrace = saved;
    }
}

/** The formatter of the innermost withSourceMappedTraces that is running. */
interface Formatting {
    which: Compiled;
    format: (error: Error, sites: NodeJS.CallSite[]) => string;
    /** Set once another library replaced the formatter while it ran: theirs then stays. */
    displaced: boolean;
}
let active: Formatting | undefined;

/** No file of the kind `which` maps: every frame prints as its call site prints itself. */
function nothingToMap(which: Compiled): boolean {
    return tsNodeMaps.size === 0 && (which === "ts-node" || maps.size === 0);
}

/**
 * Puts `formatting` in force. While nothing is mapped, Node's own formatting prints exactly what
 * the formatter would (the header, then each call site as it prints itself), without calling
 * into JavaScript for each error: the SDK makes one for each promise of each output of each
 * resource, so that is most of a registration's stack formatting.
 */
function install(formatting: Formatting, first = false): void {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, not called
    const current = Error.prepareStackTrace;
    if (!first && current !== undefined && current !== formatting.format) formatting.displaced = true;
    if (formatting.displaced) return;
    // Node maps frames itself under --enable-source-maps, which the formatter would not.
    const native = nothingToMap(formatting.which) && !process.sourceMapsEnabled;
    (Error as { prepareStackTrace?: Formatting["format"] }).prepareStackTrace = native ? undefined : formatting.format;
}
