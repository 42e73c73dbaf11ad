/**
 * Where the closure serializer finds a function's file, as under the language host.
 *
 * The serializer (@pulumi/pulumi runtime/closure) names each function's file and position in its
 * errors ("Error serializing '() => provider': index.js(50,43)"). It takes the file from a map its
 * inspector session builds from `Debugger.scriptParsed` events, and it starts listening only after
 * `Debugger.enable` has returned: a script loaded before the session opened has no file there.
 * The language host opens the session before it loads the program (cmd/run/index.js,
 * `initializeHooks`), so every script but cmd/run's own first modules (the SDK's log and runtime
 * settings, and what they load) is known. In the check the session opens when the first function
 * is serialized, after the program, the SDK and its providers have loaded: none of them would be.
 *
 * Opening the session as early as the host does would cost every script loaded after it (V8
 * reports each one to the session: 150-300 ms of a four-stack check). Instead, `Debugger.enable` reports
 * every script already loaded, synchronously, before the SDK listens: the check keeps those
 * reports and hands them to the SDK's listener as it attaches, leaving out the scripts the host
 * loads before its session, so the map holds what it would hold under the host.
 *
 * Even so, `Debugger.enable` costs 100-150 ms (V8 hashes the source of each of the 700 scripts a
 * check has loaded, for its report), and the map is read for one thing only: the serializer's
 * error message (createClosure.js `throwSerializationError`). What it serializes is the same
 * without it, and its scope lookups go through `Runtime`, which needs no debugger. So the SDK's
 * own session enables its debugger only when an error needs the files: until then its
 * `Debugger.enable` is answered at once and reports nothing, and `enableDeferredScriptMaps()`,
 * which the check calls before it evaluates a failed stack again for its error, makes the real
 * one, with the reports above.
 */
import inspector from "inspector";
import * as path from "path";
import { pathToFileURL } from "url";

const SCRIPT_PARSED = "Debugger.scriptParsed";

interface ScriptParsed {
    method: string;
    params: { scriptId: string; url: string };
}

/**
 * Files the language host loads before it opens the session: for each copy of @pulumi/pulumi in
 * this process, its log and runtime settings modules and every module they load (cmd/run/index.js
 * requires these two first; its tracing and source-map-support modules hold no SDK function).
 */
export function loadedBeforeHostHooks(cache: NodeJS.Dict<NodeModule> = require.cache): Set<string> {
    const before = new Set<string>();
    const visit = (module: NodeModule | undefined) => {
        if (!module || before.has(module.filename)) return;
        before.add(module.filename);
        for (const child of module.children) visit(child);
    };
    const log = `${path.sep}${["@pulumi", "pulumi", "log", "index.js"].join(path.sep)}`;
    for (const file of Object.keys(cache)) {
        if (!file.endsWith(log)) continue;
        const sdkRoot = path.dirname(path.dirname(file));
        visit(cache[file]);
        visit(cache[path.join(sdkRoot, "runtime", "settings.js")]);
    }
    return new Set([...before].map((file) => pathToFileURL(file).href));
}

/** The scripts each session heard of when it enabled its debugger, before anyone could listen. */
const enabled = new WeakMap<inspector.Session, ScriptParsed[]>();

/** The SDK's sessions whose `Debugger.enable` has been answered but not yet made. */
const deferred = new Set<inspector.Session>();

/** The serializer's own inspector hooks, in whichever copy of @pulumi/pulumi. */
const SDK_V8_HOOKS = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]v8Hooks\.js$/;

/**
 * Whether the `Debugger.enable` being posted comes from the serializer's v8Hooks. Read from the
 * call sites V8 gives, not from `stack`'s text: a formatter with source maps installed (ts-node's,
 * the check's) would name the SDK's TypeScript source there.
 */
function postedBySdkHooks(): boolean {
    const stackTraceLimit = Error.stackTraceLimit;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called here
    const prepareStackTrace = Error.prepareStackTrace;
    try {
        Error.stackTraceLimit = 20;
        Error.prepareStackTrace = (_, sites) => sites;
        const sites = new Error().stack as unknown as NodeJS.CallSite[];
        return sites.some((site) => SDK_V8_HOOKS.test(site.getFileName() ?? ""));
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
        Error.prepareStackTrace = prepareStackTrace;
    }
}

let installed = false;

/**
 * From now on in this process, a listener for `Debugger.scriptParsed` attached to an inspector
 * session after its `Debugger.enable` first hears of the scripts that enable reported, except
 * those the language host loads before its own session. Idempotent.
 */
export function installScriptReplay(): void {
    if (installed) return;
    installed = true;
    const prototype = inspector.Session.prototype as unknown as {
        post: (this: inspector.Session, method: string, ...rest: unknown[]) => void;
        addListener: (this: inspector.Session, event: string | symbol, listener: (...args: any[]) => void) => unknown;
        on: (this: inspector.Session, event: string | symbol, listener: (...args: any[]) => void) => unknown;
    };
    const post = prototype.post;
    prototype.post = function (method, ...rest) {
        if (method !== "Debugger.enable" || enabled.has(this)) return post.call(this, method, ...rest);
        if (deferred.has(this) || postedBySdkHooks()) {
            // Answered as the real one is, before post returns; nothing reported yet.
            deferred.add(this);
            const callback = rest.find((arg) => typeof arg === "function") as
                ((error: Error | null, result: { debuggerId: string }) => void) | undefined;
            callback?.(null, { debuggerId: "" });
            return;
        }
        const reported: ScriptParsed[] = [];
        const record = (event: ScriptParsed) => reported.push(event);
        this.on(SCRIPT_PARSED, record);
        try {
            return post.call(this, method, ...rest);
        } finally {
            this.off(SCRIPT_PARSED, record);
            enabled.set(this, reported);
        }
    };
    for (const name of ["addListener", "on"] as const) {
        const attach = prototype[name];
        prototype[name] = function (event, listener) {
            const result = attach.call(this, event, listener);
            const reported = event === SCRIPT_PARSED ? enabled.get(this) : undefined;
            if (reported && reported.length > 0) {
                const hostLoadsFirst = loadedBeforeHostHooks();
                for (const script of reported) if (!hostLoadsFirst.has(script.params.url)) listener(script);
            }
            return result;
        };
    }
}

/**
 * Enables the debugger of every SDK session that deferred it (see the file comment): its
 * `Debugger.scriptParsed` listeners then hear of every script loaded so far, less those the
 * language host loads before its session, as if it had been enabled when asked, and from then on
 * the serializer names each function's file. Does nothing when no session deferred.
 */
export function enableDeferredScriptMaps(): void {
    for (const session of [...deferred]) {
        deferred.delete(session);
        // Taken off and put back, so that they hear the scripts as a listener attached after the
        // enable does (filtered), not as the enable reports them (all).
        const listeners = session.listeners(SCRIPT_PARSED) as Array<(...args: any[]) => void>;
        for (const listener of listeners) session.off(SCRIPT_PARSED, listener);
        session.post("Debugger.enable");
        for (const listener of listeners) session.on(SCRIPT_PARSED, listener);
    }
}
