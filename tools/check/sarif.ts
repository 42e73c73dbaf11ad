/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per policy of the pack, one result per
 * violation (error for mandatory, warning for advisory) located at the stack file the stack's
 * config comes from (the program file for a --program run without stack files), at its
 * `config:` line, with the resource's URN as a logical
 * location and a fingerprint per (stack, policy, resource) so that alerts neither merge nor
 * churn between runs.
 */
import { createHash } from "crypto";
import { CheckResult, exitCodeOf, ruleMessage } from "./results";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** "ssh-allowlist" -> "SshAllowlist" (SARIF's rule `name` is an identifier). */
function identifier(id: string): string {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join("");
}

function fingerprint(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

/** SARIF URIs use forward slashes, relative to the repository root. */
function uri(path: string): string {
    return path.split("\\").join("/");
}

export function renderSarif(result: CheckResult, toolVersion = "0.1.0"): string {
    const policies = result.policyPack.policies;
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const rules = policies.map((p) => ({
        id: p.name,
        name: identifier(p.name),
        shortDescription: { text: p.description || p.name },
        fullDescription: { text: p.description || p.name },
        help: { text: p.remediationSteps || p.description || p.name },
        ...(p.url ? { helpUri: p.url } : {}),
        defaultConfiguration: {
            level: p.enforcementLevel === "advisory" ? "warning" : p.enforcementLevel === "disabled" ? "none" : "error",
        },
        properties: {
            tags: ["pulumi-policy", result.policyPack.name, ...(p.tags ?? [])],
            enforcementLevel: p.enforcementLevel,
        },
    }));

    const results: any[] = [];
    for (const stack of result.stacks) {
        for (const v of stack.violations) {
            // A policy the pack reported under another name (reportViolation({ name })) gets a rule too.
            if (!ruleIndex.has(v.policy)) {
                ruleIndex.set(v.policy, rules.length);
                rules.push({
                    id: v.policy,
                    name: identifier(v.policy),
                    shortDescription: { text: v.policy },
                    fullDescription: { text: v.policy },
                    help: { text: v.policy },
                    defaultConfiguration: { level: v.level === "advisory" ? "warning" : "error" },
                    properties: { tags: ["pulumi-policy", result.policyPack.name], enforcementLevel: v.level },
                });
            }
            const description = policies.find((p) => p.name === v.policy)?.description;
            results.push({
                ruleId: v.policy,
                ruleIndex: ruleIndex.get(v.policy),
                level: v.level === "mandatory" ? "error" : "warning",
                message: {
                    text: `${v.resource} (${v.type}) in stack ${stack.name}: ${ruleMessage(v.message, description)}`,
                },
                locations: [
                    {
                        physicalLocation: {
                            artifactLocation: { uri: uri(stack.source), uriBaseId: "%SRCROOT%" },
                            region: { startLine: stack.line ?? 1 },
                        },
                        logicalLocations: [{ name: v.resource, fullyQualifiedName: v.urn, kind: "resource" }],
                    },
                ],
                partialFingerprints: { primaryLocationLineHash: `${fingerprint(stack.name, v.policy, v.urn)}:1` },
                properties: {
                    stack: stack.name,
                    cloud: stack.cloud,
                    resourceType: v.type,
                    urn: v.urn,
                    enforcementLevel: v.level,
                },
            });
        }
    }

    const failures = result.stacks.filter((s) => s.error !== undefined);
    const doc = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "webtier-policy-check",
                        version: toolVersion,
                        informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
                        rules,
                        properties: { policyPack: `${result.policyPack.name}@${result.policyPack.version}` },
                    },
                },
                invocations: [
                    {
                        executionSuccessful: failures.length === 0,
                        exitCode: exitCodeOf(result),
                        toolExecutionNotifications: failures.map((s) => ({
                            level: "error",
                            message: { text: `stack ${s.name}: the program failed to evaluate: ${s.error}` },
                            locations: [
                                {
                                    physicalLocation: {
                                        artifactLocation: { uri: uri(s.source), uriBaseId: "%SRCROOT%" },
                                    },
                                },
                            ],
                        })),
                    },
                ],
                results,
            },
        ],
    };
    return JSON.stringify(doc, null, 2) + "\n";
}
