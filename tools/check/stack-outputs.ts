/**
 * Another stack's outputs, for the stack references a program makes (`new pulumi.StackReference`).
 * The engine reads them from the backend, in a preview as in an update (builtins.go
 * readStackReference: the referenced stack's latest outputs, secrets kept secret, and the sorted
 * names of the outputs that hold one as `secretOutputNames`). Offline there is no backend, so the
 * check takes them from a file given with `--stack-outputs NAME=FILE`, in any of the forms the
 * Pulumi CLI writes:
 * - `pulumi stack output --json` (with or without `--show-secrets`): an object of outputs, where
 *   a secret shown as `"[secret]"` is one the check cannot read;
 * - `pulumi stack export` (with or without `--show-secrets`): a deployment, whose root stack
 *   resource holds the outputs, secrets as secret objects with their `plaintext` or `ciphertext`;
 * - a DIY backend's checkpoint (`.pulumi/stacks/<project>/<stack>.json`), the same with
 *   `checkpoint.latest` for `deployment`.
 * A secret the file does not show in clear is handed to the program as a secret stand-in naming
 * the output, which the report explains wherever a violation quotes it.
 */
import * as fs from "fs";
import * as path from "path";

/** The SDK's and the engine's secret signature (runtime/rpc.ts specialSigKey, specialSecretSig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const STACK_TYPE = "pulumi:pulumi:Stack";
/** What `pulumi stack output --json` prints for a secret without `--show-secrets`. */
const MASKED = "[secret]";

export class StackOutputsError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackOutputsError";
    }
}

/** One referenced stack's outputs, as the engine's read of it gives them. */
export interface StackOutputs {
    /** The outputs in the SDK's wire form: secrets as secret objects around their value. */
    outputs: Record<string, unknown>;
    /** Outputs holding a secret, sorted (the engine's `secretOutputNames`). */
    secretOutputNames: string[];
    /** Stand-ins put for secrets the file does not show in clear: the text, and the output it stands for. */
    standIns: { text: string; output: string }[];
    /** Where they were read, for notes. */
    file: string;
}

/** The text the check hands the program for a secret output it cannot read. */
export function standInFor(stack: string, output: string): string {
    return `offline-placeholder-for-${stack.replace(/[^A-Za-z0-9]+/g, "-")}-${output.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function secret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * A deployment's or checkpoint's output value in the SDK's wire form: a secret object with its
 * `plaintext` (JSON text, as `--show-secrets` and a passphrase-less export write it) becomes a
 * secret of that value; one with only `ciphertext` a secret stand-in; anything nested likewise.
 */
function fromState(value: unknown, standIn: () => string): { value: unknown; secret: boolean } {
    if (Array.isArray(value)) {
        let anySecret = false;
        const items = value.map((item) => {
            const converted = fromState(item, standIn);
            anySecret ||= converted.secret;
            return converted.value;
        });
        return { value: items, secret: anySecret };
    }
    if (!isObject(value)) return { value, secret: false };
    if (value[SIG_KEY] === SECRET_SIG) {
        if (typeof value.plaintext === "string") {
            let plain: unknown;
            try {
                plain = JSON.parse(value.plaintext);
            } catch {
                plain = value.plaintext;
            }
            return { value: secret(fromState(plain, standIn).value), secret: true };
        }
        if ("value" in value) return { value: secret(fromState(value.value, standIn).value), secret: true };
        return { value: secret(standIn()), secret: true };
    }
    let anySecret = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        const converted = fromState(item, standIn);
        anySecret ||= converted.secret;
        out[key] = converted.value;
    }
    return { value: out, secret: anySecret };
}

/** The root stack resource's outputs of a deployment (`stack export`) or checkpoint (DIY backend). */
function deploymentOutputs(document: Record<string, unknown>): Record<string, unknown> | undefined {
    // Both carry the format's version beside the deployment (apitype UntypedDeployment, VersionedCheckpoint),
    // which tells them from outputs that happen to be named "deployment" or "checkpoint".
    if (typeof document.version !== "number") return undefined;
    const checkpoint = isObject(document.checkpoint) ? document.checkpoint : undefined;
    const deployment = isObject(document.deployment)
        ? document.deployment
        : checkpoint && isObject(checkpoint.latest)
          ? checkpoint.latest
          : undefined;
    if (!deployment || !("manifest" in deployment || "resources" in deployment)) return undefined;
    const resources = Array.isArray(deployment.resources) ? deployment.resources : [];
    const root = resources.find((r) => isObject(r) && r.type === STACK_TYPE && r.parent === undefined) as
        Record<string, unknown> | undefined;
    if (!root) return {};
    return isObject(root.outputs) ? root.outputs : {};
}

/** Reads a referenced stack's outputs from `text` (see the file comment); `stack` names it in stand-ins. */
export function parseStackOutputs(text: string, stack: string, file: string): StackOutputs {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (err) {
        throw new StackOutputsError(
            `--stack-outputs ${stack}=${file}: not JSON (${(err as Error).message}). Write it with \`pulumi stack output --stack ${stack} --json > ${file}\` or \`pulumi stack export --stack ${stack} > ${file}\`.`,
        );
    }
    if (!isObject(document))
        throw new StackOutputsError(
            `--stack-outputs ${stack}=${file}: holds ${Array.isArray(document) ? "an array" : JSON.stringify(document)}, not a stack's outputs; write it with \`pulumi stack output --stack ${stack} --json\`.`,
        );
    const fromDeployment = deploymentOutputs(document);
    const outputs: Record<string, unknown> = {};
    const secretOutputNames: string[] = [];
    const standIns: { text: string; output: string }[] = [];
    for (const [key, raw] of Object.entries(fromDeployment ?? document)) {
        const standIn = () => {
            const text = standInFor(stack, key);
            standIns.push({ text, output: key });
            return text;
        };
        // `stack output --json` shows an unreadable secret as "[secret]"; a deployment's values
        // carry their own secret objects.
        const converted =
            fromDeployment === undefined && raw === MASKED
                ? { value: secret(standIn()), secret: true }
                : fromState(raw, standIn);
        outputs[key] = converted.value;
        if (converted.secret) secretOutputNames.push(key);
    }
    return { outputs, secretOutputNames: secretOutputNames.sort(), standIns, file };
}

/**
 * A stack reference's name as the engine resolves it, `org/project/stack`: `stack` and
 * `org/stack` take the referencing project, `stack` its organization too (diy/store.go
 * ParseReference, which follows Pulumi Cloud's rule).
 */
export function qualifiedStackName(name: string, defaults: { organization: string; project: string }): string {
    const parts = name.split("/");
    if (parts.length === 1) return `${defaults.organization}/${defaults.project}/${name}`;
    if (parts.length === 2) return `${parts[0]}/${defaults.project}/${parts[1]}`;
    return name;
}

/** `NAME=FILE` of --stack-outputs: the stack name as a program references it, and the file. */
export function parseStackOutputsArgument(entry: string): { name: string; file: string } {
    const eq = entry.indexOf("=");
    const name = entry.slice(0, eq).trim();
    const file = entry.slice(eq + 1).trim();
    if (eq <= 0 || !file || !/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){0,2}$/.test(name))
        throw new StackOutputsError(
            `--stack-outputs ${JSON.stringify(entry)} must look like STACK=FILE, the stack as the program references it ("prod", "acme/prod" or "acme/network/prod") and a file from \`pulumi stack output --json\` or \`pulumi stack export\`.`,
        );
    return { name, file };
}

/** The referenced stacks' outputs by the names given, read from their files (relative to `dir`). */
export class StackOutputFiles {
    private readonly byName = new Map<string, StackOutputs>();

    constructor(entries: readonly string[], dir: string) {
        for (const entry of entries) {
            const { name, file } = parseStackOutputsArgument(entry);
            if (this.byName.has(name)) throw new StackOutputsError(`--stack-outputs names ${name} twice.`);
            const resolved = path.resolve(dir, file);
            let text: string;
            try {
                text = fs.readFileSync(resolved, "utf8");
            } catch (err) {
                throw new StackOutputsError(
                    `--stack-outputs ${name}=${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
                );
            }
            this.byName.set(name, parseStackOutputs(text, name, file));
        }
    }

    get size(): number {
        return this.byName.size;
    }

    /** The outputs a reference to `name` reads from a stack of `defaults`' organization and project. */
    lookup(name: string, defaults: { organization: string; project: string }): StackOutputs | undefined {
        const wanted = qualifiedStackName(name, defaults);
        for (const [given, outputs] of this.byName) if (qualifiedStackName(given, defaults) === wanted) return outputs;
        return undefined;
    }

    /** Every stand-in put for a secret, to explain violations that quote one. */
    standIns(): { text: string; what: string }[] {
        const out: { text: string; what: string }[] = [];
        for (const [name, outputs] of this.byName)
            for (const { text, output } of outputs.standIns)
                out.push({ text, what: `output ${output} of stack ${name} (a secret ${outputs.file} does not show)` });
        return out;
    }
}
