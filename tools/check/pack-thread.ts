/**
 * The thread that talks to policy pack processes (pack.ts is the main thread's half).
 *
 * A program runs on the main thread as one long chain of promise callbacks, and Node turns its
 * event loop only between them: a gRPC client on that thread sends and reads next to nothing
 * until the program has finished, so the pack (another process, another core) sat idle while
 * the program ran and then worked while the main thread waited. Under `pulumi up` the engine
 * talks to the pack from its own process while the language host runs the program. This thread
 * plays the engine's part: it starts each pack process, reads the port it prints, holds the
 * gRPC channel, and makes the calls in the engine's order whatever the main thread is doing.
 *
 * Order: a call marked `barrier` (ConfigureStack, GetAnalyzerInfo, Configure, a stack's
 * preparation, AnalyzeStack) starts once every call before it has answered, and nothing after
 * it starts until it has; the calls between barriers (Analyze, Remediate) run side by side, as
 * the engine sends them while resources register.
 */
import { ChildProcess, spawn } from "child_process";
import * as os from "os";
import { parentPort, workerData } from "worker_threads";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { PolicyConfig, packConfig, remediates } from "./policy-config";
import { fromAnalyzerInfo, fromDiagnostics, toConfigureRequest, toStackConfigureRequest } from "./requests";
import type { StackIdentity } from "./requests";
import type { FromThread, PackCall, Prepared, ToThread } from "./pack-protocol";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "./wire";

/** The same limit the policy SDK's server sets: stacks with many resources exceed gRPC's 4 MiB default. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

interface Pack {
    dir: string;
    /** PulumiPolicy.yaml's version, if it has one. */
    version?: string;
    child: ChildProcess;
    client?: grpc.Client;
    /** Set when the process could not start or stopped listening: every later call fails with it. */
    failure?: string;
    stderr: string[];
    queue: PackCall[];
    running: number;
    barrierRunning: boolean;
    /** Whether the last preparation left a policy at "remediate" (Analyze then waits for the main thread). */
    remediating: boolean;
    exited: Promise<number | null>;
}

const port = parentPort!;
/** Shared with the main thread, which stops the processes named here when it exits. */
const pids = (workerData as { pids: Int32Array }).pids;
const packs = new Map<number, Pack>();
/** AnalyzeStack requests encoded when they arrived, ahead of their turn (see receive). */
const encodedEarly = new WeakMap<PackCall, Uint8Array>();
/**
 * Messages to the main thread go out together once per turn of this thread's event loop: a
 * stack's answers arrive in bursts, and each message costs both threads a wake-up.
 */
let outbox: FromThread[] = [];
const post = (message: FromThread) => {
    if (outbox.length === 0) setImmediate(flush);
    outbox.push(message);
};
function flush(): void {
    const batch = outbox;
    outbox = [];
    port.postMessage(batch);
}

function tail(stderr: string[]): string {
    const text = stderr.join("").trim();
    if (!text) return "";
    const lines = text.split("\n");
    return `\n  pack stderr:\n    ${lines.slice(-20).join("\n    ")}`;
}

function launch(message: Extract<ToThread, { type: "launch" }>): void {
    const started = Date.now();
    const child = spawn(message.command, message.args, {
        cwd: message.cwd,
        env: message.env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    const pack: Pack = {
        dir: message.dir,
        version: message.version,
        child,
        stderr: [],
        queue: [],
        running: 0,
        barrierRunning: false,
        remediating: false,
        exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    };
    packs.set(message.pack, pack);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        pack.stderr.push(chunk);
        post({ type: "stderr", pack: message.pack, chunk });
    });
    const fail = (text: string) => {
        if (pack.failure) return;
        pack.failure = text;
        post({ type: "launch-failed", pack: message.pack, message: text });
        for (const call of pack.queue.splice(0)) reply(call, undefined, text);
    };
    const timer = setTimeout(() => {
        child.kill("SIGKILL");
        fail(`policy pack ${message.dir} printed no port within ${message.timeoutMs / 1000}s.${tail(pack.stderr)}`);
    }, message.timeoutMs);
    let buffered = "";
    const onData = (chunk: string) => {
        buffered += chunk;
        const line = buffered
            .split("\n")
            .map((l) => l.trim())
            .find((l) => /^\d+$/.test(l));
        if (!line || pack.failure) return;
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.stdout.resume();
        pack.client = new grpc.Client(`127.0.0.1:${line}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
            "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
        });
        post({ type: "launched", pack: message.pack, startupMs: Date.now() - started });
        schedule(pack);
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.once("error", (err) => {
        clearTimeout(timer);
        fail(`cannot start policy pack ${message.dir}: ${err.message}`);
    });
    void pack.exited.then((code) => {
        clearTimeout(timer);
        if (child.pid !== undefined) Atomics.compareExchange(pids, message.pack % pids.length, child.pid, 0);
        post({ type: "exit", pack: message.pack, code });
        if (!pack.client)
            fail(`policy pack ${message.dir} exited (code ${code}) before it listened.${tail(pack.stderr)}`);
    });
    if (child.pid !== undefined) {
        Atomics.store(pids, message.pack % pids.length, child.pid);
        lowerPriority(child.pid);
        post({ type: "pid", pack: message.pack, pid: child.pid });
    }
}

/**
 * The program on the main thread is the check's critical path, and the pack has time to spare on
 * the other core (it waits for resources to register). When both want the same core, the
 * program goes first: the pack process runs at a lower priority than the check (10 more
 * niceness, at most 19). Its answers are the same.
 */
const PACK_NICENESS = 10;

function lowerPriority(pid: number): void {
    try {
        os.setPriority(pid, Math.min(19, os.getPriority() + PACK_NICENESS));
    } catch {
        // Lowering a child's priority is always allowed on Linux and macOS; elsewhere, leave it.
    }
}

/** Starts what may start now: see the file comment for the order. */
function schedule(pack: Pack): void {
    if (!pack.client && !pack.failure) return;
    while (pack.queue.length > 0 && !pack.barrierRunning) {
        const next = pack.queue[0];
        if (next.barrier && pack.running > 0) return;
        pack.queue.shift();
        pack.running++;
        if (next.barrier) pack.barrierRunning = true;
        void perform(pack, next).then(({ value, error, errorName }) => {
            pack.running--;
            if (next.barrier) pack.barrierRunning = false;
            reply(next, value, error, errorName);
            schedule(pack);
        });
    }
}

function reply(call: PackCall, value: unknown, error?: string, errorName?: string): void {
    post(
        error === undefined
            ? { type: "reply", id: call.id, ok: true, value, doneAt: Date.now() }
            : { type: "reply", id: call.id, ok: false, message: error, errorName },
    );
}

/** One unary call with the given request bytes; the answer's bytes. */
function unary(pack: Pack, method: string, bytes: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
        pack.client!.makeUnaryRequest(
            `/pulumirpc.Analyzer/${method}`,
            (request: Uint8Array) => Buffer.from(request.buffer, request.byteOffset, request.byteLength),
            (response: Buffer) => new Uint8Array(response),
            bytes,
            (err: grpc.ServiceError | null, response?: Uint8Array) => {
                if (err)
                    reject(
                        Object.assign(
                            new Error(
                                `policy pack ${method} failed: ${err.details || err.message}${tail(pack.stderr)}`,
                            ),
                            { code: err.code },
                        ),
                    );
                else resolve(response!);
            },
        );
    });
}

const empty = () => new emptyproto.Empty().serializeBinary();

/**
 * A call a pack may predate: answered Unimplemented, it gives nothing and the run goes on, as
 * under the engine (analyzer_plugin.go: without ConfigureStack it "falls back to existing
 * behavior"; AnalyzeStack and Remediate are skipped). Judged by the status code: grpc-js words
 * it "The server does not implement the method ...".
 */
async function unlessUnimplemented(
    pack: Pack,
    method: "ConfigureStack" | "AnalyzeStack" | "Remediate",
    bytes: Uint8Array,
): Promise<Uint8Array | undefined> {
    try {
        return await unary(pack, method, bytes);
    } catch (err) {
        if ((err as { code?: number }).code !== grpc.status.UNIMPLEMENTED) throw err;
        return undefined;
    }
}

async function configureStack(pack: Pack, identity: StackIdentity): Promise<void> {
    await unlessUnimplemented(pack, "ConfigureStack", toStackConfigureRequest(identity).serializeBinary());
}

async function getAnalyzerInfo(pack: Pack) {
    const info = fromAnalyzerInfo(
        analyzerproto.AnalyzerInfo.deserializeBinary(await unary(pack, "GetAnalyzerInfo", empty())),
    );
    // As the engine does: PulumiPolicy.yaml's version, if set, over the one the pack reports.
    return pack.version ? { ...info, version: pack.version } : info;
}

async function configure(pack: Pack, config: Record<string, Required<PolicyConfig>>): Promise<void> {
    // The engine sends no Configure without policy config (a pack with no policies).
    if (Object.keys(config).length > 0) await unary(pack, "Configure", toConfigureRequest(config).serializeBinary());
    pack.remediating = Object.values(config).some((c) => c.enforcementLevel === "remediate");
}

async function perform(pack: Pack, call: PackCall): Promise<{ value?: unknown; error?: string; errorName?: string }> {
    if (pack.failure) return { error: pack.failure };
    try {
        switch (call.method) {
            case "ConfigureStack":
                await configureStack(pack, call.identity);
                return {};
            case "GetAnalyzerInfo":
                return { value: await getAnalyzerInfo(pack) };
            case "Configure":
                await configure(pack, call.config);
                return {};
            case "Prepare": {
                // The engine's order: ConfigureStack as the plugin starts, then GetAnalyzerInfo, the
                // policy config reconciled and validated against it, then Configure (packConfig).
                await configureStack(pack, call.identity);
                const info = await getAnalyzerInfo(pack);
                const reconciled = packConfig(info, call.userConfig, pack.dir);
                await configure(pack, reconciled.config);
                pack.remediating = remediates(info, reconciled.config);
                const prepared: Prepared = {
                    info,
                    config: reconciled.config,
                    warnings: reconciled.warnings,
                    remediating: pack.remediating,
                };
                return { value: prepared };
            }
            case "Analyze":
            case "AnalyzeStack": {
                // A policy at "remediate" needs Remediate first and its result in the request: the main thread does that.
                if (call.method === "Analyze" && call.unlessRemediating && pack.remediating)
                    return { value: { deferred: true } };
                const request =
                    call.method === "Analyze"
                        ? encodeAnalyzeRequest(call.resource)
                        : (encodedEarly.get(call) ?? encodeAnalyzeStackRequest(call.resources));
                const bytes =
                    call.method === "Analyze"
                        ? await unary(pack, call.method, request)
                        : await unlessUnimplemented(pack, call.method, request);
                return {
                    value: {
                        diagnostics: bytes
                            ? fromDiagnostics(
                                  analyzerproto.AnalyzeResponse.deserializeBinary(bytes).getDiagnosticsList(),
                              )
                            : [],
                    },
                };
            }
            case "Remediate": {
                const bytes = await unlessUnimplemented(pack, "Remediate", encodeAnalyzeRequest(call.resource));
                if (!bytes) return { value: [] };
                const response = analyzerproto.RemediateResponse.deserializeBinary(bytes);
                return {
                    value: response.getRemediationsList().map((r) => ({
                        policyName: r.getPolicyname(),
                        description: r.getDescription(),
                        properties: r.getProperties()?.toJavaScript() as Record<string, any> | undefined,
                        diagnostic: r.getDiagnostic() || undefined,
                    })),
                };
            }
        }
    } catch (err) {
        // The main thread raises it again as the same kind of error (a policy config's, a pack's).
        return { error: (err as Error).message, errorName: (err as Error).name };
    }
}

async function close(id: number, packId: number, graceMs: number): Promise<void> {
    const pack = packs.get(packId);
    if (pack) {
        pack.client?.close();
        const { child } = pack;
        if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
            await pack.exited;
            clearTimeout(timer);
        }
        packs.delete(packId);
    }
    post({ type: "reply", id, ok: true, value: undefined, doneAt: Date.now() });
}

port.on("message", (messages: ToThread[]) => {
    for (const message of messages) receive(message);
});

function receive(message: ToThread): void {
    switch (message.type) {
        case "launch":
            launch(message);
            break;
        case "call": {
            const pack = packs.get(message.call.pack);
            if (!pack) {
                reply(message.call, undefined, `policy pack ${message.call.pack} is closed.`);
                break;
            }
            if (pack.failure) {
                reply(message.call, undefined, pack.failure);
                break;
            }
            // AnalyzeStack waits for every Analyze before it to answer (a stack's last ones are
            // usually still with the pack): its request, the largest, is encoded now, meanwhile.
            if (message.call.method === "AnalyzeStack")
                encodedEarly.set(message.call, encodeAnalyzeStackRequest(message.call.resources));
            pack.queue.push(message.call);
            schedule(pack);
            break;
        }
        case "close":
            void close(message.id, message.pack, message.graceMs);
            break;
    }
}
