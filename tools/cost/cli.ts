/**
 * `npm run cost`: the monthly cost estimate of every stack in stacks/ (or those given with
 * --stack), computed from the resources each stack's program really registers, evaluated under
 * mocks by the same harness as the policy check (tools/harness/evaluate.ts), and the price
 * tables in tools/cost/prices/.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../harness/evaluate";
import { listStacks, readProjectFile, readStackFile, stackFilePath } from "../check/stack-config";
import { webtierProgram } from "../check/program";
import { SECRET_KEYS } from "../../infra/config/types";
import { estimate, PricedResource } from "./estimate";
import { PRICE_TABLES as TABLES_BY_CLOUD } from "../clouds";
import type { PriceTable } from "./prices/types";
import { CostReport, StackCost, parseReport, renderComparison, renderJson, renderMarkdown, renderText } from "./report";

/** The folder tsc compiled this tool into: tools/cost/cli.js -> ../.. */
const DIST_ROOT = path.resolve(__dirname, "..", "..");

/** Each cloud's price table (tools/clouds.ts), by the `webtier:cloud` a stack file names. */
export const PRICE_TABLES: Readonly<Record<string, PriceTable | undefined>> = TABLES_BY_CLOUD;

export const USAGE = `npm run cost -- [options]

  --stack NAME        Estimate this stack (stacks/Pulumi.NAME.yaml); repeatable. Default: every stack.
  --format FORMAT     text (default), markdown, or json (what --base reads).
  --base FILE         Compare with this JSON report (the base branch's), side by side, in Markdown.
  --output FILE       Write the report to FILE instead of standard output.
  --help              This text.

Exit codes: 0 every stack estimated, 1 a stack could not be evaluated, 2 bad usage.
`;

export interface CostArgs {
    stacks: string[];
    format: "text" | "markdown" | "json";
    base?: string;
    output?: string;
    help: boolean;
}

export function parseArgs(argv: string[]): CostArgs {
    const args: CostArgs = { stacks: [], format: "text", help: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const next = argv[++i];
            if (next === undefined || next.startsWith("--")) throw new Error(`${arg} needs a value`);
            return next;
        };
        if (arg === "--stack") args.stacks.push(value());
        else if (arg === "--format") {
            const format = value();
            if (format !== "text" && format !== "markdown" && format !== "json")
                throw new Error(`--format must be text, markdown or json, not "${format}"`);
            args.format = format;
        } else if (arg === "--base") args.base = value();
        else if (arg === "--output") args.output = value();
        else if (arg === "--help" || arg === "-h") args.help = true;
        else throw new Error(`unknown option ${arg}`);
    }
    return args;
}

/** One stack evaluated under mocks: its registered resources, cloud and region. */
export interface EvaluatedStack {
    resources: PricedResource[];
    cloud: string;
    region: string;
}

/** Evaluates stack `name` of the project in `projectDir` with webtier's program, as the check does. */
export async function evaluateStack(projectDir: string, name: string, distRoot = DIST_ROOT): Promise<EvaluatedStack> {
    const project = readProjectFile(projectDir);
    const file = stackFilePath(project.stackConfigDir, name);
    if (!file)
        throw new Error(
            `no stack file Pulumi.${name}.yaml in ${path.relative(projectDir, project.stackConfigDir) || "."}`,
        );
    const config = readStackFile(file, { project: project.name, requiredSecrets: SECRET_KEYS });
    const evaluation = await evaluate({
        program: webtierProgram(distRoot).run,
        config: config.config,
        secretKeys: config.secretKeys,
        project: project.name,
        stack: name,
    });
    return {
        resources: evaluation.resources,
        cloud: config.config[`${project.name}:cloud`],
        region: config.config[`${project.name}:region`],
    };
}

/** Evaluates each stack (default: every stack file) and estimates it. */
export async function costOfStacks(
    projectDir: string,
    stacks: string[] = [],
    distRoot = DIST_ROOT,
): Promise<CostReport> {
    const names = stacks.length > 0 ? stacks : listStacks(readProjectFile(projectDir).stackConfigDir);
    const results: StackCost[] = [];
    for (const name of names) {
        try {
            const stack = await evaluateStack(projectDir, name, distRoot);
            const table = PRICE_TABLES[stack.cloud];
            if (!table)
                throw new Error(
                    `webtier:cloud is "${stack.cloud}"; there is no price table for it in tools/cost/prices/`,
                );
            results.push({ name, estimate: estimate(stack.resources, table, stack.region) });
        } catch (error) {
            results.push({ name, error: (error as Error).message });
        }
    }
    return { version: 1, stacks: results };
}

export async function main(
    argv: string[],
    out: (text: string) => void = (t) => process.stdout.write(t),
    err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
    let args: CostArgs;
    try {
        args = parseArgs(argv);
    } catch (error) {
        err(`cost: ${(error as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (args.help) {
        out(USAGE);
        return 0;
    }
    let base: CostReport | undefined;
    if (args.base) {
        // A missing base report is normal (a base branch without this tool): compare with nothing.
        if (fs.existsSync(args.base) && fs.statSync(args.base).size > 0) {
            try {
                base = parseReport(fs.readFileSync(args.base, "utf8"), args.base);
            } catch (error) {
                err(`cost: ${(error as Error).message}; comparing with nothing\n`);
            }
        }
    }
    const report = await costOfStacks(process.cwd(), args.stacks);
    const text =
        args.base !== undefined
            ? renderComparison(base, report)
            : args.format === "json"
              ? renderJson(report)
              : args.format === "markdown"
                ? renderMarkdown(report)
                : renderText(report);
    if (args.output) fs.writeFileSync(args.output, text);
    else out(text);
    const failed = report.stacks.filter((s) => s.error);
    for (const stack of failed) err(`cost: stack ${stack.name} could not be evaluated: ${stack.error}\n`);
    return failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            process.stderr.write(`cost: ${(error as Error).stack ?? error}\n`);
            process.exit(2);
        },
    );
}
