/**
 * The environment the engine gives a policy pack process, as `constructEnv` in the engine's
 * analyzer plugin builds it (sdk/go/common/resource/plugin/analyzer_plugin.go): the stack's
 * decrypted config as JSON in PULUMI_CONFIG, then organization, project, stack and dry-run, both
 * as PULUMI_NODEJS_* (what @pulumi/pulumi reads in a Node.js pack) and PULUMI_*, each only when
 * it is not empty. A pack that calls `new pulumi.Config().require(...)`, `pulumi.getStack()` or
 * `pulumi.runtime.isDryRun()` reads these; without them it dies before it listens.
 *
 * Since the language host runs packs itself (pulumi-language-nodejs RunPlugin), it awaits the
 * same ConfigureStack values and sets the PULUMI_NODEJS_* family and PULUMI_CONFIG from them;
 * the set here is the union both paths give a Node.js pack.
 */

/** Who and what the pack is analyzing: the engine's PolicyAnalyzerOptions. */
export interface AnalyzerIdentity {
    organization: string;
    project: string;
    stack: string;
    dryRun: boolean;
    /** The stack's config, full keys ("aws:region") to values, secrets decrypted. */
    config: Record<string, string>;
}

export { DIY_ORGANIZATION } from "../harness/evaluation-settings";

/**
 * A string as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped (Go escapes
 * them for HTML safety; JSON.stringify does not).
 */
export function goJsonString(text: string): string {
    return JSON.stringify(text).replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}

/** JSON as Go's encoding/json writes a map[string]string: keys sorted, strings as goJsonString. */
export function goJsonStringMap(map: Record<string, string>): string {
    const keys = Object.keys(map).sort();
    return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(map[k])}`).join(",")}}`;
}

/** The variables `constructEnv` sets for a pack of `runtime` (only Node.js packs get PULUMI_NODEJS_*). */
export function analyzerEnvironment(identity: AnalyzerIdentity, runtime = "nodejs"): Record<string, string> {
    const env: Record<string, string> = {};
    const set = (key: string, value: string) => {
        if (value !== "") env[key] = value;
    };
    set("PULUMI_CONFIG", goJsonStringMap(identity.config));
    const dryRun = String(identity.dryRun);
    if (runtime === "nodejs") {
        set("PULUMI_NODEJS_ORGANIZATION", identity.organization);
        set("PULUMI_NODEJS_PROJECT", identity.project);
        set("PULUMI_NODEJS_STACK", identity.stack);
        set("PULUMI_NODEJS_DRY_RUN", dryRun);
    }
    set("PULUMI_ORGANIZATION", identity.organization);
    set("PULUMI_PROJECT", identity.project);
    set("PULUMI_STACK", identity.stack);
    set("PULUMI_DRY_RUN", dryRun);
    return env;
}

/**
 * Variables of the check's own process that would leak into the pack and change what it reads
 * (a CI job that runs the check inside `pulumi` or with its own config set): the engine's plugin
 * environment starts from the CLI's, which never carries a program's runtime settings.
 */
export const PROGRAM_RUNTIME_VARIABLES = [
    "PULUMI_CONFIG",
    "PULUMI_CONFIG_SECRET_KEYS",
    "PULUMI_NODEJS_ORGANIZATION",
    "PULUMI_NODEJS_PROJECT",
    "PULUMI_NODEJS_STACK",
    "PULUMI_NODEJS_DRY_RUN",
    "PULUMI_NODEJS_MONITOR",
    "PULUMI_NODEJS_ENGINE",
    "PULUMI_NODEJS_PARALLEL",
    "PULUMI_NODEJS_SYNC",
    "PULUMI_ORGANIZATION",
    "PULUMI_PROJECT",
    "PULUMI_STACK",
    "PULUMI_DRY_RUN",
];

/** The pack process's whole environment: the check's own, minus program runtime settings, plus the engine's. */
export function packProcessEnvironment(
    base: NodeJS.ProcessEnv,
    identity: AnalyzerIdentity,
    runtime = "nodejs",
): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...base };
    for (const key of PROGRAM_RUNTIME_VARIABLES) delete env[key];
    return { ...env, ...analyzerEnvironment(identity, runtime) };
}
