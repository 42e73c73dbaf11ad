/**
 * The check's result as the Pulumi CLI prints the same outcome at the end of `pulumi preview` or
 * `pulumi up` with `--policy-pack` (pkg/backend/display: the "Policies:" block of progress.go and
 * renderDiffPolicyViolationEvent in diff.go), and its errors as the CLI prints them ("error: ...").
 * Scripts and tests written against the CLI's text (pulumi-policy's own integration tests among
 * them) can match on this output.
 */
import type { CheckResult, Violation } from "./results";

/** tokens.Type.DisplayName: `random:index/randomUuid:RandomUuid` reads `random:index:RandomUuid`. */
export function displayTypeName(type: string): string {
    const parts = type.split(":");
    if (parts.length !== 3 || !parts[2]) return type;
    const [pkg, module, name] = parts;
    const slash = module.lastIndexOf("/");
    if (slash < 0) return type;
    const file = module.slice(slash + 1);
    const camel = name.charAt(0).toLowerCase() + name.slice(1);
    return file === camel ? `${pkg}:${module.slice(0, slash)}:${name}` : type;
}

/** One violation: `- [level]  policy  (Type: name)` and its message lines indented under it. */
export function renderViolation(v: Violation, indent = "        "): string {
    const clause = v.stackLevel || !v.urn ? "" : `  (${displayTypeName(v.type)}: ${v.resource})`;
    const message = v.message.replace(/\n$/, "").split("\n").join(`\n${indent}  `);
    return `${indent}- [${v.level}]  ${v.policy}${clause}\n${indent}  ${message}`;
}

/** The "Policies:" block of one stack's run: the pack with ✅, ⚠️ or ❌, then its violations. */
export function renderPolicies(result: CheckResult, stackIndex = 0): string {
    const stack = result.stacks[stackIndex];
    const violations = stack?.violations ?? [];
    const mark = violations.some((v) => v.level === "mandatory") ? "❌" : violations.length > 0 ? "⚠️" : "✅";
    const lines = [
        "Policies:",
        `    ${mark} ${result.policyPack.name}@v${result.policyPack.version} (local: ${result.policyPack.dir})`,
    ];
    for (const v of violations) lines.push(renderViolation(v));
    for (const error of stack?.checkErrors ?? []) lines.push(`error: ${error.message}`);
    if (stack?.error !== undefined) lines.push(`error: ${stack.error}`);
    return lines.join("\n") + "\n";
}

/** An error that stopped the run (a pack that failed, a policy config it refused), one "error: " line per line. */
export function renderError(error: Error): string {
    return (
        error.message
            .split("\n")
            .map((line) => `error: ${line}`)
            .join("\n") + "\n"
    );
}
