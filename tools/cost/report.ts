/**
 * The cost report in text (terminal), Markdown (job summaries) and JSON (for a later
 * comparison), and the side-by-side comparison of two reports (the base branch and a change).
 */
import { CATEGORIES, CATEGORY_LABELS, Category, CostLine, Estimate, byCategory } from "./estimate";

export interface StackCost {
    name: string;
    /** Absent when the stack could not be evaluated (`error` says why). */
    estimate?: Estimate;
    error?: string;
}

export interface CostReport {
    /** Bumped when the JSON shape changes, so a comparison can refuse a report it cannot read. */
    version: 1;
    stacks: StackCost[];
}

const money = (value: number) => `$${value.toFixed(2)}`;
/** The total as printed: "at least" when some item has no price, and never a bare $0.00 for a stack nothing could be priced in. */
export const total = (estimate: Estimate) =>
    estimate.incomplete && estimate.total === 0
        ? `unknown (no prices, see ${estimate.prices.file})`
        : `${estimate.incomplete ? "at least " : ""}${money(estimate.total)}`;
const usageText = (line: CostLine) => `$${line.usage!.price} per ${line.usage!.unit}`;

function lineText(line: CostLine): string {
    if (line.monthly !== undefined) return money(line.monthly);
    if (line.usage) return `usage: ${usageText(line)}`;
    return `NO PRICE: ${line.unpriced}`;
}

/** Plain text, one block per stack. */
export function renderText(report: CostReport): string {
    const out: string[] = [];
    for (const stack of report.stacks) {
        if (!stack.estimate) {
            out.push(`stack ${stack.name}: could not be evaluated: ${stack.error}`, "");
            continue;
        }
        const e = stack.estimate;
        out.push(`stack ${stack.name} (${e.cloud}, ${e.region}): ${total(e)} a month`);
        const width = Math.max(...e.lines.map((l) => l.resource.length), 8);
        for (const category of CATEGORIES) {
            const lines = e.lines.filter((l) => l.category === category);
            if (lines.length === 0) continue;
            const subtotal = byCategory(e)[category];
            out.push(`  ${CATEGORY_LABELS[category]}${subtotal !== undefined ? `: ${money(subtotal)}` : ""}`);
            for (const line of lines)
                out.push(`    ${line.resource.padEnd(width)}  ${line.item.padEnd(48)}  ${lineText(line)}`);
        }
        if (e.incomplete)
            out.push(`  Some items have no price: the total is a lower bound. Add them to ${e.prices.file}.`);
        out.push(
            `  Prices: ${e.prices.file}, list prices as of ${e.prices.date}; usage-based items are not in the total.`,
            "",
        );
    }
    return `${out.join("\n")}\n`;
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Markdown: a summary table, then each stack's lines. */
export function renderMarkdown(report: CostReport): string {
    const out: string[] = ["## Monthly cost estimate", "", "| Stack | Cloud, region | Monthly |", "|---|---|---:|"];
    for (const stack of report.stacks) {
        out.push(
            stack.estimate
                ? `| ${stack.name} | ${stack.estimate.cloud}, ${stack.estimate.region} | ${total(stack.estimate)} |`
                : `| ${stack.name} | | not evaluated: ${escapeCell(stack.error ?? "")} |`,
        );
    }
    for (const stack of report.stacks) {
        if (!stack.estimate) continue;
        out.push(
            "",
            `<details><summary>${stack.name}: ${total(stack.estimate)} a month</summary>`,
            "",
            "| Part | Resource | Item | Monthly |",
            "|---|---|---|---:|",
        );
        for (const line of stack.estimate.lines) {
            const value =
                line.monthly !== undefined
                    ? money(line.monthly)
                    : line.usage
                      ? `usage: ${escapeCell(usageText(line))}`
                      : `**no price**: ${escapeCell(line.unpriced!)}`;
            out.push(`| ${CATEGORY_LABELS[line.category]} | ${line.resource} | ${escapeCell(line.item)} | ${value} |`);
        }
        out.push(
            "",
            `Prices: \`${stack.estimate.prices.file}\`, list prices as of ${stack.estimate.prices.date}. Usage-based items (traffic, requests, data stored) are not in the total.`,
            "",
            "</details>",
        );
    }
    return `${out.join("\n")}\n`;
}

export function renderJson(report: CostReport): string {
    return `${JSON.stringify(report, null, 2)}\n`;
}

/** Reads a JSON report written by `--format json` (the base branch's); throws naming what is wrong. */
export function parseReport(text: string, source: string): CostReport {
    let value: any;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new Error(`${source} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    if (!value || value.version !== 1 || !Array.isArray(value.stacks))
        throw new Error(`${source} is not a cost report of version 1 (written by npm run cost -- --format json)`);
    return value as CostReport;
}

function difference(base: number | undefined, head: number | undefined): string {
    if (base === undefined || head === undefined) return "";
    const delta = Math.round((head - base) * 100) / 100;
    if (delta === 0) return "±$0.00";
    return `${delta > 0 ? "+" : "−"}${money(Math.abs(delta))}`;
}

/**
 * Markdown comparing the base branch's report with this change's, side by side: a summary per
 * stack, then per stack the monthly cost of each part of the tier.
 */
export function renderComparison(
    base: CostReport | undefined,
    head: CostReport,
    baseLabel = "Base branch",
    headLabel = "This change",
): string {
    const names = [...new Set([...(base?.stacks ?? []).map((s) => s.name), ...head.stacks.map((s) => s.name)])];
    const find = (report: CostReport | undefined, name: string) => report?.stacks.find((s) => s.name === name);
    const cell = (stack: StackCost | undefined) =>
        !stack ? "—" : stack.estimate ? total(stack.estimate) : "not evaluated";
    const out: string[] = ["## Monthly cost estimate", ""];
    if (!base)
        out.push(
            `_No estimate for the base branch (it has no \`npm run cost\`, or it failed): only this change's is shown._`,
            "",
        );
    out.push(`| Stack | ${baseLabel} | ${headLabel} | Difference |`, "|---|---:|---:|---:|");
    for (const name of names) {
        const [b, h] = [find(base, name), find(head, name)];
        out.push(`| ${name} | ${cell(b)} | ${cell(h)} | ${difference(b?.estimate?.total, h?.estimate?.total)} |`);
    }
    for (const name of names) {
        const [b, h] = [find(base, name)?.estimate, find(head, name)?.estimate];
        if (!b && !h) continue;
        const [bc, hc] = [b ? byCategory(b) : {}, h ? byCategory(h) : {}];
        const categories = CATEGORIES.filter((c: Category) => bc[c] !== undefined || hc[c] !== undefined);
        out.push(
            "",
            `<details><summary>${name}</summary>`,
            "",
            `| Part | ${baseLabel} | ${headLabel} | Difference |`,
            "|---|---:|---:|---:|",
        );
        for (const category of categories) {
            const [x, y] = [bc[category], hc[category]];
            out.push(
                `| ${CATEGORY_LABELS[category]} | ${x === undefined ? "—" : money(x)} | ${y === undefined ? "—" : money(y)} | ${difference(x ?? 0, y ?? 0)} |`,
            );
        }
        const unpriced = (h?.lines ?? []).filter((l) => l.unpriced);
        if (unpriced.length > 0)
            out.push(
                "",
                ...unpriced.map(
                    (l) => `- **no price**: ${l.resource} (${escapeCell(l.item)}): ${escapeCell(l.unpriced!)}`,
                ),
            );
        out.push("", "</details>");
    }
    const prices = head.stacks.find((s) => s.estimate)?.estimate?.prices;
    out.push(
        "",
        `List prices from \`tools/cost/prices/\`${prices ? ` (as of ${prices.date})` : ""}; usage-based charges (traffic, requests, data stored) are listed per stack by \`npm run cost\` and not in these totals.`,
    );
    return `${out.join("\n")}\n`;
}
