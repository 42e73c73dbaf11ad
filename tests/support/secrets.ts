/**
 * Registered inputs and outputs carry secrets in Pulumi's wire form (an object with the secret
 * signature and the value). Tests that read a value, or ask whether it was secret, unwrap it here.
 */
import { rpc } from "../../tools/harness/sdk-internals";

/** One value: its content, and whether it was a secret. */
export function unwrapSecret(value: unknown): { secret: boolean; value: unknown } {
    return rpc.isRpcSecret(value)
        ? { secret: true, value: (value as { value: unknown }).value }
        : { secret: false, value };
}

/** A value with every secret wrapper removed, at any depth. */
export function revealSecrets(value: any): any {
    if (rpc.isRpcSecret(value)) return revealSecrets(value.value);
    if (Array.isArray(value)) return value.map(revealSecrets);
    if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v)]));
    return value;
}
