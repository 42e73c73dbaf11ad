/**
 * Reading and validating the part of webtier's stack outputs contract
 * (`infra/outputs/contract.ts`) the deploy tool relies on.
 */
import { execFile } from "child_process";
import { readFileSync } from "fs";
import { CONTRACT_VERSION, ServerOutput } from "../../infra/outputs/contract";
import { DeployError } from "./types";

/** What the deploy tool needs from the outputs; other keys are ignored. */
export interface DeployTarget {
    cloud: "aws" | "digitalocean";
    region: string;
    loadBalancer: {
        /** DNS name (AWS) or IP (DigitalOcean): used to find the balancer when no id is given. */
        address: string;
        /**
         * The balancer's id (load balancer ARN on AWS, load balancer UUID on DigitalOcean).
         * Optional until the contract carries it; without it the balancer is found by address.
         */
        id?: string;
        /** AWS: the app target group's ARN. Optional; without it it is looked up from the balancer. */
        targetGroupArn?: string;
        /**
         * DigitalOcean: the in-rotation tag the balancer selects droplets by; taking a droplet
         * out removes it. Optional: outputs of older stacks lack it (their balancer lists ids).
         */
        memberTag?: string;
    };
    servers: ServerOutput[];
}

type Problems = string[];

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "string" ? JSON.stringify(value) : `a ${typeof value}`;
}

function requireString(problems: Problems, path: string, value: unknown): string {
    if (typeof value === "string" && value.length > 0) return value;
    problems.push(`${path}: expected a non-empty string, got ${describe(value)}`);
    return "";
}

function optionalString(problems: Problems, path: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    return requireString(problems, path, value);
}

/**
 * Validates parsed `pulumi stack output --json` and returns the deploy target. Every problem
 * is reported at once, each with its key path, so one run shows everything to fix.
 */
export function parseDeployTarget(raw: unknown, source: string): DeployTarget {
    const problems: Problems = [];
    if (!isObject(raw)) {
        throw new DeployError(`${source}: expected the JSON object printed by \`pulumi stack output --json\`, got ${describe(raw)}.`);
    }
    const version = raw.contractVersion;
    if (version !== CONTRACT_VERSION) {
        const hint =
            typeof version === "number" && version > CONTRACT_VERSION
                ? `this deploy tool understands version ${CONTRACT_VERSION}; update it`
                : `expected ${CONTRACT_VERSION}; is this a webtier stack?`;
        problems.push(`contractVersion: got ${describe(version)} (${hint})`);
    }
    let cloud: DeployTarget["cloud"] = "aws";
    if (raw.cloud === "aws" || raw.cloud === "digitalocean") cloud = raw.cloud;
    else problems.push(`cloud: expected "aws" or "digitalocean", got ${describe(raw.cloud)}`);
    const region = requireString(problems, "region", raw.region);

    const lb = raw.loadBalancer;
    const loadBalancer: DeployTarget["loadBalancer"] = { address: "" };
    if (!isObject(lb)) {
        problems.push(`loadBalancer: expected an object, got ${describe(lb)}`);
    } else {
        loadBalancer.address = requireString(problems, "loadBalancer.address", lb.address);
        loadBalancer.id = optionalString(problems, "loadBalancer.id", lb.id);
        loadBalancer.targetGroupArn = optionalString(problems, "loadBalancer.targetGroupArn", lb.targetGroupArn);
        loadBalancer.memberTag = optionalString(problems, "loadBalancer.memberTag", lb.memberTag);
    }

    const servers: ServerOutput[] = [];
    if (!Array.isArray(raw.servers) || raw.servers.length === 0) {
        problems.push(`servers: expected a non-empty list, got ${describe(raw.servers)}`);
    } else {
        raw.servers.forEach((entry: unknown, index: number) => {
            const at = `servers[${index}]`;
            if (!isObject(entry)) {
                problems.push(`${at}: expected an object, got ${describe(entry)}`);
                return;
            }
            const server: ServerOutput = {
                name: requireString(problems, `${at}.name`, entry.name),
                id: requireString(problems, `${at}.id`, typeof entry.id === "number" ? String(entry.id) : entry.id),
                privateIp: requireString(problems, `${at}.privateIp`, entry.privateIp),
                zone: requireString(problems, `${at}.zone`, entry.zone),
            };
            const publicIp = optionalString(problems, `${at}.publicIp`, entry.publicIp);
            if (publicIp !== undefined) server.publicIp = publicIp;
            servers.push(server);
        });
        const seen = new Set<string>();
        for (const server of servers) {
            if (server.id && seen.has(server.id)) problems.push(`servers: id ${JSON.stringify(server.id)} appears twice`);
            seen.add(server.id);
        }
    }

    if (problems.length > 0) {
        throw new DeployError(
            `${source} is not a valid webtier outputs document:\n` +
                problems.map((p) => `  - ${p}`).join("\n") +
                `\nProduce it with \`pulumi stack output --json --stack <name>\` from a stack deployed by webtier.`,
        );
    }
    return { cloud, region, loadBalancer, servers };
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
