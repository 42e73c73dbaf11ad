// Runs a program the way the language host does when a component's Construct fails: the error
// escapes as an unhandled rejection and fails the run. Shared by the emulated components' specs.
import { evaluate, RegisteredResource } from "../../../../tools/harness/evaluate";

/**
 * Resolves with the run's first escaped error and what registered before it (each resource as
 * `label` names it: its type by default). Mocha's own handlers are set aside meanwhile, as
 * tests/infra/outputs/contract.test.ts does.
 */
export async function firstFailure(
    program: () => void,
    label: (resource: RegisteredResource) => string = (r) => r.type,
): Promise<{ failure?: any; registered: string[] }> {
    const mochaHandlers = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const escaped: unknown[] = [];
    let signal!: (reason: unknown) => void;
    const failed = new Promise<unknown>((resolve) => (signal = resolve));
    const onEscape = (reason: unknown) => {
        escaped.push(reason);
        signal(reason);
    };
    process.on("unhandledRejection", onEscape);
    const registered: string[] = [];
    try {
        await evaluate({ program, failed, onResource: (r) => registered.push(label(r)) }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { failure: escaped[0], registered };
    } finally {
        process.removeListener("unhandledRejection", onEscape);
        for (const handler of mochaHandlers) process.on("unhandledRejection", handler as (...args: unknown[]) => void);
    }
}
