/**
 * The messages between the main thread's PolicyPack (pack.ts) and the thread that talks to the
 * pack processes (pack-thread.ts). Types only: both sides import it, neither loads the other.
 */
import type { PolicyConfig } from "./policy-config";
import type { AnalyzerInfo, AnalyzerResourceData, Diagnostic, StackIdentity } from "./requests";

/** One call to a pack. The thread encodes the requests (wire.ts), off the main thread. */
export type PackRequest = {
    /** Waits for every earlier call, and holds every later one until it has answered. */
    barrier: boolean;
} & (
    | { method: "ConfigureStack"; identity: StackIdentity }
    | { method: "GetAnalyzerInfo" }
    | { method: "Configure"; config: Record<string, Required<PolicyConfig>> }
    /** ConfigureStack, GetAnalyzerInfo, the user's policy config reconciled with the pack's, Configure. */
    /** `userConfig` undefined: no policy config file for the stack. */
    | { method: "Prepare"; identity: StackIdentity; userConfig?: Record<string, PolicyConfig> }
    /** With `unlessRemediating`, answered `{ deferred: true }` unsent while a policy is at "remediate". */
    | { method: "Analyze"; resource: AnalyzerResourceData; unlessRemediating?: boolean }
    | { method: "AnalyzeStack"; resources: AnalyzerResourceData[] }
    | { method: "Remediate"; resource: AnalyzerResourceData }
);

/** A call as the thread queues it: `id` names its answer, `pack` the process. */
export type PackCall = PackRequest & { id: number; pack: number };

export type ToThread =
    | {
          type: "launch";
          pack: number;
          dir: string;
          command: string;
          args: string[];
          cwd: string;
          env: NodeJS.ProcessEnv;
          timeoutMs: number;
          /** PulumiPolicy.yaml's version, which GetAnalyzerInfo reports over the pack's own. */
          version?: string;
      }
    | { type: "call"; call: PackCall }
    | { type: "close"; id: number; pack: number; graceMs: number };

export type FromThread =
    | { type: "pid"; pack: number; pid: number }
    | { type: "launched"; pack: number; startupMs: number }
    | { type: "launch-failed"; pack: number; message: string }
    | { type: "stderr"; pack: number; chunk: string }
    | { type: "exit"; pack: number; code: number | null }
    | { type: "reply"; id: number; ok: true; value: unknown; doneAt: number }
    | { type: "reply"; id: number; ok: false; message: string; errorName?: string };

/** What Prepare answers. */
export interface Prepared {
    info: AnalyzerInfo;
    config: Record<string, Required<PolicyConfig>>;
    warnings: string[];
    /** A policy is at "remediate": Analyze then waits for Remediate (the engine asks for remediations first). */
    remediating: boolean;
}

/** What Analyze and AnalyzeStack answer. */
export type Analyzed = { diagnostics: Diagnostic[] } | { deferred: true };
