/**
 * Where DigitalOcean shows a secret to whoever may read a resource (webtier-plaintext-secrets):
 * App Platform environment variables of type GENERAL (the default), app-wide or a component's
 * (services, workers, jobs, static sites, functions). Their values are part of the app spec,
 * which the API (`GET /v2/apps/{id}`) and the control panel show to every member who can read
 * the app; a variable of type SECRET is encrypted and shown to no one. App Platform fills its
 * bindable variables (`${db.PASSWORD}`, `${APP_URL}`, `${_self.PRIVATE_URL}`) when the app runs,
 * so a value that is one, or a URL built of them, holds no secret; any other `$` is text.
 * Values unknown during preview are not judged here (they are on `pulumi up`).
 */
import { type Reading, listedFindings, secretsInVariable } from "../secrets";
import { Res, describe, isUnknown, listOf, propOf } from "../values";

const APP = "digitalocean:index/app:App";
/** The spec's component lists, each component with its own `envs`. */
const COMPONENTS = [
    ["services", "service"],
    ["workers", "worker"],
    ["jobs", "job"],
    ["staticSites", "static site"],
    ["functions", "functions component"],
] as const;

/** A bindable variable: an app-wide one (`${APP_URL}`) or a component's (`${db.PASSWORD}`, `${_self.PRIVATE_URL}`). */
const BINDABLE = /^\$\{[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?\}$/;
const APP_PLATFORM: Reading = { isReference: (value) => BINDABLE.test(value) };

type Env = { key?: unknown; value?: unknown; type?: unknown };

/** What GENERAL variables among `envs` hold (a variable of unknown type is not judged). */
function secretsInEnvs(envs: unknown): string[] {
    const found = new Set<string>();
    for (const env of listOf<Env>(envs)) {
        if (!env || typeof env !== "object" || isUnknown(env) || isUnknown(env.type)) continue;
        if (typeof env.type === "string" && env.type.toUpperCase() === "SECRET") continue;
        if (typeof env.key !== "string" || typeof env.value !== "string" || env.value === "") continue;
        for (const what of secretsInVariable(env.key, env.value, APP_PLATFORM)) found.add(what);
    }
    return [...found];
}

/** Secrets one DigitalOcean resource shows in plain text, as messages (never the values). */
export function digitalOceanPlaintextSecrets(res: Res): string[] {
    if (res.type !== APP) return [];
    const problems: string[] = [];
    const report = (where: string, found: string[]) => {
        if (found.length === 0) return;
        problems.push(
            `${describe(res)}: ${where} has ${listedFindings(found)} in a GENERAL environment variable, whose value the app spec shows to anyone who can read the app. ` +
                'Set type: "SECRET" on the variable (App Platform then encrypts it and shows it to no one).',
        );
    };
    // The spec is one object (a one-element list in older provider versions).
    for (const spec of listOf<Record<string, unknown>>(propOf(res, "spec"))) {
        if (!spec || typeof spec !== "object" || isUnknown(spec)) continue;
        report("the app", secretsInEnvs(spec.envs));
        for (const [list, kind] of COMPONENTS) {
            for (const component of listOf<{ name?: unknown; envs?: unknown }>(spec[list])) {
                if (!component || typeof component !== "object" || isUnknown(component)) continue;
                const name = typeof component.name === "string" ? ` "${component.name}"` : "";
                report(`${kind}${name}`, secretsInEnvs(component.envs));
            }
        }
    }
    return problems;
}
