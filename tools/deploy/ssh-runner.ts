/**
 * `RemoteRunner` through the system `ssh` client, as the deploy user, to the server's public
 * address. Used on DigitalOcean, where droplets have public IPs and the firewall admits
 * port 22 from the stack's `allowSshFrom` CIDRs only: run the deploy from one of them.
 */
import { spawn } from "child_process";
import { DeployError, DeployServer, RemoteRunner, RunResult } from "./types";

export interface SshRunnerArgs {
    /** The login user the bootstrap created with the stack's SSH key. Default "deploy". */
    user?: string;
    /** Private key file (`ssh -i`). Default: the ssh agent and ssh's usual keys. */
    identityFile?: string;
    /** SSH port. Default 22. */
    port?: number;
    /** Extra `-o key=value` options, e.g. a known-hosts file. */
    options?: string[];
    /** The ssh binary. Default "ssh" on PATH; tests point it at a stub. */
    sshPath?: string;
}

/** Keep at most this much output per command: the end is what explains a failure. */
const MAX_OUTPUT = 256 * 1024;

/** A host we will put on ssh's command line: an IP address or a plain DNS name. */
function checkHost(server: DeployServer): string {
    const host = server.publicIp;
    if (!host) {
        throw new DeployError(
            `Server ${server.name} (${server.id}) has no public IP in the outputs, so it cannot be reached over SSH.`,
        );
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9.:-]*$/.test(host))
        throw new DeployError(`Server ${server.name} has an unusable address ${JSON.stringify(host)}.`);
    return host;
}

/** The ssh argument list for one command (pure, unit-tested). */
export function sshArguments(args: SshRunnerArgs, server: DeployServer, command: string): string[] {
    const argv = [
        "-o",
        "BatchMode=yes",
        "-o",
        "ConnectTimeout=15",
        "-o",
        "ServerAliveInterval=15",
        "-o",
        "ServerAliveCountMax=4",
        // First contact with a new droplet records its key; a changed key still fails.
        "-o",
        "StrictHostKeyChecking=accept-new",
    ];
    for (const option of args.options ?? []) argv.push("-o", option);
    if (args.identityFile) argv.push("-i", args.identityFile);
    if (args.port !== undefined) argv.push("-p", String(args.port));
    argv.push(`${args.user ?? "deploy"}@${checkHost(server)}`, command);
    return argv;
}

export class SshRunner implements RemoteRunner {
    constructor(private readonly args: SshRunnerArgs = {}) {}

    get description(): string {
        return `ssh as ${this.args.user ?? "deploy"}`;
    }

    run(server: DeployServer, command: string, options: { timeoutMs: number }): Promise<RunResult> {
        const argv = sshArguments(this.args, server, command);
        return new Promise((resolve) => {
            const child = spawn(this.args.sshPath ?? "ssh", argv, { stdio: ["ignore", "pipe", "pipe"] });
            let output = "";
            let timedOut = false;
            const collect = (chunk: Buffer) => {
                output += chunk.toString("utf8");
                if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
            };
            child.stdout.on("data", collect);
            child.stderr.on("data", collect);
            const timer = setTimeout(() => {
                timedOut = true;
                child.kill("SIGTERM");
            }, options.timeoutMs);
            child.on("error", (error) => {
                clearTimeout(timer);
                resolve({ exitCode: -1, output: `${output}could not start ssh: ${error.message}` });
            });
            child.on("close", (code) => {
                clearTimeout(timer);
                if (timedOut)
                    resolve({
                        exitCode: -1,
                        output: `${output}\nssh: timed out after ${options.timeoutMs / 1000}s; the command was stopped`,
                    });
                // 255 is ssh's own failure (unreachable, refused key): say so next to the output.
                else if (code === 255)
                    resolve({
                        exitCode: 255,
                        output: `${output}\nssh could not run the command on ${server.publicIp} (exit 255): is this machine in allowSshFrom, and is the key right?`,
                    });
                else resolve({ exitCode: code ?? -1, output });
            });
        });
    }
}
