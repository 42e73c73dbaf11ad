/** The command line: parsing and validation (pure), and the usage text. */
import { parseArgs } from "util";
import { DEFAULT_RELEASE_COMMAND, refProblem } from "./release-command";

export const USAGE = `Usage: node dist/tools/deploy/cli.js --stack <name> --ref <git ref> [options]

Rolling, zero-downtime release of <git ref> to every app server of a webtier stack, one
server at a time: take it out of the load balancer and wait until drained, run the release
on it, put it back and wait until the balancer reports it healthy, then the next. Stops at
the first failure and exits non-zero, leaving that server out of the balancer (or back in
on its previous release when the release script kept it) and the rest untouched.

Where the stack is:
  --stack <name>              Read the outputs with \`pulumi stack output --json --stack <name>\`.
  --outputs <file>            Read them from a file instead (the same JSON), e.g. without the Pulumi CLI.
What to run:
  --ref <git ref>             Branch, tag or commit to release (required).
  --release-command <cmd>     Command each server runs; the quoted ref is appended, or replaces {ref}.
                              Default: ${DEFAULT_RELEASE_COMMAND} <ref>
  --kept-previous-exit-code <n>
                              Exit code by which the release command says "failed, previous release
                              kept": the server is put back on it before the deploy stops. Default 75.
Safety:
  --dry-run                   Print the plan (with the balancer's current view) and change nothing.
  --allow-downtime            Deploy even with fewer than 2 healthy servers in service.
  --drain-timeout <seconds>   Max wait for a server to drain. Default 360 (AWS drains up to 300 s).
  --release-timeout <seconds> Max run time of the release command on one server. Default 900.
  --healthy-timeout <seconds> Max wait for a server to pass health checks once back. Default 300.
  --poll-interval <seconds>   How often health is polled. Default 5.
AWS (balancer: ALB target group; commands: SSM Run Command; credentials: the usual AWS chain):
  --target-group <arn>        The app's target group, if the balancer has several.
DigitalOcean (balancer: the load balancer's in-rotation tag (loadBalancer.memberTag), else its droplet list; commands: ssh; token: DIGITALOCEAN_TOKEN):
  --ssh-user <user>           Login user on the droplets. Default deploy.
  --ssh-key <file>            Private key file. Default: ssh agent / ssh's defaults.
  --ssh-port <port>           Default 22.
  --ssh-option <key=value>    Extra ssh -o option; repeatable.
  -h, --help                  Show this text.

Exit status: 0 all servers released (or, with --dry-run, the plan may run); 1 the deploy
refused to start or stopped at a failure (the message says where each server is); 2 bad
arguments, unreadable outputs or missing credentials.`;

export interface CliArgs {
    help: boolean;
    stack?: string;
    outputs?: string;
    ref: string;
    releaseCommand: string;
    keptPreviousExitCode: number;
    dryRun: boolean;
    allowDowntime: boolean;
    drainTimeoutMs: number;
    releaseTimeoutMs: number;
    healthyTimeoutMs: number;
    pollIntervalMs: number;
    targetGroupArn?: string;
    ssh: { user: string; identityFile?: string; port?: number; options: string[] };
}

/** A bad command line; the message names the option and what is expected. */
export class UsageError extends Error {}

function seconds(option: string, value: string | undefined, fallback: number, min = 1): number {
    if (value === undefined) return fallback * 1000;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min)
        throw new UsageError(`--${option} must be a number of seconds >= ${min}, got ${JSON.stringify(value)}`);
    return Math.round(parsed * 1000);
}

function integer(option: string, value: string | undefined, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return parsed;
}

export function parseCliArgs(argv: string[]): CliArgs {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: {
                help: { type: "boolean", short: "h" },
                stack: { type: "string" },
                outputs: { type: "string" },
                ref: { type: "string" },
                "release-command": { type: "string" },
                "kept-previous-exit-code": { type: "string" },
                "dry-run": { type: "boolean" },
                "allow-downtime": { type: "boolean" },
                "drain-timeout": { type: "string" },
                "release-timeout": { type: "string" },
                "healthy-timeout": { type: "string" },
                "poll-interval": { type: "string" },
                "target-group": { type: "string" },
                "ssh-user": { type: "string" },
                "ssh-key": { type: "string" },
                "ssh-port": { type: "string" },
                "ssh-option": { type: "string", multiple: true },
            },
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const v = parsed.values;
    const base = {
        help: !!v.help,
        ref: v.ref ?? "",
        releaseCommand: v["release-command"] ?? DEFAULT_RELEASE_COMMAND,
        keptPreviousExitCode: integer("kept-previous-exit-code", v["kept-previous-exit-code"], 1, 254) ?? 75,
        dryRun: !!v["dry-run"],
        allowDowntime: !!v["allow-downtime"],
        drainTimeoutMs: seconds("drain-timeout", v["drain-timeout"], 360),
        releaseTimeoutMs: seconds("release-timeout", v["release-timeout"], 900),
        healthyTimeoutMs: seconds("healthy-timeout", v["healthy-timeout"], 300),
        pollIntervalMs: seconds("poll-interval", v["poll-interval"], 5),
        ssh: {
            user: v["ssh-user"] ?? "deploy",
            identityFile: v["ssh-key"],
            port: integer("ssh-port", v["ssh-port"], 1, 65535),
            options: v["ssh-option"] ?? [],
        },
    };
    const args: CliArgs = { ...base, stack: v.stack, outputs: v.outputs, targetGroupArn: v["target-group"] };
    if (args.help) return args;
    if (!args.stack && !args.outputs)
        throw new UsageError("--stack <name> is required (or --outputs <file> with the stack's outputs JSON)");
    if (!v.ref) throw new UsageError("--ref <git ref> is required, e.g. --ref main or --ref v1.4.2");
    const problem = refProblem(args.ref);
    if (problem) throw new UsageError(`--ref ${JSON.stringify(args.ref)} is refused: ${problem}`);
    if (!args.releaseCommand.trim()) throw new UsageError("--release-command must not be empty");
    const badOption = args.ssh.options.find((option) => !/^[A-Za-z][A-Za-z0-9]*=\S/.test(option));
    if (badOption !== undefined) {
        throw new UsageError(
            `--ssh-option ${JSON.stringify(badOption)}: expected key=value (as ssh -o takes), e.g. --ssh-option UserKnownHostsFile=./known_hosts`,
        );
    }
    return args;
}
