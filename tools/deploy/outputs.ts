/**
 * Reading webtier's stack outputs (`infra/outputs/contract.ts`), validated by the contract's
 * own validator, and taking the part the deploy tool relies on.
 */
import { execFile } from "child_process";
import { readFileSync } from "fs";
import { CONTRACT_VERSION, ServerOutput, WebtierOutputs } from "../../infra/outputs/contract";
import { OutputsContractError, parseWebtierOutputs, RedactedWebtierOutputs } from "../../infra/outputs/validate";
import { DeployError } from "./types";

/** What the deploy tool needs from the outputs; other keys are ignored. */
export interface DeployTarget {
    cloud: WebtierOutputs["cloud"];
    region: string;
    /**
     * The contract's balancer fields the deploy uses. `targetGroupArn` (AWS) skips the target
     * group lookup; `memberTag` (DigitalOcean) is what taking a droplet out removes; outputs of
     * older stacks lack it (their balancer lists droplet ids).
     */
    loadBalancer: Pick<WebtierOutputs["loadBalancer"], "address" | "id" | "targetGroupArn" | "memberTag">;
    servers: ServerOutput[];
}

function describe(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Droplet ids printed as JSON numbers (as hand-written outputs files have them) are read as the strings the contract has. */
function withStringServerIds(raw: Record<string, unknown>): Record<string, unknown> {
    if (!Array.isArray(raw.servers)) return raw;
    const servers = raw.servers.map((server: unknown) =>
        isObject(server) && typeof server.id === "number" ? { ...server, id: String(server.id) } : server,
    );
    return { ...raw, servers };
}

/** The contract's problems, in the deploy tool's words where it has better advice. */
function contractProblems(error: OutputsContractError): string[] {
    if (error.otherVersion === undefined) return error.problems;
    const version = error.otherVersion;
    const hint =
        typeof version === "number" && version > CONTRACT_VERSION
            ? `this deploy tool understands version ${CONTRACT_VERSION}; update it`
            : `expected ${CONTRACT_VERSION}; is this a webtier stack?`;
    return [`$.contractVersion: got ${JSON.stringify(version)} (${hint})`];
}

/**
 * Validates parsed `pulumi stack output --json` against webtier's outputs contract
 * (`infra/outputs/validate.ts`, the one place the contract is checked) and returns the deploy
 * target. The outputs are read without `--show-secrets`, so secret outputs may be "[secret]".
 * Every problem is reported at once, each with its key path, so one run shows everything to fix.
 */
export function parseDeployTarget(raw: unknown, source: string): DeployTarget {
    if (!isObject(raw)) {
        throw new DeployError(
            `${source}: expected the JSON object printed by \`pulumi stack output --json\`, got ${describe(raw)}.`,
        );
    }
    const document = withStringServerIds(raw);
    const problems: string[] = [];
    let outputs: RedactedWebtierOutputs | undefined;
    try {
        outputs = parseWebtierOutputs(document, source, { redactedSecrets: true });
    } catch (error) {
        if (!(error instanceof OutputsContractError)) throw error;
        problems.push(...contractProblems(error));
    }
    // Two entries for one server would take it out twice, or leave the other unchecked.
    const ids = (Array.isArray(document.servers) ? document.servers : []).map((server: unknown) =>
        isObject(server) ? server.id : undefined,
    );
    const twice = ids.filter((id, index) => typeof id === "string" && ids.indexOf(id) !== index);
    for (const id of new Set(twice)) problems.push(`$.servers: id ${JSON.stringify(id)} appears twice`);

    if (!outputs || problems.length > 0) {
        throw new DeployError(
            `${source} is not a valid webtier outputs document:\n` +
                problems.map((p) => `  - ${p}`).join("\n") +
                `\nProduce it with \`pulumi stack output --json --stack <name>\` from a stack deployed by webtier.`,
        );
    }
    const { address, id, targetGroupArn, memberTag } = outputs.loadBalancer;
    return {
        cloud: outputs.cloud,
        region: outputs.region,
        loadBalancer: { address, id, targetGroupArn, memberTag },
        servers: outputs.servers,
    };
}

/** Runs a program and returns its standard output; injected in tests. */
export type ExecFile = (file: string, args: string[]) => Promise<string>;

export const execFileText: ExecFile = (file, args) =>
    new Promise((resolve, reject) => {
        execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                const wrapped = error as NodeJS.ErrnoException & { stderr?: string };
                wrapped.stderr = String(stderr);
                reject(wrapped);
            } else resolve(String(stdout));
        });
    });

function parseJson(text: string, source: string): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new DeployError(`${source} is not JSON (${(error as Error).message}).`);
    }
}

/** Reads and validates an outputs file given with `--outputs`. */
export function readOutputsFile(path: string): DeployTarget {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (error) {
        throw new DeployError(`--outputs ${path}: cannot read it (${(error as Error).message}).`);
    }
    return parseDeployTarget(parseJson(text, `--outputs ${path}`), `--outputs ${path}`);
}

/**
 * Reads the stack's outputs through the Pulumi CLI. Secrets are deliberately not requested
 * (no `--show-secrets`): the deploy needs none of them, so they stay out of this process.
 */
export async function readStackOutputs(stack: string, exec: ExecFile = execFileText): Promise<DeployTarget> {
    const args = ["stack", "output", "--json", "--stack", stack];
    let text: string;
    try {
        text = await exec("pulumi", args);
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string };
        if (failure.code === "ENOENT") {
            throw new DeployError(
                `The Pulumi CLI is not installed here, so the outputs of stack "${stack}" cannot be read. ` +
                    `Pass them with --outputs FILE, written where the CLI is available by ` +
                    `\`pulumi stack output --json --stack ${stack} > outputs.json\`.`,
            );
        }
        const detail = (failure.stderr ?? "").trim() || failure.message;
        throw new DeployError(`\`pulumi ${args.join(" ")}\` failed: ${detail}`);
    }
    return parseDeployTarget(parseJson(text, `the outputs of stack "${stack}"`), `the outputs of stack "${stack}"`);
}
