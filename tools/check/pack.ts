/**
 * Drives a policy pack over the analyzer gRPC protocol, the way the Pulumi engine does: start
 * the pack's process in its folder, read the port it prints, then GetAnalyzerInfo, Configure,
 * ConfigureStack, Analyze and AnalyzeStack; finally close the channel and stop the process.
 *
 * One process serves any number of stacks: ConfigureStack switches the stack between them.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as yaml from "js-yaml";
import type { PolicyConfig } from "./policy-config";
import {
    AnalyzerInfo,
    AnalyzerResourceData,
    Diagnostic,
    StackIdentity,
    fromAnalyzerInfo,
    fromDiagnostics,
    toConfigureRequest,
    toStackConfigureRequest,
} from "./requests";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "./wire";

/** The same limit the policy SDK's server sets: stacks with many resources exceed gRPC's 4 MiB default. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

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
export function describePackDir(dir: string, entry?: string): { dir: string; entry: string } {
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
    const doc = yaml.load(fs.readFileSync(manifest, "utf8")) as any;
    const runtime = typeof doc?.runtime === "string" ? doc.runtime : doc?.runtime?.name;
    if (runtime !== "nodejs") {
        throw new PolicyPackError(
            `${manifest} declares runtime ${JSON.stringify(runtime)}; the offline check runs Node.js packs only.`,
        );
    }
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
        return { dir: absolute, entry: path.resolve(entry) };
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
    return { dir: absolute, entry: found };
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

type Unary<Req, Res> = (request: Req, callback: (err: grpc.ServiceError | null, response: Res) => void) => unknown;

export class PolicyPack {
    private closed = false;
    private readonly exited: Promise<number | null>;
    private readonly stderr: string[];
    private readonly onParentExit = () => this.child.kill("SIGKILL");

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerrpc.AnalyzerClient,
        stderr: string[],
        exited: Promise<number | null>,
        /** Milliseconds from spawn to the printed port. */
        public readonly startupMs: number,
        public readonly dir: string,
    ) {
        this.stderr = stderr;
        this.exited = exited;
        process.once("exit", this.onParentExit);
    }

    /** Starts the pack in `dir` (`node <dir>` with cwd `dir`) and connects to the port it prints. */
    static async start(dir: string, options: StartOptions = {}): Promise<PolicyPack> {
        const pack = describePackDir(dir, options.entry);
        const started = Date.now();
        // `node <dir>` as the engine's plugin does; a TypeScript entry is named directly (Node would not resolve it).
        const typeScript = pack.entry.endsWith(".ts");
        if (typeScript && !options.typeScriptHook)
            throw new PolicyPackError(
                `policy pack ${dir} is TypeScript (${path.basename(pack.entry)}) and no TypeScript hook was given.`,
            );
        const nodeArgs = [...(options.nodeArgs ?? []), ...(typeScript ? ["-r", options.typeScriptHook!] : [])];
        const target = typeScript || options.entry ? pack.entry : pack.dir;
        const child = spawn(process.execPath, [...nodeArgs, target], {
            cwd: pack.dir,
            env: { ...(options.environment ?? process.env), ...options.env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const stderr: string[] = [];
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

        const port = await new Promise<number>((resolve, reject) => {
            let buffered = "";
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(
                    new PolicyPackError(
                        `policy pack ${dir} printed no port within ${(options.startTimeoutMs ?? 60000) / 1000}s.${tail(stderr)}`,
                    ),
                );
            }, options.startTimeoutMs ?? 60000);
            const onData = (chunk: string) => {
                buffered += chunk;
                const line = buffered
                    .split("\n")
                    .map((l) => l.trim())
                    .find((l) => /^\d+$/.test(l));
                if (line) {
                    clearTimeout(timer);
                    child.stdout.off("data", onData);
                    child.stdout.resume();
                    resolve(Number(line));
                }
            };
            child.stdout.setEncoding("utf8").on("data", onData);
            child.once("error", (err) => {
                clearTimeout(timer);
                reject(new PolicyPackError(`cannot start policy pack ${dir}: ${err.message}`));
            });
            void exited.then((code) => {
                clearTimeout(timer);
                reject(
                    new PolicyPackError(`policy pack ${dir} exited (code ${code}) before it listened.${tail(stderr)}`),
                );
            });
        });
        const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
            "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
        });
        return new PolicyPack(child, client, stderr, exited, Date.now() - started, pack.dir);
    }

    private call<Req, Res>(method: string, fn: Unary<Req, Res>, request: Req): Promise<Res> {
        if (this.closed) return Promise.reject(new PolicyPackError(`policy pack ${this.dir} is closed.`));
        return new Promise((resolve, reject) => {
            fn.call(this.client, request, (err, response) => {
                if (err)
                    reject(
                        new PolicyPackError(
                            `policy pack ${method} failed: ${err.details || err.message}${tail(this.stderr)}`,
                        ),
                    );
                else resolve(response);
            });
        });
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await this.call<emptyproto.Empty, analyzerproto.AnalyzerInfo>(
            "GetAnalyzerInfo",
            this.client.getAnalyzerInfo.bind(this.client),
            new emptyproto.Empty(),
        );
        return fromAnalyzerInfo(info);
    }

    async configure(config: Record<string, Required<PolicyConfig>>): Promise<void> {
        await this.call("Configure", this.client.configure.bind(this.client), toConfigureRequest(config));
    }

    /** Tells the pack which stack the next requests are for; packs that predate it answer Unimplemented, which is fine. */
    async configureStack(identity: StackIdentity): Promise<void> {
        try {
            await this.call(
                "ConfigureStack",
                this.client.configureStack.bind(this.client),
                toStackConfigureRequest(identity),
            );
        } catch (err) {
            if (!/unimplemented/i.test((err as Error).message)) throw err;
        }
    }

    /** Sends pre-encoded request bytes (wire.ts) to one of the Analyzer service's methods. */
    private callEncoded<Res = analyzerproto.AnalyzeResponse>(
        method: "Analyze" | "AnalyzeStack" | "Remediate",
        bytes: Buffer,
        decode: (bytes: Uint8Array) => Res = (b) => analyzerproto.AnalyzeResponse.deserializeBinary(b) as any,
    ): Promise<Res> {
        if (this.closed) return Promise.reject(new PolicyPackError(`policy pack ${this.dir} is closed.`));
        return new Promise((resolve, reject) => {
            this.client.makeUnaryRequest(
                `/pulumirpc.Analyzer/${method}`,
                (request: Buffer) => request,
                (response: Buffer) => decode(new Uint8Array(response)),
                bytes,
                (err, response) => {
                    if (err)
                        reject(
                            new PolicyPackError(
                                `policy pack ${method} failed: ${err.details || err.message}${tail(this.stderr)}`,
                            ),
                        );
                    else resolve(response!);
                },
            );
        });
    }

    /**
     * The engine's first pass over each resource: policies at enforcement level "remediate" may
     * return new properties (which Analyze then sees) or a diagnostic.
     */
    async remediate(resource: AnalyzerResourceData): Promise<Remediation[]> {
        const response = await this.callEncoded("Remediate", encodeAnalyzeRequest(resource), (b) =>
            analyzerproto.RemediateResponse.deserializeBinary(b),
        );
        return response.getRemediationsList().map((r) => ({
            policyName: r.getPolicyname(),
            description: r.getDescription(),
            properties: r.getProperties()?.toJavaScript() as Record<string, any> | undefined,
            diagnostic: r.getDiagnostic() || undefined,
        }));
    }

    async analyze(resource: AnalyzerResourceData): Promise<Diagnostic[]> {
        const response = await this.callEncoded("Analyze", encodeAnalyzeRequest(resource));
        return fromDiagnostics(response.getDiagnosticsList());
    }

    async analyzeStack(resources: AnalyzerResourceData[]): Promise<Diagnostic[]> {
        const response = await this.callEncoded("AnalyzeStack", encodeAnalyzeStackRequest(resources));
        return fromDiagnostics(response.getDiagnosticsList());
    }

    /** Closes the channel, then stops the process (SIGTERM, SIGKILL after `graceMs`); resolves once it has exited. */
    async close(graceMs = 2000): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        process.off("exit", this.onParentExit);
        this.client.close();
        if (this.child.exitCode === null && this.child.signalCode === null) {
            this.child.kill("SIGTERM");
            const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
            await this.exited;
            clearTimeout(timer);
        }
    }

    /** The pack process's id (tests check it is gone after `close`). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Whatever the pack wrote to stderr so far. */
    get errorOutput(): string {
        return this.stderr.join("");
    }
}

function tail(stderr: string[]): string {
    const text = stderr.join("").trim();
    if (!text) return "";
    const lines = text.split("\n");
    return `\n  pack stderr:\n    ${lines.slice(-20).join("\n    ")}`;
}
