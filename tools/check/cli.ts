/**
 * `npm run check`: the offline policy check of every stack. See USAGE in args.ts.
 */
// First, before anything loads @pulumi/pulumi: what it loads and the check does not use waits
// until something uses it.
import "./lazy-modules";
import * as fs from "fs";
import * as path from "path";
import { USAGE, UsageError, parseArgs } from "./args";
import { renderFailureMarkdown, renderJson, renderMarkdown, renderText } from "./report";
import { exitCodeOf } from "./results";
import { runCheck } from "./run";
import { renderSarif } from "./sarif";

/** The folder tsc compiled this tool into (dist/ or dist-<you>/): tools/check/cli.js -> ../.. */
const DIST_ROOT = path.resolve(__dirname, "..", "..");

function toolVersion(): string {
    try {
        return JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")).version ?? "0.0.0";
    } catch {
        return "0.0.0";
    }
}

/**
 * The project folder's path inside its git repository ("" at the root): code scanning resolves
 * SARIF paths against the repository root, not the folder the check ran in.
 */
export function repositoryPrefix(projectDir: string): string {
    for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, ".git")))
            return path.relative(dir, path.resolve(projectDir)).split(path.sep).join("/");
        if (path.dirname(dir) === dir) return "";
    }
}

/** Links for the Markdown summary when running in GitHub Actions: the file at this commit. */
export function githubLinkBase(env: NodeJS.ProcessEnv, prefix: string): string | undefined {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
    if (!server || !repository || !sha) return undefined;
    return `${server}/${repository}/blob/${sha}/${prefix ? `${prefix}/` : ""}`;
}

/** Runs the CLI; resolves to the exit code. Output goes to `out`, problems to `err`. */
export async function main(
    argv: string[],
    out: (text: string) => void = (t) => process.stdout.write(t),
    err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
    let args;
    try {
        args = parseArgs(argv);
    } catch (e) {
        err(`check: ${(e as Error).message}\n\n${USAGE}`);
        return 2;
    }
    if (args.help) {
        out(USAGE);
        return 0;
    }
    try {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            stacks: args.stacks,
            stacksDir: args.stacksDir,
            program: args.program,
            config: args.config,
            policyPack: args.policyPack,
            policyConfig: args.policyConfig,
            stackOutputs: args.stackOutputs,
            preview: args.preview,
        });
        const prefix = repositoryPrefix(process.cwd());
        const markdown = () => renderMarkdown(result, { linkBase: githubLinkBase(process.env, prefix) });
        const report =
            args.format === "json"
                ? renderJson(result)
                : args.format === "sarif"
                  ? renderSarif(result, { toolVersion: toolVersion(), projectPrefix: prefix })
                  : args.format === "markdown"
                    ? markdown()
                    : renderText(result);
        if (args.summary) fs.appendFileSync(args.summary, markdown());
        if (args.output) {
            fs.writeFileSync(args.output, report);
            // Still say what happened on the terminal, briefly.
            if (args.format !== "text") err(renderText(result));
        } else {
            out(report);
        }
        // The text report on the terminal already shows evaluation errors; elsewhere, say them on stderr.
        for (const stack of result.stacks) {
            if (stack.error !== undefined && (args.format !== "text" || args.output))
                err(`check: stack ${stack.name}: the program could not be evaluated:\n${stack.error}\n`);
        }
        return exitCodeOf(result);
    } catch (e) {
        const error = e as Error;
        const known = [
            "UsageError",
            "StackFileError",
            "PolicyConfigError",
            "PolicyPackError",
            "ProgramLoadError",
            "StackOutputsError",
        ].includes(error.name);
        err(`check: ${known ? error.message : (error.stack ?? error.message)}\n`);
        if (error instanceof UsageError) err("Run with --help for the options.\n");
        // The job summary says why there is no report, rather than nothing.
        if (args.summary) fs.appendFileSync(args.summary, renderFailureMarkdown(error.message));
        return 2;
    }
}

/**
 * Ends the process with `code` once its output is out, also when a checked program left a timer or
 * a socket open (the notes say so): under `pulumi up` the host's process would wait for it, and so
 * would CI. The timer holds nothing open itself.
 */
function finish(code: number): void {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 1000).unref();
}

if (require.main === module) {
    main(process.argv.slice(2)).then(finish, (e) => {
        process.stderr.write(`check: ${(e as Error).stack ?? e}\n`);
        finish(2);
    });
}
