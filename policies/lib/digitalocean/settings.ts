/**
 * DigitalOcean settings refused together (webtier-preflight-settings):
 * - a DNS record without what its type needs, as terraform-provider-digitalocean's
 *   digitalocean_record refuses it (digitalocean/domain/resource_record.go, read 2026-12-03): MX
 *   needs priority; SRV needs priority and weight (its plan, CustomizeDiff) and port (its create,
 *   after the plan has passed); CAA needs flags and tag;
 * - an App Platform service, worker or job with a negative instanceCount (API app spec
 *   instance_count minimum 1; the provider sends 0 as no count, and App Platform runs one), a
 *   service or worker with both instanceCount and autoscaling (API: instance_count "Must not be
 *   set if autoscaling is used"), an autoscaling minInstanceCount or maxInstanceCount below 1
 *   (provider IntAtLeast(1)), a maxInstanceCount above 250 (API app_autoscaling_spec
 *   max_instance_count maximum 250) or a minInstanceCount above maxInstanceCount (provider:
 *   min_instance_count "Must be less than max_instance_count").
 * App Platform instance size slugs are not judged: the API serves their list
 * (GET /v2/apps/tiers/instance_sizes), which changes without a new provider, and the provider
 * does not validate them.
 * Values unknown during preview are not judged.
 */
import { Res, describe, isUnknown, listOf } from "../values";

const RECORD = "digitalocean:index/dnsRecord:DnsRecord";
const APP = "digitalocean:index/app:App";

const RECORD_SOURCE =
    "Source: terraform-provider-digitalocean digitalocean_record (resource_record.go CustomizeDiff and create).";
const APP_SOURCE =
    "Source: DigitalOcean API app spec (app_component_instance_base instance_count, app_autoscaling_spec); terraform-provider-digitalocean digitalocean_app autoscaling schema.";

/** What each record type needs besides its name and value, and why. */
const RECORD_NEEDS: Readonly<Record<string, readonly string[]>> = {
    MX: ["priority"],
    SRV: ["priority", "weight", "port"],
    CAA: ["flags", "tag"],
};

/** Set, or unknown during preview (which may be set): only an absent value is missing. */
const present = (value: unknown) => value !== undefined && value !== null;

function recordProblems(res: Res): string[] {
    const type = res.props.type;
    if (typeof type !== "string" || isUnknown(type)) return [];
    const needs = RECORD_NEEDS[type] ?? [];
    const missing = needs.filter((property) => !present(res.props[property]));
    if (missing.length === 0) return [];
    const example: Record<string, string> = {
        priority: "priority: 10",
        weight: "weight: 5",
        port: "port: 5060",
        flags: "flags: 0",
        tag: 'tag: "issue"',
    };
    return [
        `${describe(res)}: type ${type} without ${missing.join(" and ")}; DigitalOcean's provider refuses a record of type ${type} without ${needs.join(", ")}. Set ${missing.map((p) => example[p]).join(", ")} (or the values the service needs). ${RECORD_SOURCE}`,
    ];
}

/** A count written as a number now (absent, unknown or not a number: undefined). */
const count = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

const MAX_AUTOSCALED_INSTANCES = 250;

/** The instance counts of one component (`spec.services[0]`) the API or the provider refuses. */
function componentProblems(res: Res, at: string, component: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const instanceCount = count(component.instanceCount);
    if (instanceCount !== undefined && instanceCount < 0)
        problems.push(
            `${describe(res)}: ${at}.instanceCount ${instanceCount}; App Platform runs at least 1 instance of a component. Set instanceCount to 1 or more (or leave it out for 1). ${APP_SOURCE}`,
        );
    const autoscaling = component.autoscaling;
    if (!autoscaling || typeof autoscaling !== "object" || isUnknown(autoscaling)) return problems;
    if (instanceCount !== undefined && instanceCount !== 0)
        problems.push(
            `${describe(res)}: ${at}.instanceCount ${instanceCount} with ${at}.autoscaling; App Platform takes no instance count on a component it autoscales ("Must not be set if autoscaling is used"). Leave instanceCount out and size the component with autoscaling.minInstanceCount and maxInstanceCount. ${APP_SOURCE}`,
        );
    const { minInstanceCount, maxInstanceCount } = autoscaling as Record<string, unknown>;
    const min = count(minInstanceCount);
    const max = count(maxInstanceCount);
    for (const [name, value] of [
        ["minInstanceCount", min],
        ["maxInstanceCount", max],
    ] as const)
        if (value !== undefined && value < 1)
            problems.push(
                `${describe(res)}: ${at}.autoscaling.${name} ${value}; an autoscaled component runs at least 1 instance. Set ${name} to 1 or more. ${APP_SOURCE}`,
            );
    if (max !== undefined && max > MAX_AUTOSCALED_INSTANCES)
        problems.push(
            `${describe(res)}: ${at}.autoscaling.maxInstanceCount ${max} is above ${MAX_AUTOSCALED_INSTANCES}, the most App Platform autoscales a component to. Set maxInstanceCount at most ${MAX_AUTOSCALED_INSTANCES}, or use a larger instanceSizeSlug. ${APP_SOURCE}`,
        );
    if (min !== undefined && max !== undefined && min > max)
        problems.push(
            `${describe(res)}: ${at}.autoscaling.minInstanceCount ${min} is above maxInstanceCount ${max}; an autoscaling range's minimum may not exceed its maximum. Lower minInstanceCount or raise maxInstanceCount. ${APP_SOURCE}`,
        );
    return problems;
}

function appProblems(res: Res): string[] {
    const spec = res.props.spec;
    if (!spec || typeof spec !== "object" || isUnknown(spec)) return [];
    return (["services", "workers", "jobs"] as const).flatMap((kind) =>
        listOf<Record<string, unknown>>((spec as Record<string, unknown>)[kind]).flatMap((component, index) =>
            component && typeof component === "object" && !isUnknown(component)
                ? componentProblems(res, `spec.${kind}[${index}]`, component)
                : [],
        ),
    );
}

export function digitalOceanSettingsProblems(res: Res): string[] {
    if (res.type === RECORD) return recordProblems(res);
    if (res.type === APP) return appProblems(res);
    return [];
}
