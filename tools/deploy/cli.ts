/**
 * `node dist/tools/deploy/cli.js --stack <name> --ref <git ref>`: the rolling deploy from the
 * command line. `main` takes its dependencies so tests run it end to end against fakes.
 */
import { CliArgs, parseCliArgs, UsageError, USAGE } from "./args";
import { DeployTarget, readOutputsFile, readStackOutputs } from "./outputs";
import { createPlatform, DeployPlatform, PlatformFactory } from "./platforms";
import { renderReleaseCommand } from "./release-command";
import { rollingDeploy, RolloutResult } from "./rollout";
import { OperatorError } from "../../infra/balancer-health/status";
import { Clock, systemClock } from "./types";

export interface CliDeps {
    out: (line: string) => void;
    err: (line: string) => void;
    env: NodeJS.ProcessEnv;
    clock: Clock;
    createPlatform: PlatformFactory;
    readStackOutputs: (stack: string) => Promise<DeployTarget>;
    readOutputsFile: (path: string) => DeployTarget;
}

const defaultDeps: CliDeps = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
    clock: systemClock,
    createPlatform,
    readStackOutputs: (stack) => readStackOutputs(stack),
    readOutputsFile,
};

/** The closing summary: what is on the new release, where the failed server is, what was not touched. */
export function summarize(result: RolloutResult, args: CliArgs): string {
    const names = (servers: { name: string }[]) => servers.map((s) => s.name).join(", ") || "none";
    if (result.plan.refusal) return "Nothing was changed.";
    if (args.dryRun) return "Dry run: nothing was changed.";
    if (!result.failure)
        return `Deployed ${args.ref} to all ${result.deployed.length} server(s): ${names(result.deployed)}.`;
    return [
        `Deploy of ${args.ref} STOPPED at ${result.failure.server.name} (${result.failure.server.id}): ${result.failure.reason}`,
        `  ${result.failure.server.name} is ${result.failure.state}.`,
        `  On ${args.ref}: ${names(result.deployed)}.`,
        `  Untouched (still on the previous release, in service): ${names(result.untouched)}.`,
        `Fix the cause and run the deploy again; servers out of the balancer are released first.`,
    ].join("\n");
}

/** Runs the CLI; resolves to the process exit status (0 done, 1 refused or failed, 2 usage/outputs error). */
export async function main(argv: string[], overrides: Partial<CliDeps> = {}): Promise<number> {
    const deps = { ...defaultDeps, ...overrides };
    let args: CliArgs;
    try {
        args = parseCliArgs(argv);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        deps.err(`deploy: ${error.message}\n\n${USAGE}`);
        return 2;
    }
    if (args.help) {
        deps.out(USAGE);
        return 0;
    }
    let target: DeployTarget;
    try {
        target = args.outputs ? deps.readOutputsFile(args.outputs) : await deps.readStackOutputs(args.stack!);
    } catch (error) {
        if (!(error instanceof OperatorError)) throw error;
        deps.err(`deploy: ${error.message}`);
        return 2;
    }
    let platform: DeployPlatform;
    try {
        platform = deps.createPlatform(target, args, deps.env, deps.clock);
    } catch (error) {
        if (!(error instanceof OperatorError)) throw error;
        deps.err(`deploy: ${error.message}`);
        return 2;
    }
    try {
        const result = await rollingDeploy(
            target.servers,
            {
                ref: args.ref,
                command: renderReleaseCommand(args.releaseCommand, args.ref),
                allowDowntime: args.allowDowntime,
                dryRun: args.dryRun,
                drainTimeoutMs: args.drainTimeoutMs,
                releaseTimeoutMs: args.releaseTimeoutMs,
                healthyTimeoutMs: args.healthyTimeoutMs,
                pollIntervalMs: args.pollIntervalMs,
                keptPreviousExitCode: args.keptPreviousExitCode,
            },
            { ...platform, clock: deps.clock, log: deps.out },
        );
        const summary = summarize(result, args);
        if (result.plan.refusal || result.failure) {
            deps.err(summary);
            return 1;
        }
        deps.out(summary);
        return 0;
    } catch (error) {
        deps.err(`deploy: ${(error as Error).message}`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            console.error(error);
            process.exit(1);
        },
    );
}
