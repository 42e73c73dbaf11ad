import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { costOfStacks, evaluateStack, EvaluatedStack, main, PRICE_TABLES } from "../../../tools/cost/cli";
import { byCategory, estimate, Estimate } from "../../../tools/cost/estimate";
import { CostReport, parseReport, renderComparison, renderMarkdown, renderText } from "../../../tools/cost/report";
import { AWS_PRICES } from "../../../tools/cost/prices/aws";
import { HOURS_PER_MONTH } from "../../../tools/cost/prices/types";
import { listStacks } from "../../../tools/check/stack-config";
import { PRICE_TABLES as TABLES_BY_CLOUD } from "../../../tools/clouds";
import { DIST_ROOT, REPO_ROOT } from "../check/paths";
import { scratchDir } from "../../support/scratch";

const stacks = new Map<string, EvaluatedStack>();
async function stack(name: string): Promise<EvaluatedStack> {
    if (!stacks.has(name)) stacks.set(name, await evaluateStack(REPO_ROOT, name, DIST_ROOT));
    return stacks.get(name)!;
}
async function estimateOf(name: string, region?: string): Promise<Estimate> {
    const s = await stack(name);
    return estimate(s.resources, PRICE_TABLES[s.cloud]!, region ?? s.region);
}
const linesFor = (e: Estimate, category: string) => e.lines.filter((l) => l.category === category);

describe("npm run cost: the estimate from each stack's real resources", function () {
    this.timeout(240000);

    it("prices every stack in stacks/, fixed charges totalled", async () => {
        const report = await costOfStacks(REPO_ROOT, [], DIST_ROOT);
        assert.deepStrictEqual(
            report.stacks.map((s) => s.name),
            listStacks(path.join(REPO_ROOT, "stacks")),
        );
        for (const s of report.stacks) {
            assert.strictEqual(s.error, undefined, `${s.name}: ${s.error}`);
            assert.ok(s.estimate!.total > 0, s.name);
            const sum = s.estimate!.lines.reduce((acc, l) => acc + (l.monthly ?? 0), 0);
            assert.ok(Math.abs(sum - s.estimate!.total) < 0.01, s.name);
        }
    });

    it("aws-prod: one line per server at its instance type, Multi-AZ standby, cache replica, NAT gateway per zone and public IPv4", async () => {
        const e = await estimateOf("aws-prod");
        const servers = linesFor(e, "servers");
        assert.strictEqual(servers.length, 3);
        for (const line of servers) assert.strictEqual(line.monthly, Math.round(0.0456 * HOURS_PER_MONTH * 100) / 100);
        const database = linesFor(e, "database").map((l) => l.item);
        assert.ok(database.includes("Multi-AZ standby (db.t4g.medium)"), database.join("; "));
        assert.ok(database.includes("standby's 100 GiB storage"));
        assert.ok(linesFor(e, "cache").some((l) => l.item === "1 replica(s) (cache.t4g.small)"));
        assert.strictEqual(linesFor(e, "nat").filter((l) => l.monthly !== undefined).length, 3);
        // Three NAT gateway addresses and the balancer's one per zone.
        assert.strictEqual(byCategory(e)["public-ipv4"], Math.round(6 * 0.005 * HOURS_PER_MONTH * 100) / 100);
        assert.strictEqual(e.incomplete, false);
    });

    it("aws-dev costs less than aws-prod, part by part where prod has more of it", async () => {
        const [dev, prod] = [byCategory(await estimateOf("aws-dev")), byCategory(await estimateOf("aws-prod"))];
        for (const part of ["servers", "database", "cache", "nat", "monitoring"] as const)
            assert.ok(dev[part]! < prod[part]!, part);
    });

    it("prices each alarm by the metrics it reads (metric math pays for each)", async () => {
        const e = await estimateOf("aws-prod");
        const alarms = linesFor(e, "monitoring").filter((l) => l.item.startsWith("alarm"));
        assert.ok(alarms.some((l) => l.item === "alarm (2 metrics)" && l.monthly === 0.2));
        assert.ok(alarms.length > 20);
    });

    it("do-prod: droplets, balancer nodes, database and cache with their standby nodes, one Spaces subscription", async () => {
        const e = await estimateOf("do-prod");
        assert.deepStrictEqual(
            linesFor(e, "servers")
                .filter((l) => l.monthly)
                .map((l) => l.monthly),
            [24, 24, 24],
        );
        assert.deepStrictEqual(
            linesFor(e, "database").map((l) => `${l.item}: ${l.monthly}`),
            ["mysql db-s-2vcpu-4gb primary node: 60", "1 standby node(s) (db-s-2vcpu-4gb): 60"],
        );
        assert.strictEqual(linesFor(e, "storage").filter((l) => l.item.startsWith("Spaces subscription")).length, 1);
    });

    it("shows traffic, requests and data stored as unit prices, not in the total", async () => {
        const e = await estimateOf("aws-prod");
        const usage = e.lines.filter((l) => l.usage);
        assert.ok(usage.some((l) => l.category === "cdn" && /GB out to viewers/.test(l.usage!.unit)));
        assert.ok(usage.some((l) => l.category === "nat" && /GB processed/.test(l.usage!.unit)));
        assert.ok(usage.every((l) => l.monthly === undefined));
    });

    it("never prices a region without prices at 0: it says so and names the table", async () => {
        const e = await estimateOf("aws-prod", "ap-south-2");
        assert.strictEqual(e.incomplete, true);
        const unpriced = e.lines.filter((l) => l.unpriced);
        assert.ok(unpriced.length > 10);
        assert.ok(unpriced.every((l) => l.unpriced!.includes("tools/cost/prices/aws.ts")));
        assert.ok(e.lines.every((l) => l.monthly === undefined));
        const text = renderText({ version: 1, stacks: [{ name: "aws-prod", estimate: e }] });
        assert.match(text, /unknown \(no prices, see tools\/cost\/prices\/aws\.ts\)/);
        assert.doesNotMatch(text.split("\n")[0], /\$0\.00/);
    });

    it("names a size the table lacks, and keeps the rest priced", async () => {
        const s = await stack("aws-prod");
        const resources = s.resources.map((r) =>
            r.type === "aws:ec2/instance:Instance" && r.name.endsWith("-1")
                ? { ...r, inputs: { ...r.inputs, instanceType: "c7i.48xlarge" } }
                : r,
        );
        const e = estimate(resources, AWS_PRICES, s.region);
        const missing = e.lines.filter((l) => l.unpriced);
        assert.deepStrictEqual(
            missing.map((l) => l.unpriced),
            ["no price for c7i.48xlarge × 730 h in eu-west-1 in tools/cost/prices/aws.ts; add it"],
        );
        assert.match(
            renderText({ version: 1, stacks: [{ name: "x", estimate: e }] }),
            /^stack x \(aws, eu-west-1\): at least \$/,
        );
    });

    it("lists a resource type it does not know instead of counting it as free", async () => {
        const s = await stack("aws-dev");
        const e = estimate(
            [...s.resources, { type: "aws:kinesis/stream:Stream", name: "events", inputs: {} }],
            AWS_PRICES,
            s.region,
        );
        assert.ok(
            e.lines.some(
                (l) =>
                    l.resource === "events" &&
                    l.category === "other" &&
                    /neither priced nor listed as free in tools\/cost\/prices\/aws\.ts/.test(l.unpriced!),
            ),
        );
    });

    it("states its source and date", () => {
        for (const table of Object.values(TABLES_BY_CLOUD)) {
            assert.match(table.date, /^\d{4}-\d{2}-\d{2}$/);
            assert.ok(table.sources.length > 0 && table.sources.every((s) => s.startsWith("https://")));
            assert.ok(fs.existsSync(path.join(REPO_ROOT, table.file)), table.file);
        }
    });
});

describe("npm run cost: reports", function () {
    this.timeout(240000);
    let head: CostReport;
    before(async () => {
        head = await costOfStacks(REPO_ROOT, ["aws-prod", "do-dev"], DIST_ROOT);
    });

    it("compares the base branch's report with the change's, side by side", () => {
        // The base: aws-prod with two servers (one server line less).
        const base: CostReport = JSON.parse(JSON.stringify(head));
        const prod = base.stacks[0].estimate!;
        const dropped = prod.lines.findIndex((l) => l.category === "servers");
        prod.total = Math.round((prod.total - prod.lines[dropped].monthly!) * 100) / 100;
        prod.lines.splice(dropped, 1);
        const markdown = renderComparison(base, head);
        const server = head.stacks[0].estimate!.lines.find((l) => l.category === "servers")!.monthly!;
        assert.match(
            markdown,
            new RegExp(
                `\\| aws-prod \\| \\$${prod.total.toFixed(2)} \\| \\$${head.stacks[0].estimate!.total.toFixed(2)} \\| \\+\\$${server.toFixed(2)} \\|`,
            ),
        );
        assert.match(
            markdown,
            new RegExp(
                `\\| Servers \\| \\$${(2 * server).toFixed(2)} \\| \\$${(3 * server).toFixed(2)} \\| \\+\\$${server.toFixed(2)} \\|`,
            ),
        );
        assert.match(markdown, /\| do-dev \| \$[\d.]+ \| \$[\d.]+ \| ±\$0\.00 \|/);
    });

    it("says when the base branch has no estimate", () => {
        assert.match(renderComparison(undefined, head), /No estimate for the base branch/);
        assert.match(renderComparison(undefined, head), /\| aws-prod \| — \| \$/);
    });

    it("renders Markdown with a summary and every line", () => {
        const markdown = renderMarkdown(head);
        assert.match(markdown, /\| aws-prod \| aws, eu-west-1 \| \$[\d.]+ \|/);
        assert.match(markdown, /\| NAT gateways \| aws-prod-nat-1 \| NAT gateway × 730 h \| \$35\.04 \|/);
    });

    it("writes JSON that --base reads back, and compares through the CLI", async () => {
        const dir = scratchDir("cost-");
        const file = path.join(dir, "base.json");
        fs.writeFileSync(file, JSON.stringify(head));
        assert.deepStrictEqual(parseReport(fs.readFileSync(file, "utf8"), file), head);
        assert.throws(() => parseReport("{}", "x.json"), /not a cost report of version 1/);
        const cwd = process.cwd();
        process.chdir(REPO_ROOT);
        try {
            let out = "";
            const code = await main(
                ["--stack", "do-dev", "--base", file],
                (t) => (out += t),
                () => undefined,
            );
            assert.strictEqual(code, 0);
            assert.match(out, /\| do-dev \| \$[\d.]+ \| \$[\d.]+ \| ±\$0\.00 \|/);
            assert.match(out, /\| aws-prod \| \$[\d.]+ \| — \|/);
            assert.strictEqual(
                await main(
                    ["--format", "yaml"],
                    () => undefined,
                    () => undefined,
                ),
                2,
            );
            assert.strictEqual(
                await main(
                    ["--stack", "nope"],
                    () => undefined,
                    () => undefined,
                ),
                1,
            );
        } finally {
            process.chdir(cwd);
        }
    });
});
