/**
 * The check's output formats: a readable text report, the JSON document CI and other tools
 * read, and SARIF (sarif.ts).
 */
import { CheckResult, StackResult, Violation, exitCodeOf, ruleMessage } from "./results";

function plural(n: number, word: string, many = `${word}s`): string {
    return `${n} ${n === 1 ? word : many}`;
}

function counts(violations: Violation[]): string {
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    const advisory = violations.length - mandatory;
    if (violations.length === 0) return "no violations";
    return [mandatory ? `${mandatory} mandatory` : "", advisory ? `${advisory} advisory` : ""]
        .filter(Boolean)
        .join(", ");
}

function indent(text: string, prefix: string): string {
    return text
        .split("\n")
        .map((line) => prefix + line)
        .join("\n");
}

function renderStack(stack: StackResult, descriptions: Map<string, string>): string {
    const lines: string[] = [];
    const cloud = stack.cloud ? ` (${stack.cloud})` : "";
    if (stack.error !== undefined) {
        lines.push(`stack ${stack.name}${cloud}: the program failed to evaluate (${stack.source})`);
        lines.push(indent(stack.error, "    "));
    } else {
        lines.push(
            `stack ${stack.name}${cloud}: ${plural(stack.resources, "resource")}, ${stack.durationMs} ms: ${counts(stack.violations)}`,
        );
    }
    if (stack.notes.length > 0) {
        lines.push("  notes:");
        for (const note of stack.notes) lines.push(indent(note, "      ").replace(/^ {6}/, "    - "));
    }
    // Mandatory policies first, then by policy name; resources in the order they were reported.
    const byPolicy = new Map<string, Violation[]>();
    for (const v of stack.violations) {
        const key = `${v.level === "mandatory" ? 0 : 1}\u0000${v.policy}`;
        byPolicy.set(key, [...(byPolicy.get(key) ?? []), v]);
    }
    for (const key of [...byPolicy.keys()].sort()) {
        const group = byPolicy.get(key)!;
        const { policy, level } = group[0];
        const description = descriptions.get(policy);
        lines.push(`  ${level.padEnd(9)} ${policy}${description ? `: ${description}` : ""}`);
        for (const v of group) {
            lines.push(`    - ${v.resource} (${v.type})`);
            lines.push(indent(ruleMessage(v.message, description), "        "));
        }
    }
    return lines.join("\n");
}

/** The readable report: one block per stack, then a summary line with the exit code. */
export function renderText(result: CheckResult): string {
    const descriptions = new Map(result.policyPack.policies.map((p) => [p.name, p.description]));
    const blocks: string[] = [];
    blocks.push(
        `policy pack ${result.policyPack.name}@${result.policyPack.version} (${plural(result.policyPack.policies.length, "policy", "policies")}) from ${result.policyPack.dir}`,
    );
    for (const note of result.notes) blocks.push(`note: ${note}`);
    for (const stack of result.stacks) blocks.push(renderStack(stack, descriptions));
    const code = exitCodeOf(result);
    const failed = result.stacks.filter((s) => s.error !== undefined).length;
    const mandatoryStacks = result.stacks.filter((s) => s.violations.some((v) => v.level === "mandatory")).length;
    const all = result.stacks.flatMap((s) => s.violations);
    const summary = [
        `${plural(result.stacks.length, "stack")} checked in ${(result.totalMs / 1000).toFixed(1)} s: ${counts(all)}`,
        mandatoryStacks ? `mandatory violations in ${plural(mandatoryStacks, "stack")}` : "",
        failed ? `${plural(failed, "stack")} failed to evaluate` : "",
    ].filter(Boolean);
    blocks.push(`${summary.join("; ")} (exit ${code})`);
    return blocks.join("\n\n") + "\n";
}

/** `{ "stacks": [ { name, cloud, resources, durationMs, violations: [...] } ] }` plus notes and the pack. */
export function renderJson(result: CheckResult): string {
    const doc = {
        stacks: result.stacks.map((s) => ({
            name: s.name,
            cloud: s.cloud,
            resources: s.resources,
            durationMs: s.durationMs,
            violations: s.violations.map((v) => ({
                policy: v.policy,
                level: v.level,
                resource: v.resource,
                type: v.type,
                urn: v.urn,
                message: v.message,
            })),
            notes: s.notes,
            source: s.source,
            ...(s.timings ? { timings: s.timings } : {}),
            ...(s.error !== undefined ? { error: s.error } : {}),
        })),
        policyPack: {
            name: result.policyPack.name,
            version: result.policyPack.version,
            startupMs: result.packStartupMs,
        },
        totalMs: result.totalMs,
        notes: result.notes,
        exitCode: exitCodeOf(result),
    };
    return JSON.stringify(doc, null, 2) + "\n";
}
