/**
 * A stack's monthly cost, from the resources its program really registers (sizes, counts,
 * Multi-AZ, standby nodes, NAT gateways, alarms...) and a price table. Pure: the CLI evaluates
 * the stack with the harness and hands the registrations over.
 *
 * Fixed monthly charges are totalled; usage-based charges (traffic, requests, data stored) are
 * listed as unit prices, never guessed. A size, region or resource type the table lacks is
 * listed as unpriced, naming the table to update; it is never counted as 0. Each cloud's pricers
 * are registered with its table in tools/clouds.ts.
 */
import { TOOL_CLOUDS } from "../clouds";
import { CATEGORIES, Category, Context, CostLine, Estimate, PricedResource, reveal, round } from "./pricing";
import { PriceTable } from "./prices/types";

export { CATEGORIES, CATEGORY_LABELS } from "./pricing";
export type { Category, CostLine, Estimate, PricedResource } from "./pricing";

/** Types that are not billed resources: providers, components, dynamic resources, random values. */
function isNotBilled(type: string): boolean {
    return (
        type.startsWith("pulumi:") ||
        type.startsWith("webtier:") ||
        type.startsWith("random:") ||
        type.startsWith("pulumi-nodejs:")
    );
}

/** Estimates a stack's monthly cost from its registered resources. */
export function estimate(resources: PricedResource[], table: PriceTable, region: string): Estimate {
    const context: Context = {
        region,
        prices: table.regions[region] ?? table.regions["*"],
        table,
        resources,
        once: new Set(),
    };
    const pricers = TOOL_CLOUDS[table.cloud].cost.pricers;
    const lines: CostLine[] = [];
    for (const resource of resources) {
        if (isNotBilled(resource.type) || table.free.includes(resource.type)) continue;
        const pricer = pricers[resource.type];
        const inputs = Object.fromEntries(
            Object.entries(resource.inputs ?? {}).map(([key, value]) => [key, reveal(value)]),
        );
        if (pricer) lines.push(...pricer({ ...resource, inputs }, context));
        else
            lines.push({
                category: "other",
                resource: resource.name,
                item: resource.type,
                unpriced: `${resource.type} is neither priced nor listed as free in ${table.file}; add it`,
            });
    }
    lines.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
    const total = round(lines.reduce((sum, line) => sum + (line.monthly ?? 0), 0));
    return {
        cloud: table.cloud,
        region,
        total,
        incomplete: lines.some((line) => line.unpriced !== undefined),
        lines,
        prices: { file: table.file, date: table.date, sources: table.sources },
    };
}

/** Monthly totals per category (priced lines only). */
export function byCategory(estimate: Estimate): Partial<Record<Category, number>> {
    const totals: Partial<Record<Category, number>> = {};
    for (const line of estimate.lines) {
        if (line.monthly !== undefined) totals[line.category] = round((totals[line.category] ?? 0) + line.monthly);
    }
    return totals;
}
