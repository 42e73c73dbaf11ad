/**
 * Test helpers for running a gate provider exactly as Pulumi does: serialized with Pulumi's
 * closure serializer (what `new HealthGate(...)` stores in the state) and loaded the way its
 * dynamic-provider host loads it.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";

const requireFromString: (code: string) => {
    handler(): pulumi.dynamic.ResourceProvider;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
} = require("require-from-string");

/** Serializes `provider` and loads it back, as the dynamic-provider host does. */
export async function loadSerialized(
    provider: pulumi.dynamic.ResourceProvider,
): Promise<pulumi.dynamic.ResourceProvider> {
    const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
    return requireFromString(text).handler();
}

/**
 * Rejects when `promise` rejects with a `message` matching `pattern`. The message is what the
 * host reports (`e.message`); errors of serialized classes are not `Error` instances there.
 */
export async function rejectsWithMessage(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
    await promise.then(
        () => assert.fail(`expected a rejection matching ${pattern}`),
        (error: { message?: string }) => assert.match(String(error?.message), pattern),
    );
}

/** Sets environment variables for one test and puts the previous values back. */
export function withEnv(values: Record<string, string | undefined>): () => void {
    const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    return () => {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    };
}
