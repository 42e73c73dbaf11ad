/**
 * The check's output formats: a readable text report, the JSON document CI and other tools
 * read, a Markdown summary for pull requests, and SARIF (sarif.ts).
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

/** " at stacks/Pulumi.x.yaml:12 (key: value), declared at infra/x.ts:40" for the text report. */
function placesText(v: Pick<Violation, "configAt" | "declaredAt">): string {
    const places = [
        v.configAt ? `at ${v.configAt.file}:${v.configAt.line} (${v.configAt.key}: ${v.configAt.value})` : "",
        v.declaredAt ? `declared at ${v.declaredAt.file}:${v.declaredAt.line}` : "",
    ].filter(Boolean);
    return places.length ? ` ${places.join(", ")}` : "";
}

/** Where a stack's program failed: the resource's line a ResourceError names, else the stack's source. */
function failedAt(stack: StackResult): string {
    const at = stack.errorAt;
    if (!at) return stack.source;
    return at.file === stack.source ? `${at.file}:${at.line}` : `${stack.source}, at ${at.file}:${at.line}`;
}

function renderStack(stack: StackResult, descriptions: Map<string, string>): string {
    const lines: string[] = [];
    const cloud = stack.cloud ? ` (${stack.cloud})` : "";
    if (stack.error !== undefined) {
        lines.push(`stack ${stack.name}${cloud}: the program could not be evaluated (${failedAt(stack)})`);
        lines.push(indent(stack.error, "    "));
    } else {
        lines.push(
            `stack ${stack.name}${cloud}: ${plural(stack.resources, "resource")}, ${stack.durationMs} ms: ${counts(stack.violations)}`,
        );
    }
    if (stack.checkErrors?.length) {
        lines.push("  refused by the provider's Check (pulumi preview and up fail here, before any cloud call):");
        for (const error of stack.checkErrors)
            lines.push(indent(`${error.message}${placesText(error)}`, "      ").replace(/^ {6}/, "    - "));
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
            lines.push(`    - ${v.resource} (${v.type})${placesText(v)}`);
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
    const refused = result.stacks.filter((s) => s.checkErrors?.length).length;
    const mandatoryStacks = result.stacks.filter((s) => s.violations.some((v) => v.level === "mandatory")).length;
    const all = result.stacks.flatMap((s) => s.violations);
    const summary = [
        `${plural(result.stacks.length, "stack")} checked in ${(result.totalMs / 1000).toFixed(1)} s: ${counts(all)}`,
        mandatoryStacks ? `mandatory violations in ${plural(mandatoryStacks, "stack")}` : "",
        failed ? `${plural(failed, "stack")} could not be evaluated` : "",
        refused ? `${plural(refused, "stack")} refused by a provider's Check` : "",
    ].filter(Boolean);
    blocks.push(`${summary.join("; ")} (exit ${code})`);
    return blocks.join("\n\n") + "\n";
}

/** `{ "stacks": [ { name, cloud, resources, durationMs, violations: [...] } ] }` plus notes and the pack. */
/** Where a finding is, for the JSON report: the program line that declared the resource, the stack file's config value. */
function jsonPlaces(v: Pick<Violation, "declaredAt" | "configAt">): Record<string, unknown> {
    return {
        ...(v.declaredAt
            ? { declaredAt: { file: v.declaredAt.file, line: v.declaredAt.line, column: v.declaredAt.column } }
            : {}),
        ...(v.configAt
            ? {
                  configAt: {
                      file: v.configAt.file,
                      line: v.configAt.line,
                      column: v.configAt.column,
                      key: v.configAt.key,
                      value: v.configAt.value,
                  },
              }
            : {}),
    };
}

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
                ...jsonPlaces(v),
            })),
            notes: s.notes,
            source: s.source,
            ...(s.timings ? { timings: s.timings } : {}),
            ...(s.error !== undefined ? { error: s.error } : {}),
            ...(s.errorAt ? { errorAt: { file: s.errorAt.file, line: s.errorAt.line, column: s.errorAt.column } } : {}),
            ...(s.checkErrors?.length
                ? {
                      checkErrors: s.checkErrors.map((e) => ({
                          resource: e.resource,
                          type: e.type,
                          urn: e.urn,
                          message: e.message,
                          ...jsonPlaces(e),
                      })),
                  }
                : {}),
        })),
        policyPack: {
            name: result.policyPack.name,
            version: result.policyPack.version,
            startupMs: result.packStartupMs,
            processes: result.packProcesses,
        },
        totalMs: result.totalMs,
        notes: result.notes,
        exitCode: exitCodeOf(result),
    };
    return JSON.stringify(doc, null, 2) + "\n";
}

export interface MarkdownOptions {
    /**
     * Where file links point: `https://github.com/OWNER/REPO/blob/SHA/` (the workflow builds it from
     * GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA), plus the project folder's path in the
     * repository. Without it, locations are plain `file:line` text.
     */
    linkBase?: string;
    /** Violations listed per stack before the rest are counted only (a step summary holds 1 MiB). */
    maxRows?: number;
}

/** Text for a Markdown table cell: pipes escaped, lines joined with <br>. */
function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").trim().split(/\r?\n/).join("<br>");
}

function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

function where(at: { file: string; line: number } | undefined, options: MarkdownOptions): string {
    if (!at) return "";
    const label = `${at.file}:${at.line}`;
    if (!options.linkBase || at.file.startsWith("/")) return code(label);
    return `[${code(label)}](${options.linkBase.replace(/\/?$/, "/")}${encodeURI(at.file)}#L${at.line})`;
}

function verdict(stack: StackResult): string {
    if (stack.error !== undefined) return "❌ could not be evaluated";
    if (stack.checkErrors?.length) return "❌ refused by a provider's Check";
    const mandatory = stack.violations.filter((v) => v.level === "mandatory").length;
    if (mandatory) return "❌ mandatory violations";
    return stack.violations.length ? "⚠️ advisory only" : "✅ passes";
}

/**
 * The check as a Markdown summary, for a pull request's job summary ($GITHUB_STEP_SUMMARY) or
 * anywhere Markdown renders: a table of the stacks, then per stack the violations grouped by
 * policy (mandatory first), each with its resource, where it is declared or configured, and what
 * to change.
 */
export function renderMarkdown(result: CheckResult, options: MarkdownOptions = {}): string {
    const maxRows = options.maxRows ?? 200;
    const policies = new Map(result.policyPack.policies.map((p) => [p.name, p]));
    const all = result.stacks.flatMap((s) => s.violations);
    const exit = exitCodeOf(result);
    const headline =
        exit === 0
            ? all.length
                ? "⚠️ passes, with advisory violations"
                : "✅ passes"
            : exit === 1
              ? "❌ mandatory violations"
              : result.stacks.some((s) => s.error !== undefined)
                ? "❌ a stack could not be evaluated"
                : "❌ refused by a provider's Check";
    const out: string[] = [];
    out.push(`## Policy check: ${headline}`, "");
    out.push(
        `${plural(result.stacks.length, "stack")} checked offline against ${code(`${result.policyPack.name}@${result.policyPack.version}`)} ` +
            `(${plural(result.policyPack.policies.length, "policy", "policies")}) in ${(result.totalMs / 1000).toFixed(1)} s: ${counts(all)}.`,
        "",
    );
    out.push("| Stack | Cloud | Resources | Mandatory | Advisory | Result |", "|---|---|--:|--:|--:|---|");
    for (const s of result.stacks) {
        const mandatory = s.violations.filter((v) => v.level === "mandatory").length;
        out.push(
            `| ${code(s.name)} | ${s.cloud ?? "–"} | ${s.error !== undefined ? "–" : s.resources} | ${mandatory} | ${s.violations.length - mandatory} | ${verdict(s)} |`,
        );
    }
    for (const note of result.notes) out.push("", `> ${cell(note)}`);

    for (const stack of result.stacks) {
        out.push(
            "",
            `### ${code(stack.name)}${stack.cloud ? ` (${stack.cloud})` : ""}: ${stack.error !== undefined ? "could not be evaluated" : counts(stack.violations)}`,
            "",
        );
        if (stack.error !== undefined) {
            out.push(
                `The program could not be evaluated (${code(failedAt(stack))}):`,
                "",
                "```text",
                stack.error.replace(/```/g, "'''"),
                "```",
            );
        }
        if (stack.checkErrors?.length) {
            out.push(
                "The providers' Check refuses these inputs: `pulumi preview` and `pulumi up` fail here, before any cloud call.",
                "",
                ...stack.checkErrors.map((error) => {
                    const places = [where(error.configAt, options), where(error.declaredAt, options)].filter(Boolean);
                    return `- ${cell(error.message)}${places.length ? ` (${places.join(", ")})` : ""}`;
                }),
                "",
            );
        }
        // Mandatory policies first, then by name; resources in the order they were reported.
        const groups = new Map<string, Violation[]>();
        for (const v of stack.violations) {
            const key = `${v.level === "mandatory" ? 0 : 1}\u0000${v.policy}`;
            groups.set(key, [...(groups.get(key) ?? []), v]);
        }
        let rows = 0;
        let hidden = 0;
        for (const key of [...groups.keys()].sort()) {
            const group = groups.get(key)!;
            const { policy, level } = group[0];
            const info = policies.get(policy);
            const severity = info?.severity ? `, ${info.severity} severity` : "";
            out.push(`#### ${code(policy)} (${level}${severity}): ${plural(group.length, "violation")}`, "");
            if (info?.description) out.push(cell(info.description), "");
            out.push("| Resource | Where | What to change |", "|---|---|---|");
            for (const v of group) {
                if (rows >= maxRows) {
                    hidden += 1;
                    continue;
                }
                rows += 1;
                const places = [
                    v.configAt
                        ? `${where(v.configAt, options)} (${code(`${v.configAt.key}: ${v.configAt.value}`)})`
                        : "",
                    where(v.declaredAt, options),
                ].filter(Boolean);
                out.push(
                    `| ${code(v.resource)}<br>${code(v.type)} | ${places.join("<br>") || where({ file: stack.source, line: stack.line ?? 1 }, options)} | ${cell(ruleMessage(v.message, info?.description))} |`,
                );
            }
            if (info?.remediationSteps) out.push("", `How to fix: ${cell(info.remediationSteps)}`);
            out.push("");
        }
        if (hidden)
            out.push(
                `…and ${plural(hidden, "more violation")}; run \`npm run check -- --stack ${stack.name}\` for all of them.`,
                "",
            );
        if (stack.notes.length) {
            out.push("<details><summary>Notes</summary>", "");
            for (const note of stack.notes) out.push(`- ${cell(note)}`);
            out.push("", "</details>");
        }
    }
    out.push(
        "",
        `Exit code ${exit}: ${exit === 0 ? "no mandatory violation" : exit === 1 ? "at least one mandatory violation" : "a stack could not be evaluated"}.`,
    );
    return out.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}

/** The summary of a check that could not run at all (bad usage, a stack file or pack that fails). */
export function renderFailureMarkdown(message: string): string {
    const fence = "```";
    const body = message.split(fence).join("'''");
    return ["## Policy check: ❌ could not run", "", `${fence}text`, body, fence, "", "Exit code 2.", ""].join("\n");
}
