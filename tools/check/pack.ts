/**
 * Drives a policy pack over the analyzer gRPC protocol, the way the Pulumi engine does: start
 * the pack's process in its folder, read the port it prints, then ConfigureStack,
 * GetAnalyzerInfo, Configure, Analyze (with Remediate first where a policy remediates) and
 * AnalyzeStack; finally close the channel and stop the process.
 *
 * One process serves any number of stacks: ConfigureStack switches the stack between them.
 *
 * The processes are started and spoken to from a thread of their own (pack-thread.ts), so the
 * pack works while a program evaluates on this thread, as it works under the engine.
 */
import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import * as yaml from "js-yaml";
import type { Analyzed, FromThread, PackRequest, Prepared, ToThread } from "./pack-protocol";
import { PolicyConfig, PolicyConfigError } from "./policy-config";
import type { AnalyzerInfo, AnalyzerResourceData, Diagnostic, StackIdentity } from "./requests";

export class PolicyPackError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyPackError";
    }
}

export interface StartOptions {
    /** The entry point to run instead of the one package.json names (cwd stays the pack folder). */
    entry?: string;
    /** Extra environment for the pack process, on top of this process's own. */
    env?: Record<string, string>;
    /** The pack process's whole environment instead (analyzer-env.ts builds the engine's). */
    environment?: NodeJS.ProcessEnv;
    /** Node flags for the pack process, for example a `-r` require hook for a TypeScript pack. */
    nodeArgs?: string[];
    /** A module to preload (`node -r`) when the pack's entry point is TypeScript. */
    typeScriptHook?: string;
    /** How long to wait for the port, in ms. Default 60000. */
    startTimeoutMs?: number;
}

/**
 * Checks that `dir` holds a Node.js policy pack the engine would load: PulumiPolicy.yaml with
 * runtime nodejs, and package.json (the policy SDK reads the pack's version from it, in the
 * process's working directory); finds the entry point `node <dir>` runs, unless `entry` names
 * one (our TypeScript pack runs from its compiled copy, in its source folder).
 */
export function describePackDir(dir: string, entry?: string): { dir: string; entry: string; version?: string } {
    const absolute = path.resolve(dir);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
        throw new PolicyPackError(`policy pack folder ${dir} does not exist.`);
    }
    const manifest = path.join(absolute, "PulumiPolicy.yaml");
    if (!fs.existsSync(manifest)) {
        throw new PolicyPackError(
            `${dir} is not a policy pack: it has no PulumiPolicy.yaml (\`pulumi policy new\` creates one; it says "runtime: nodejs").`,
        );
    }
    // Every value as the text it is, as the engine's Go struct reads it (YAML's own types would make `version: 1.0` the number 1).
    const doc = yaml.load(fs.readFileSync(manifest, "utf8"), { schema: yaml.FAILSAFE_SCHEMA }) as any;
    const runtime = typeof doc?.runtime === "string" ? doc.runtime : doc?.runtime?.name;
    if (runtime !== "nodejs") {
        throw new PolicyPackError(
            `${manifest} declares runtime ${JSON.stringify(runtime)}; the offline check runs Node.js packs only.`,
        );
    }
    // The engine reports PulumiPolicy.yaml's version, when it has one, over the pack's own (analyzer_plugin.go).
    const version = typeof doc?.version === "string" && doc.version !== "" ? (doc.version as string) : undefined;
    const pkg = path.join(absolute, "package.json");
    if (!fs.existsSync(pkg)) {
        throw new PolicyPackError(
            `policy pack ${dir} has no package.json; the policy SDK reads the pack's version from it.`,
        );
    }
    if (entry) {
        if (!fs.existsSync(entry))
            throw new PolicyPackError(
                `policy pack ${dir}: ${path.relative(process.cwd(), entry)} does not exist; build it first (npm run build).`,
            );
        return { dir: absolute, entry: path.resolve(entry), version };
    }
    const main: string = JSON.parse(fs.readFileSync(pkg, "utf8")).main ?? "index.js";
    const candidates = [main, `${main}.js`, path.join(main, "index.js"), main.replace(/\.js$/, ".ts"), "index.ts"].map(
        (m) => path.join(absolute, m),
    );
    const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!found) {
        throw new PolicyPackError(
            `policy pack ${dir} has no entry point (looked for ${candidates.map((c) => path.relative(process.cwd(), c)).join(", ")}); build it first.`,
        );
    }
    return { dir: absolute, entry: found, version };
}

/** One remediation a policy applied (or could not apply) to a resource. */
export interface Remediation {
    policyName: string;
    description: string;
    /** The resource's properties after the remediation (wire form). */
    properties?: Record<string, any>;
    /** Why the remediation could not run (reported as an advisory violation). */
    diagnostic?: string;
}

/** Slots for the pack processes' ids, which the thread writes as it starts them: read on exit, without a turn of the event loop. */
const PID_SLOTS = 1024;

/**
 * The process's one thread for pack traffic (pack-thread.ts), started with the first pack. It
 * keeps the process alive only while a pack is open or a call is waiting.
 */
class PackThread {
    private static current: PackThread | undefined;
    private readonly worker: Worker;
    private readonly pids = new Int32Array(new SharedArrayBuffer(4 * PID_SLOTS));
    private readonly waiting = new Map<number, { resolve: (value: any) => void; reject: (err: Error) => void }>();
    private readonly packs = new Map<number, PolicyPack>();
    private outbox: ToThread[] = [];
    private nextId = 1;
    /** Packs are numbered apart from calls, so a pack's pid slot (its number modulo PID_SLOTS) is not reused while it lives. */
    private nextPack = 1;
    private failure: Error | undefined;

    static get(): PackThread {
        PackThread.current ??= new PackThread();
        return PackThread.current;
    }

    private constructor() {
        this.worker = new Worker(path.join(__dirname, "pack-thread.js"), { workerData: { pids: this.pids } });
        this.worker.on("message", (messages: FromThread[]) => {
            for (const message of messages) this.receive(message);
        });
        this.worker.on("error", (err) => this.fail(err));
        this.worker.on("exit", () => this.fail(new PolicyPackError("the policy pack thread stopped.")));
        this.worker.unref();
        // A pack process outlives this one unless stopped: its id is read here, with no turn of the event loop.
        process.once("exit", () => {
            for (const pid of this.pids) if (pid > 0) killQuietly(pid);
        });
    }

    private fail(err: Error): void {
        if (PackThread.current === this) PackThread.current = undefined;
        this.failure ??= err;
        for (const { reject } of this.waiting.values())
            reject(new PolicyPackError(`policy pack thread failed: ${err.message}`));
        this.waiting.clear();
        for (const pack of this.packs.values()) pack.receive({ type: "launch-failed", pack: 0, message: err.message });
    }

    private keepAlive(): void {
        if (this.packs.size > 0 || this.waiting.size > 0) this.worker.ref();
        else this.worker.unref();
    }

    register(pack: PolicyPack): number {
        const id = this.nextPack++;
        this.packs.set(id, pack);
        this.keepAlive();
        return id;
    }

    forget(id: number): void {
        this.packs.delete(id);
        this.keepAlive();
    }

    /** Sent together once the current run of promise callbacks has queued its own (see pack-thread.ts). */
    send(message: ToThread): void {
        if (this.outbox.length === 0) queueMicrotask(() => this.flush());
        this.outbox.push(message);
    }

    private flush(): void {
        const messages = this.outbox;
        this.outbox = [];
        this.worker.postMessage(messages);
    }

    /** A call or close: resolves with the thread's answer. */
    request<T>(build: (id: number) => ToThread): Promise<{ value: T; doneAt: number }> {
        if (this.failure)
            return Promise.reject(new PolicyPackError(`policy pack thread failed: ${this.failure.message}`));
        const id = this.nextId++;
        const answer = new Promise<{ value: T; doneAt: number }>((resolve, reject) =>
            this.waiting.set(id, { resolve, reject }),
        );
        this.keepAlive();
        this.send(build(id));
        return answer;
    }

    private receive(message: FromThread): void {
        if (message.type === "reply") {
            const waiting = this.waiting.get(message.id);
            if (!waiting) return;
            this.waiting.delete(message.id);
            this.keepAlive();
            if (message.ok) waiting.resolve({ value: message.value, doneAt: message.doneAt });
            else
                waiting.reject(
                    message.errorName === "PolicyConfigError"
                        ? new PolicyConfigError(message.message)
                        : new PolicyPackError(message.message),
                );
            return;
        }
        this.packs.get(message.pack)?.receive(message);
    }
}

function killQuietly(pid: number): void {
    try {
        process.kill(pid, "SIGKILL");
    } catch {
        // already gone
    }
}

/** What `analyzeUnlessRemediating` and `analyzeStackTimed` answer, with when the pack answered (Date.now()). */
export type TimedAnalysis = { diagnostics: Diagnostic[]; doneAt: number } | { deferred: true; doneAt: number };

export class PolicyPack {
    private closed = false;
    private readonly stderr: string[] = [];
    private processId: number | undefined;
    private exitCode: number | null | undefined;
    private settleStart!: { resolve: () => void; reject: (err: Error) => void };
    private readonly id: number;
    /** Milliseconds from spawn to the printed port (0 until then). */
    public startupMs = 0;
    /** Settles once the pack listens (or could not start). Calls made before that wait for it. */
    public readonly started: Promise<void>;

    private constructor(
        private readonly thread: PackThread,
        public readonly dir: string,
    ) {
        this.id = thread.register(this);
        this.started = new Promise((resolve, reject) => (this.settleStart = { resolve, reject }));
        this.started.catch(() => undefined);
    }

    /**
     * Starts the pack in `dir` (`node <dir>` with cwd `dir`) on the pack thread and returns at
     * once: calls queue until it listens. Throws PolicyPackError now for a folder that is no pack.
     */
    static launch(dir: string, options: StartOptions = {}): PolicyPack {
        const pack = describePackDir(dir, options.entry);
        // `node <dir>` as the engine's plugin does; a TypeScript entry is named directly (Node would not resolve it).
        const typeScript = pack.entry.endsWith(".ts");
        if (typeScript && !options.typeScriptHook)
            throw new PolicyPackError(
                `policy pack ${dir} is TypeScript (${path.basename(pack.entry)}) and no TypeScript hook was given.`,
            );
        const nodeArgs = [...(options.nodeArgs ?? []), ...(typeScript ? ["-r", options.typeScriptHook!] : [])];
        const target = typeScript || options.entry ? pack.entry : pack.dir;
        const thread = PackThread.get();
        const started = new PolicyPack(thread, pack.dir);
        thread.send({
            type: "launch",
            pack: started.id,
            dir,
            command: process.execPath,
            args: [...nodeArgs, target],
            cwd: pack.dir,
            env: { ...(options.environment ?? process.env), ...options.env },
            timeoutMs: options.startTimeoutMs ?? 60000,
            version: pack.version,
        });
        return started;
    }

    /** Starts the pack and waits until it listens. */
    static start(dir: string, options: StartOptions = {}): Promise<PolicyPack> {
        return PolicyPack.launch(dir, options).listening();
    }

    /** This pack once it listens; one that could not start is closed and its error thrown. */
    async listening(): Promise<PolicyPack> {
        try {
            await this.started;
        } catch (err) {
            await this.close();
            throw err;
        }
        return this;
    }

    /** What the thread says about this pack's process. */
    receive(message: FromThread): void {
        switch (message.type) {
            case "pid":
                this.processId = message.pid;
                break;
            case "launched":
                this.startupMs = message.startupMs;
                this.settleStart.resolve();
                break;
            case "launch-failed":
                this.settleStart.reject(new PolicyPackError(message.message));
                break;
            case "stderr":
                this.stderr.push(message.chunk);
                break;
            case "exit":
                this.exitCode = message.code;
                break;
        }
    }

    private async call<T>(call: PackRequest): Promise<{ value: T; doneAt: number }> {
        if (this.closed) throw new PolicyPackError(`policy pack ${this.dir} is closed.`);
        return this.thread.request<T>((id) => ({ type: "call", call: { ...call, id, pack: this.id } }));
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        return (await this.call<AnalyzerInfo>({ method: "GetAnalyzerInfo", barrier: true })).value;
    }

    async configure(config: Record<string, Required<PolicyConfig>>): Promise<void> {
        await this.call({ method: "Configure", config, barrier: true });
    }

    /** Tells the pack which stack the next requests are for; packs that predate it answer Unimplemented, which is fine. */
    async configureStack(identity: StackIdentity): Promise<void> {
        await this.call({ method: "ConfigureStack", identity, barrier: true });
    }

    /**
     * Readies the pack for one stack as the engine does: ConfigureStack, GetAnalyzerInfo, the
     * user's policy config reconciled and validated against the pack's (a PolicyConfigError if
     * it is refused), Configure. Calls made after it wait for it.
     */
    async prepare(
        identity: StackIdentity,
        userConfig: Record<string, PolicyConfig> | undefined,
    ): Promise<Prepared & { doneAt: number }> {
        const { value, doneAt } = await this.call<Prepared>({ method: "Prepare", identity, userConfig, barrier: true });
        return { ...value, doneAt };
    }

    /**
     * The engine's first pass over each resource: policies at enforcement level "remediate" may
     * return new properties (which Analyze then sees) or a diagnostic.
     */
    async remediate(resource: AnalyzerResourceData): Promise<Remediation[]> {
        return (await this.call<Remediation[]>({ method: "Remediate", resource, barrier: false })).value;
    }

    async analyze(resource: AnalyzerResourceData): Promise<Diagnostic[]> {
        const { value } = await this.call<Analyzed>({ method: "Analyze", resource, barrier: false });
        return "diagnostics" in value ? value.diagnostics : [];
    }

    /**
     * Analyze, sent as soon as the pack is ready for it, unless the pack's current configuration
     * has a policy at "remediate": then the answer is `deferred` and nothing was sent (Remediate
     * comes first, and its result is the request).
     */
    async analyzeUnlessRemediating(resource: AnalyzerResourceData): Promise<TimedAnalysis> {
        const { value, doneAt } = await this.call<Analyzed>({
            method: "Analyze",
            resource,
            barrier: false,
            unlessRemediating: true,
        });
        return { ...value, doneAt };
    }

    async analyzeStack(resources: AnalyzerResourceData[]): Promise<Diagnostic[]> {
        const analysis = await this.analyzeStackTimed(resources);
        return "diagnostics" in analysis ? analysis.diagnostics : [];
    }

    /** AnalyzeStack once every call before it has answered, with when the pack answered. */
    async analyzeStackTimed(resources: AnalyzerResourceData[]): Promise<TimedAnalysis> {
        const { value, doneAt } = await this.call<Analyzed>({ method: "AnalyzeStack", resources, barrier: true });
        return { ...value, doneAt };
    }

    /** Closes the channel, then stops the process (SIGTERM, SIGKILL after `graceMs`); resolves once it has exited. */
    async close(graceMs = 2000): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        try {
            await this.thread.request((id) => ({ type: "close", id, pack: this.id, graceMs }));
        } catch {
            if (this.processId !== undefined && this.exitCode === undefined) killQuietly(this.processId);
        } finally {
            this.thread.forget(this.id);
        }
    }

    /** The pack process's id (tests check it is gone after `close`). */
    get pid(): number | undefined {
        return this.processId;
    }

    /** Whatever the pack wrote to stderr so far. */
    get errorOutput(): string {
        return this.stderr.join("");
    }
}
