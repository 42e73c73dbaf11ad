/**
 * Command-line arguments of the offline policy check.
 */

export type OutputFormat = "text" | "json" | "sarif" | "markdown";

export interface CliArgs {
    /** Stacks to check; empty means every `Pulumi.<stack>.yaml` under the stack config folder. */
    stacks: string[];
    /** Another Pulumi program (a .ts, .js, .cjs or .mjs file, or a project folder) instead of webtier's. */
    program?: string;
    /** `KEY=VALUE` config overrides, in order. */
    config: string[];
    /** Another policy pack folder instead of webtier's compiled pack. */
    policyPack?: string;
    /**
     * Policy config JSON files (the `pulumi preview --policy-pack-config` format): `FILE` for every
     * stack, `STACK=FILE` for one stack (instead of the shared one, as a separate preview would).
     */
    policyConfig: string[];
    /** `STACK=FILE`: a referenced stack's outputs (stack-outputs.ts), in order. */
    stackOutputs: string[];
    /** Another folder of stack files instead of Pulumi.yaml's `stackConfigDir`. */
    stacksDir?: string;
    /** Evaluate as `pulumi preview` (computed values unknown) instead of as `pulumi up`. */
    preview: boolean;
    format: OutputFormat;
    output?: string;
    /** Also append the Markdown summary to this file (the workflow passes $GITHUB_STEP_SUMMARY). */
    summary?: string;
    help: boolean;
}

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export const USAGE = `Usage: npm run check -- [options]
       node dist/tools/check/cli.js [options]

Runs the policy pack on every stack offline: each stack's program runs under Pulumi's mocks
with the stack's config (no cloud credentials, no Pulumi CLI), and the pack receives the
resources over its gRPC protocol as the engine sends them under \`--policy-pack\`.

Options:
  --stack NAME           Check this stack (stacks/Pulumi.NAME.yaml); repeatable. Default: every stack.
  --program FILE|DIR     Evaluate this Pulumi program (.ts or .js, or a project folder, whose
                         Pulumi.yaml main is used) instead of webtier's, as \`pulumi up\` runs it in
                         its own project: the nearest Pulumi.yaml names the project, its stack files
                         and the working directory; TypeScript loads through the project's own
                         @pulumi/pulumi (ts-node, its tsconfig); an ES module package is imported.
                         If the module is a function (an ES module's default export), that is the
                         program, else its module body is. With --stack, that project's
                         Pulumi.NAME.yaml applies (only --config when there is none); without, only
                         --config does (one stack named "offline").
  --config KEY=VALUE     Set a config value (repeatable), after the stack file's; a KEY without a
                         namespace gets the project's ("cloud" means "webtier:cloud").
  --policy-pack DIR      Use this policy pack folder instead, started as the engine starts one
                         (\`node DIR\` in DIR: PulumiPolicy.yaml with runtime nodejs, package.json;
                         a TypeScript entry point is compiled on the fly). Default: webtier's pack,
                         policies/, run from its compiled copy dist/policies/index.js.
  --policy-config [STACK=]FILE
                         Policy config JSON, as for \`pulumi preview --policy-pack-config\`:
                         {"all": "advisory", "ssh-allowlist": {"enforcementLevel": "mandatory", ...}}
                         FILE applies to every stack; STACK=FILE (repeatable) to that stack only,
                         instead of FILE, as a separate \`pulumi preview\` per stack would.
                         Default with webtier's own pack: policies/config/<stack>.json, else
                         policies/config/<environment>.json (by webtier:environment), if present.
  --stack-outputs STACK=FILE
                         The outputs of a stack the program references (\`new StackReference\`),
                         which the engine reads from the backend and an offline check cannot:
                         FILE from \`pulumi stack output --json [--show-secrets]\`, \`pulumi stack
                         export [--show-secrets]\` or a DIY backend's .pulumi/stacks/ checkpoint;
                         STACK as the program names it (prod, acme/prod, acme/network/prod).
                         Repeatable. Without it, a reference's outputs are unknown.
  --stacks-dir DIR       Read stack files from DIR instead of Pulumi.yaml's stackConfigDir.
  --preview              Evaluate as \`pulumi preview\` does: values providers compute (ARNs,
                         addresses, generated passwords) are unknown. Default: as \`pulumi up\`
                         analyzes each resource, with every value known (the mocks' values).
  --format FORMAT        text (default), json (each violation with declaredAt, the program line,
                         and configAt, the stack file value, where known), sarif (SARIF 2.1.0
                         for GitHub code scanning: each
                         violation its own alert, at the stack file value or the program line
                         that causes it), or markdown (a summary per stack: resources,
                         violations by policy and resource, what to change).
  --output FILE          Write the report to FILE instead of standard output.
  --summary FILE         Also append the Markdown summary to FILE, for example
                         --summary "$GITHUB_STEP_SUMMARY" in a GitHub Actions step.
  -h, --help             Show this help.

Secrets: \`secure:\` values cannot be decrypted offline, and secret keys a stack file leaves out
(webtier:appKey) are missing; the check substitutes well-formed placeholders and says so.

Exit codes: 0 no mandatory violation, 1 at least one mandatory violation,
            2 bad usage, a program that fails to evaluate or registers remote components
              (their plugins build what is inside them; the check runs none), or a policy pack
              that fails.
`;

const FORMATS: readonly OutputFormat[] = ["text", "json", "sarif", "markdown"];

/** `STACK=FILE` in --policy-config. */
export const STACK_ASSIGNMENT = /^([A-Za-z0-9_.-]+)=(.+)$/;

/** Parses argv (without node and the script); throws UsageError on anything it does not know. */
export function parseArgs(argv: string[]): CliArgs {
    const args: CliArgs = {
        stacks: [],
        config: [],
        policyConfig: [],
        stackOutputs: [],
        preview: false,
        format: "text",
        help: false,
    };
    const seen = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "-h" || arg === "--help") {
            args.help = true;
            continue;
        }
        if (arg === "--preview") {
            args.preview = true;
            continue;
        }
        if (!arg.startsWith("--"))
            throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; options start with --.`);
        const eq = arg.indexOf("=");
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const value = (): string => {
            if (eq > 0) return arg.slice(eq + 1);
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith("--") && next.length > 2))
                throw new UsageError(`${flag} needs a value.`);
            i += 1;
            return next;
        };
        const once = (name: string) => {
            if (seen.has(name)) throw new UsageError(`${name} is given twice.`);
            seen.add(name);
        };
        switch (flag) {
            case "--stack": {
                const name = value();
                if (!/^[A-Za-z0-9_.\-/]+$/.test(name))
                    throw new UsageError(`--stack ${JSON.stringify(name)} is not a stack name.`);
                if (!args.stacks.includes(name)) args.stacks.push(name);
                break;
            }
            case "--program":
                once(flag);
                args.program = value();
                break;
            case "--config": {
                const assignment = value();
                if (assignment.indexOf("=") <= 0)
                    throw new UsageError(
                        `--config ${JSON.stringify(assignment)} must look like KEY=VALUE, for example --config webtier:cloud=aws.`,
                    );
                args.config.push(assignment);
                break;
            }
            case "--policy-pack":
                once(flag);
                args.policyPack = value();
                break;
            case "--policy-config": {
                const entry = value();
                const shared = args.policyConfig.filter((e) => !STACK_ASSIGNMENT.test(e));
                if (!STACK_ASSIGNMENT.test(entry) && shared.length > 0) {
                    throw new UsageError(
                        `--policy-config FILE is given twice (${shared[0]}, ${entry}); use STACK=FILE for a stack's own file.`,
                    );
                }
                args.policyConfig.push(entry);
                break;
            }
            case "--stack-outputs": {
                const entry = value();
                if (entry.indexOf("=") <= 0)
                    throw new UsageError(
                        `--stack-outputs ${JSON.stringify(entry)} must look like STACK=FILE, for example --stack-outputs acme/network/prod=network-prod.json.`,
                    );
                args.stackOutputs.push(entry);
                break;
            }
            case "--stacks-dir":
                once(flag);
                args.stacksDir = value();
                break;
            case "--format": {
                once(flag);
                const format = value();
                if (!(FORMATS as readonly string[]).includes(format))
                    throw new UsageError(
                        `--format ${JSON.stringify(format)} is not a format; use one of ${FORMATS.join(", ")}.`,
                    );
                args.format = format as OutputFormat;
                break;
            }
            case "--output":
                once(flag);
                args.output = value();
                break;
            case "--summary":
                once(flag);
                args.summary = value();
                break;
            default:
                throw new UsageError(`unknown option ${flag}.`);
        }
    }
    return args;
}
