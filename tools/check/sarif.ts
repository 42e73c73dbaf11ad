/**
 * SARIF 2.1.0 for GitHub code scanning, following GitHub's documented subset:
 *
 * - one rule per policy of the pack, tagged `security` with a `security-severity` score (from the
 *   policy's declared severity, else from its enforcement level: advisory ranks lower), so code
 *   scanning lists the alerts as security alerts, ranked;
 * - one result per violation (error for mandatory, warning for advisory), located where a reviewer
 *   would change something: the stack file line of the config value the violation names, else the
 *   program line that declares the offending resource (locate.ts), else the stack file's `config:`
 *   line; the other places are related locations, linked from the message;
 * - regions with startLine, startColumn, endLine and endColumn; URIs relative to the repository
 *   root with `uriBaseId: "%SRCROOT%"`;
 * - `partialFingerprints.primaryLocationLineHash`, the one key code scanning reads, computed from
 *   the stack, the policy, the resource's URN and the stable part of the message: each violation
 *   is its own alert ("not Multi-AZ" and "no deletion protection" on one database are two), and
 *   an alert keeps its identity when lines move or mock ids change. upload-sarif keeps a
 *   fingerprint that is present (it logs that its own line hash differs, for each result).
 */
import { createHash } from "crypto";
import type { PolicyInfo } from "./policy-config";
import type { SourceLocation } from "./locate";
import { CheckResult, StackResult, Violation, exitCodeOf, ruleMessage } from "./results";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The base the artifact URIs are relative to: the repository's root. */
export const SRCROOT = "%SRCROOT%";

export interface SarifOptions {
    toolVersion?: string;
    /**
     * The project folder relative to the repository root ("" when they are the same, "infra" when
     * Pulumi.yaml lives in infra/): prepended to every path, since code scanning resolves URIs
     * against the repository root.
     */
    projectPrefix?: string;
}

/**
 * GitHub's bands: critical over 9.0, high 7.0 to 8.9, medium 4.0 to 6.9, low 0.1 to 3.9. A
 * declared Pulumi severity takes the middle of its band.
 */
const DECLARED_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.5" };

/** The `security-severity` of a policy: its declared severity, else by enforcement level. */
export function securitySeverity(policy: Pick<PolicyInfo, "severity" | "enforcementLevel">): string {
    const declared = policy.severity && DECLARED_SEVERITY[policy.severity.toLowerCase()];
    if (declared) return declared;
    // Undeclared: a mandatory policy blocks deployment, so it ranks high; an advisory one, low.
    return policy.enforcementLevel === "mandatory" || policy.enforcementLevel === "remediate" ? "7.5" : "3.5";
}

/** "ssh-allowlist" -> "SshAllowlist" (SARIF's rule `name` is an identifier). */
function identifier(id: string): string {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join("");
}

/**
 * The part of a violation's message that names what is violated, without values that change
 * from run to run while the violation stays the same: ARNs, cloud and mock ids, auto-name
 * suffixes, UUIDs, hashes, timestamps; whitespace collapsed. Ports, CIDRs, names and settings stay:
 * they tell one violation from another.
 */
export function stableMessage(message: string, description?: string): string {
    return ruleMessage(message, description)
        .replace(/\barn:[\w-]*:[^\s"',;)]+/g, "<arn>")
        .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>")
        .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, "<time>")
        .replace(/\b([a-z]{1,12})-(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/g, "$1-<id>")
        .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/gi, "<hash>")
        .replace(/(\w)-(?=[0-9a-f]*\d)[0-9a-f]{7}\b/g, "$1-<suffix>")
        .replace(/\s+/g, " ")
        .trim();
}

function sha256(parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** The identity of a violation across runs: stack, policy, resource, what is violated. */
export function violationFingerprint(stack: string, violation: Violation, description?: string): string {
    return sha256([stack, violation.policy, violation.urn, stableMessage(violation.message, description)]);
}

/** A path relative to the project, as a URI relative to the repository root (or an absolute file URI). */
function artifactLocation(file: string, prefix: string): { uri: string; uriBaseId?: string } {
    const unix = file.split("\\").join("/");
    if (/^([A-Za-z]:)?\//.test(unix)) return { uri: `file://${unix.startsWith("/") ? "" : "/"}${encodeURI(unix)}` };
    return { uri: encodeURI(prefix ? `${prefix.replace(/\/+$/, "")}/${unix}` : unix), uriBaseId: SRCROOT };
}

function region(at: SourceLocation): Record<string, number> {
    return {
        startLine: at.line,
        startColumn: at.column,
        endLine: at.line,
        endColumn: Math.max(at.endColumn, at.column + 1),
    };
}

function physical(at: SourceLocation, prefix: string) {
    return { artifactLocation: artifactLocation(at.file, prefix), region: region(at) };
}

/** The stack file's `config:` line (or the program's first line): where a result with nothing better points. */
function stackAnchor(stack: StackResult): SourceLocation {
    return { file: stack.source, line: stack.line ?? 1, column: 1, endColumn: 2 };
}

function ruleFor(policy: PolicyInfo, packName: string) {
    const level =
        policy.enforcementLevel === "advisory" ? "warning" : policy.enforcementLevel === "disabled" ? "none" : "error";
    const help = [policy.description, policy.remediationSteps].filter(Boolean).join("\n\n") || policy.name;
    return {
        id: policy.name,
        name: identifier(policy.name),
        shortDescription: { text: policy.displayName || policy.description || policy.name },
        fullDescription: { text: policy.description || policy.name },
        help: { text: help, markdown: help },
        ...(policy.url ? { helpUri: policy.url } : {}),
        defaultConfiguration: { level },
        properties: {
            tags: [...new Set(["security", "pulumi-policy", packName, ...(policy.tags ?? [])])],
            "security-severity": securitySeverity(policy),
            precision: "very-high",
            enforcementLevel: policy.enforcementLevel,
            ...(policy.severity ? { severity: policy.severity } : {}),
        },
    };
}

function resultFor(
    stack: StackResult,
    v: Violation,
    ruleIndex: number,
    description: string | undefined,
    prefix: string,
) {
    // Primary: the value to change in the stack file, else the declaration, else the stack itself.
    const anchor = stackAnchor(stack);
    const primary = v.configAt ?? v.declaredAt ?? anchor;
    const related: { at: SourceLocation; text: string }[] = [];
    if (v.configAt && v.declaredAt) related.push({ at: v.declaredAt, text: `${v.resource} is declared here` });
    // A program line is shared by every stack: the stack's own file says which one this is.
    if (primary.file !== stack.source) related.push({ at: anchor, text: `stack ${stack.name}` });
    const links = related.map((r, i) => `[${r.text}](${i + 1})`);
    const cause = v.configAt ? ` (${v.configAt.key}: ${v.configAt.value})` : "";
    const text = `${v.resource} (${v.type}) in stack ${stack.name}${cause}: ${ruleMessage(v.message, description)}${links.length ? ` See ${links.join(", ")}.` : ""}`;
    const fingerprint = violationFingerprint(stack.name, v, description);
    return {
        ruleId: v.policy,
        ruleIndex,
        level: v.level === "mandatory" ? "error" : "warning",
        message: { text },
        locations: [
            {
                physicalLocation: physical(primary, prefix),
                logicalLocations: [{ name: v.resource, fullyQualifiedName: v.urn, kind: "resource" }],
            },
        ],
        ...(related.length
            ? {
                  relatedLocations: related.map((r, i) => ({
                      id: i + 1,
                      physicalLocation: physical(r.at, prefix),
                      message: { text: r.text },
                  })),
              }
            : {}),
        partialFingerprints: {
            primaryLocationLineHash: `${fingerprint.slice(0, 16)}:1`,
            "webtierViolation/v1": fingerprint,
        },
        properties: {
            stack: stack.name,
            cloud: stack.cloud,
            resourceType: v.type,
            urn: v.urn,
            enforcementLevel: v.level,
            ...(v.configAt ? { configKey: v.configAt.key } : {}),
        },
    };
}

export function renderSarif(result: CheckResult, options: SarifOptions | string = {}): string {
    const { toolVersion = "0.1.0", projectPrefix = "" } =
        typeof options === "string" ? { toolVersion: options } : options;
    const pack = result.policyPack;
    const ruleIndex = new Map(pack.policies.map((p, i) => [p.name, i]));
    const rules = pack.policies.map((p) => ruleFor(p, pack.name));
    const descriptions = new Map(pack.policies.map((p) => [p.name, p.description]));

    const results: any[] = [];
    for (const stack of result.stacks) {
        for (const v of stack.violations) {
            // A policy the pack reported under another name (reportViolation({ name })) gets a rule too.
            if (!ruleIndex.has(v.policy)) {
                ruleIndex.set(v.policy, rules.length);
                rules.push(ruleFor({ name: v.policy, description: v.policy, enforcementLevel: v.level }, pack.name));
            }
            results.push(resultFor(stack, v, ruleIndex.get(v.policy)!, descriptions.get(v.policy), projectPrefix));
        }
    }

    const failures = result.stacks.filter((s) => s.error !== undefined);
    const refusals = result.stacks.flatMap((stack) => (stack.checkErrors ?? []).map((error) => ({ stack, error })));
    const doc = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "webtier-policy-check",
                        version: toolVersion,
                        ...(/^\d+\.\d+\.\d+/.test(toolVersion) ? { semanticVersion: toolVersion } : {}),
                        informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
                        rules,
                        properties: { policyPack: `${pack.name}@${pack.version}` },
                    },
                },
                originalUriBaseIds: { [SRCROOT]: { description: { text: "The root of the repository." } } },
                invocations: [
                    {
                        executionSuccessful: failures.length === 0 && refusals.length === 0,
                        exitCode: exitCodeOf(result),
                        toolExecutionNotifications: [
                            // At the resource the engine logs the error against, if any, else the stack.
                            ...failures.map((s) => ({
                                level: "error",
                                message: { text: `stack ${s.name}: the program could not be evaluated: ${s.error}` },
                                locations: [{ physicalLocation: physical(s.errorAt ?? stackAnchor(s), projectPrefix) }],
                            })),
                            // The operation fails at these resources: at the line that declares each.
                            ...refusals.map(({ stack: s, error }) => ({
                                level: "error",
                                message: { text: `stack ${s.name}: ${error.message}` },
                                locations: [
                                    {
                                        physicalLocation: physical(
                                            error.configAt ?? error.declaredAt ?? stackAnchor(s),
                                            projectPrefix,
                                        ),
                                        logicalLocations: [
                                            { name: error.resource, fullyQualifiedName: error.urn, kind: "resource" },
                                        ],
                                    },
                                ],
                            })),
                        ],
                    },
                ],
                results,
            },
        ],
    };
    return JSON.stringify(doc, null, 2) + "\n";
}
