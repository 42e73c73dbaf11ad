/**
 * The check's results: violations attributed to resources the way the engine attributes them,
 * the per-stack summary, and the exit code.
 */
import type { Diagnostic, AnalyzerResourceData } from "./requests";
import type { PolicyInfo } from "./policy-config";
import type { ConfigLocation, SourceLocation } from "./locate";

export type ViolationLevel = "mandatory" | "advisory";

export interface Violation {
    policy: string;
    level: ViolationLevel;
    /** The resource's name (the last URN segment). */
    resource: string;
    type: string;
    urn: string;
    /** As the pack reported it: the policy's description, then the rule's own message. */
    message: string;
    /** The program line that declared the resource (`new X(...)`), when the check found it. */
    declaredAt?: SourceLocation;
    /** The stack config value the violation is about, and its line in the stack file. */
    configAt?: ConfigLocation;
    /**
     * A stack policy's violation that named no resource of the stack: the engine shows it without a
     * resource (here it is attributed to the stack resource).
     */
    stackLevel?: boolean;
}

/**
 * One error of a provider's Check, located as violations are; `message` is the engine's line
 * ("<type> resource '<name>' has a problem: ...").
 */
export type CheckError = Pick<Violation, "resource" | "type" | "urn" | "message" | "declaredAt" | "configAt">;

export interface StackResult {
    name: string;
    /** The stack's `<project>:cloud`, or null (a --program run without one). */
    cloud: string | null;
    /** Resources the program registered (stack and components included, default providers not). */
    resources: number;
    durationMs: number;
    violations: Violation[];
    /** Placeholders, program log lines and anything else the reader should know. */
    notes: string[];
    /** The stack file or program file the results belong to, relative to the project folder. */
    source: string;
    /** The line of `source` results point at (the stack file's `config:` line). Default 1. */
    line?: number;
    /** The program's error, when it failed to evaluate. */
    error?: string;
    /** The program line `error` belongs to: the line that declares the resource a ResourceError names. */
    errorAt?: SourceLocation;
    /**
     * What the providers' Check refused in the program's inputs: the operation fails, as with
     * `error`, but the pack has judged every resource, so the violations stand too.
     */
    checkErrors?: CheckError[];
    /** Where the time went, in ms. */
    timings?: { evaluateMs: number; packWaitMs: number; analyzeMs: number; analyzeStackMs: number };
}

export interface CheckResult {
    policyPack: { name: string; version: string; dir: string; policies: PolicyInfo[] };
    stacks: StackResult[];
    /** Pack process start to listening, in ms (overlaps the first evaluation). */
    packStartupMs: number;
    /** Pack processes this run started (one for webtier's own pack; one per stack for a --policy-pack). */
    packProcesses: number;
    totalMs: number;
    /** Notes that concern the whole run (policy config warnings). */
    notes: string[];
}

function toLevel(level: Diagnostic["enforcementLevel"]): ViolationLevel | undefined {
    if (level === "disabled") return undefined;
    // Remediations that still fail are reported as mandatory, as the engine does.
    return level === "advisory" ? "advisory" : "mandatory";
}

/** A URN's last segment: the resource's name. */
export function nameFromUrn(urn: string): string {
    return urn.split("::").slice(3).join("::") || urn;
}

/** A URN's type (the last type of the parent chain). */
export function typeFromUrn(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}

/** Violations from the per-resource Analyze calls: attributed to the analyzed resource. */
export function resourceViolations(resource: AnalyzerResourceData, diagnostics: Diagnostic[]): Violation[] {
    const result: Violation[] = [];
    for (const d of diagnostics) {
        const level = toLevel(d.enforcementLevel);
        if (!level) continue;
        result.push({
            policy: d.policyName,
            level,
            resource: resource.name,
            type: resource.type,
            urn: resource.urn,
            message: d.message,
        });
    }
    return result;
}

/**
 * Violations from AnalyzeStack: attributed to the URN the policy named when it is in the stack,
 * otherwise to the root stack resource.
 */
export function stackViolations(resources: AnalyzerResourceData[], diagnostics: Diagnostic[]): Violation[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    const result: Violation[] = [];
    for (const d of diagnostics) {
        const level = toLevel(d.enforcementLevel);
        if (!level) continue;
        const target = (d.urn && byUrn.get(d.urn)) || root;
        result.push({
            policy: d.policyName,
            level,
            resource: target?.name ?? "",
            type: target?.type ?? "pulumi:pulumi:Stack",
            urn: target?.urn ?? "",
            message: d.message,
            ...(d.urn && byUrn.has(d.urn) ? {} : { stackLevel: true }),
        });
    }
    return result;
}

/** 2 when a stack failed to evaluate or a provider's Check refused it, 1 when any mandatory violation, else 0. */
export function exitCodeOf(result: Pick<CheckResult, "stacks">): 0 | 1 | 2 {
    if (result.stacks.some((s) => s.error !== undefined || (s.checkErrors?.length ?? 0) > 0)) return 2;
    if (result.stacks.some((s) => s.violations.some((v) => v.level === "mandatory"))) return 1;
    return 0;
}

/** The message without the policy's description the pack puts in front of it. */
export function ruleMessage(message: string, description: string | undefined): string {
    if (description && message.startsWith(description)) {
        const rest = message.slice(description.length).replace(/^\n/, "").trim();
        return rest || message;
    }
    return message;
}
