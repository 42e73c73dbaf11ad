/**
 * The call sites the SDK records for each resource (`Resource.callsites`, the source of the
 * registration's `stackTrace`, from which the check locates a violation's declaring line).
 *
 * The SDK parses `new Error().stack` one line at a time with a pattern that wants
 * `at name (file:line:column)`, and passes the file to `url.pathToFileURL`. Two kinds of frame
 * come out wrong: one with no function name, which is how the top level of an ES module prints
 * (`at file:///app/index.js:3:12`), is dropped; one in an ES module at all names a `file://`
 * URL, which `pathToFileURL` takes for a relative path. So a program written as ES modules had
 * no line to point a finding at. This parser reads both forms and hands the SDK a path, the
 * same frames as the SDK's own parser for everything else. The engine never reads these frames
 * for anything a policy sees.
 */
import { fileURLToPath } from "url";

/** One parsed frame, or an empty object for a line with no position (the SDK's own shape). */
export interface CallSite {
    file?: string;
    line?: number;
    column?: number;
}

/** The SDK's pattern (`Resource.framePositionRegExp`): a named frame. */
const NAMED = /^\s*at .* \((?<file>.*):(?<line>[0-9]+):(?<column>[0-9]+)\)$/;
/** A frame with no name: a path or a `file://` URL, then the position. */
const BARE = /^\s*at (?<file>(?:file:\/\/|\/|[A-Za-z]:[\\/]).*):(?<line>[0-9]+):(?<column>[0-9]+)$/;

export function parseCallSite(frame: string): CallSite {
    const groups = (NAMED.exec(frame) ?? BARE.exec(frame))?.groups;
    if (!groups) return {};
    let file = groups.file;
    if (file.startsWith("node:")) return {};
    if (file.startsWith("file:")) {
        try {
            file = fileURLToPath(file);
        } catch {
            return {};
        }
    }
    const line = parseInt(groups.line, 10);
    const column = parseInt(groups.column, 10);
    if (Number.isNaN(line) || Number.isNaN(column)) return {};
    return { file, line, column };
}

/** `Resource.callsites` with this parser: the frames of the current stack, innermost first. */
export function callSites(): CallSite[] {
    const limit = Error.stackTraceLimit;
    try {
        Error.stackTraceLimit = Number.POSITIVE_INFINITY;
        return (new Error().stack ?? "").split("\n").slice(1).map(parseCallSite);
    } finally {
        Error.stackTraceLimit = limit;
    }
}
