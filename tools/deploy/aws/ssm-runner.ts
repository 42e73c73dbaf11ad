/**
 * `RemoteRunner` through AWS Systems Manager Run Command: SendCommand with the
 * `AWS-RunShellScript` document, then GetCommandInvocation until the invocation ends. The
 * servers need the SSM agent and an instance role with `AmazonSSMManagedInstanceCore`; no
 * inbound port is opened. Commands run as root.
 */
import {
    CancelCommandCommand,
    GetCommandInvocationCommand,
    GetCommandInvocationCommandOutput,
    SendCommandCommand,
    SendCommandCommandOutput,
} from "@aws-sdk/client-ssm";
import { Clock, DeployServer, RemoteRunner, RunResult } from "../types";

export type SsmCommand = SendCommandCommand | GetCommandInvocationCommand | CancelCommandCommand;

/** The part of `SSMClient` used here; tests pass a recording stub. */
export interface SsmSender {
    send(command: SsmCommand): Promise<unknown>;
}

export interface SsmRunnerArgs {
    ssm: SsmSender;
    clock: Clock;
    /** How often the invocation is polled. Default 3 s. */
    pollIntervalMs?: number;
    /** Appears in the SSM console's command history. Default "webtier deploy". */
    comment?: string;
}

const FINISHED = new Set(["Success", "Failed", "Cancelled", "TimedOut"]);

export class SsmRunner implements RemoteRunner {
    readonly description = "AWS Systems Manager (AWS-RunShellScript)";

    constructor(private readonly args: SsmRunnerArgs) {}

    async run(server: DeployServer, command: string, options: { timeoutMs: number }): Promise<RunResult> {
        const { ssm, clock } = this.args;
        const executionSeconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
        const sent = (await ssm.send(
            new SendCommandCommand({
                DocumentName: "AWS-RunShellScript",
                InstanceIds: [server.id],
                Parameters: { commands: [command], executionTimeout: [String(executionSeconds)] },
                // How long SSM may wait for the agent to pick the command up (its minimum is 30 s).
                TimeoutSeconds: 60,
                Comment: (this.args.comment ?? "webtier deploy").slice(0, 100),
            }),
        )) as SendCommandCommandOutput;
        const commandId = sent.Command?.CommandId;
        if (!commandId) return { exitCode: -1, output: "SSM SendCommand returned no command id" };

        // The agent enforces executionTimeout; our own deadline also covers delivery and polling lag.
        const deadline = clock.now() + options.timeoutMs + 90_000;
        for (;;) {
            await clock.sleep(this.args.pollIntervalMs ?? 3000);
            let invocation: GetCommandInvocationCommandOutput | undefined;
            try {
                invocation = (await ssm.send(
                    new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: server.id }),
                )) as GetCommandInvocationCommandOutput;
            } catch (error) {
                // Right after SendCommand the invocation may not exist yet.
                if ((error as Error).name !== "InvocationDoesNotExist") throw error;
            }
            if (invocation?.Status && FINISHED.has(invocation.Status)) {
                const output = [invocation.StandardOutputContent, invocation.StandardErrorContent]
                    .filter(Boolean)
                    .join("\n");
                const code = invocation.ResponseCode;
                const exitCode = invocation.Status === "Success" ? 0 : code !== undefined && code > 0 ? code : -1;
                return {
                    exitCode,
                    output: `${output}${output ? "\n" : ""}[SSM ${invocation.Status}${invocation.StatusDetails ? `: ${invocation.StatusDetails}` : ""}, command ${commandId}]`,
                };
            }
            if (clock.now() >= deadline) {
                await ssm
                    .send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [server.id] }))
                    .catch(() => undefined);
                return {
                    exitCode: -1,
                    output: `SSM command ${commandId} did not finish within ${executionSeconds}s (last status ${invocation?.Status ?? "unknown"}); cancelled`,
                };
            }
        }
    }
}
