/**
 * The variables a program's process has under `pulumi up` / `preview` beyond the CLI's own
 * environment. Two layers set them (pulumi/pulumi):
 * - the Node.js language host (sdk/nodejs/cmd/pulumi-language-nodejs, execRuntime) appends the
 *   stack's config as PULUMI_CONFIG (constructConfig: every key rewritten to the old
 *   `<namespace>:config:<name>` form, as JSON from Go's encoding/json), PULUMI_CONFIG_SECRET_KEYS
 *   (a JSON array), PULUMI_NODEJS_TYPESCRIPT=true unless Pulumi.yaml's `typescript` option is
 *   false, and PULUMI_NODEJS_TSCONFIG_PATH when its `tsconfig` option is set;
 * - cmd/run (the SDK's entry point, index.js) copies its arguments into PULUMI_NODEJS_ORGANIZATION,
 *   PROJECT, ROOT_DIRECTORY, STACK, DRY_RUN (only when it is a preview: a false boolean flag is not
 *   copied) and PARALLEL, "so that other copies of @pulumi/pulumi loaded later can recover them".
 * Programs read them too (`process.env.PULUMI_NODEJS_STACK` naming a namespace or an .env file).
 * The monitor, engine and sync addresses are left out: the check has no engine to point a second
 * SDK copy at, and one that found an address would try to connect to it.
 */
import { goJsonString, goJsonStringMap } from "./analyzer-env";

export interface LanguageHostRun {
    organization: string;
    project: string;
    stack: string;
    /** The folder of Pulumi.yaml (RunRequest.Info.RootDirectory). */
    rootDirectory: string;
    dryRun: boolean;
    /** The stack's config, `<namespace>:<name>` keys to values, secrets decrypted. */
    config: Record<string, string>;
    /** Which of `config`'s keys are secrets. */
    secretKeys: readonly string[];
    /** The engine's `--parallel`: its default is four per CPU (defaultParallel in up.go). */
    parallel: number;
    /** Pulumi.yaml's runtime options `typescript` (default true) and `tsconfig`. */
    typescript: boolean;
    tsconfig?: string;
}

/** A config key in the form constructConfig hands the program: `<namespace>:config:<name>`. */
export function legacyConfigKey(key: string): string {
    const parts = key.split(":");
    if (parts.length === 3 && parts[1] === "config") return key;
    const colon = key.indexOf(":");
    return colon < 0 ? key : `${key.slice(0, colon)}:config:${key.slice(colon + 1)}`;
}

/** Go's encoding/json for a []string. */
function goJsonStringArray(values: readonly string[]): string {
    return `[${values.map(goJsonString).join(",")}]`;
}

/** The variables the language host and cmd/run set for one run of a program. */
export function languageHostEnvironment(run: LanguageHostRun): Record<string, string> {
    const env: Record<string, string> = {};
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(run.config)) config[legacyConfigKey(key)] = value;
    env.PULUMI_CONFIG = goJsonStringMap(config);
    env.PULUMI_CONFIG_SECRET_KEYS = goJsonStringArray(run.secretKeys);
    if (run.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (run.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = run.tsconfig;
    // cmd/run's addToEnvIfDefined: only values that are set (and a dry run only when true).
    const copy = (key: string, value: string) => {
        if (value) env[key] = value;
    };
    copy("PULUMI_NODEJS_ORGANIZATION", run.organization);
    copy("PULUMI_NODEJS_PROJECT", run.project);
    copy("PULUMI_NODEJS_ROOT_DIRECTORY", run.rootDirectory);
    copy("PULUMI_NODEJS_STACK", run.stack);
    if (run.dryRun) env.PULUMI_NODEJS_DRY_RUN = "true";
    copy("PULUMI_NODEJS_PARALLEL", String(run.parallel));
    return env;
}
