/**
 * Checks a value against webtier's outputs JSON Schema, the single source of the contract for
 * every language (the TypeScript types are generated from it), with Ajv (`json-schema.ts`).
 */
import { CLOUDS } from "../clouds";
import schema from "./webtier-outputs.schema.json";
import { CONTRACT_VERSION, SECRET_OUTPUT_PATHS, WebtierOutputs } from "./contract";
import { JsonSchema, schemaProblems } from "./json-schema";

/**
 * The schema webtier's readers judge by: the published one, whose `cloud` is any cloud name (so
 * that a new cloud is no schema change), narrowed to the clouds registered in infra/clouds.ts.
 */
const OUTPUTS_SCHEMA = withRegisteredClouds(schema);

/** The contract's JSON Schema as webtier's readers apply it, for tools that want to publish or apply it themselves. */
export const WEBTIER_OUTPUTS_SCHEMA: unknown = OUTPUTS_SCHEMA;

function withRegisteredClouds(published: JsonSchema): JsonSchema {
    const { description } = published.properties?.cloud ?? {};
    return replaceNode(published, ["cloud"], { description, enum: [...CLOUDS] });
}

/** What `pulumi stack output --json` prints in place of a secret output without `--show-secrets`. */
export const REDACTED_SECRET = "[secret]";

/** The top-level outputs that are (or hold) secrets: `database`, `cache`, `laravelEnv`. */
export type SecretOutputKey = TopKey<(typeof SECRET_OUTPUT_PATHS)[number]>;
type TopKey<Path extends string> = Path extends `${infer Top}.${string}` ? Top : Path;

/** The outputs as read without `--show-secrets`: each secret output may read "[secret]". */
export type RedactedWebtierOutputs = {
    [K in keyof WebtierOutputs]: K extends SecretOutputKey
        ? WebtierOutputs[K] | typeof REDACTED_SECRET
        : WebtierOutputs[K];
};

/** Thrown when outputs do not honour the contract; lists every problem by path. */
export class OutputsContractError extends Error {
    /**
     * Set when the outputs carry another `contractVersion` (the only problem then reported),
     * so a reader can say how to catch up in its own words.
     */
    public readonly otherVersion?: unknown;

    constructor(
        public readonly source: string,
        public readonly problems: string[],
        otherVersion?: unknown,
    ) {
        super(
            `webtier outputs from ${source} do not match contract version ${CONTRACT_VERSION}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
        this.name = "OutputsContractError";
        if (otherVersion !== undefined) this.otherVersion = otherVersion;
    }
}

/** The schema a redacted document is judged by: "[secret]" stands for each secret (or the object holding it) that reads so. */
function redactedSchema(value: unknown): JsonSchema {
    let result = OUTPUTS_SCHEMA;
    for (const path of SECRET_OUTPUT_PATHS) {
        const keys = path.split(".");
        for (let depth = 1; depth <= keys.length; depth += 1) {
            const prefix = keys.slice(0, depth);
            if (valueAt(value, prefix) === REDACTED_SECRET) {
                result = replaceNode(result, prefix, { const: REDACTED_SECRET });
                break;
            }
        }
    }
    return result;
}

function valueAt(value: unknown, keys: string[]): unknown {
    return keys.reduce<unknown>(
        (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        value,
    );
}

function replaceNode(node: JsonSchema, keys: string[], replacement: JsonSchema): JsonSchema {
    const [key, ...rest] = keys;
    const properties = node.properties ?? {};
    return {
        ...node,
        properties: {
            ...properties,
            [key]: rest.length === 0 ? replacement : replaceNode(properties[key] ?? {}, rest, replacement),
        },
    };
}

/**
 * Validates plain outputs (for example the JSON of `pulumi stack output --json --show-secrets`)
 * and returns them typed. A different `contractVersion` is reported first and alone: the
 * rest of the shape cannot be judged against this version.
 */
export function parseWebtierOutputs(value: unknown, source?: string): WebtierOutputs;
/**
 * With `{ redactedSecrets: true }`: outputs read without `--show-secrets`, whose secret
 * outputs may print as "[secret]"; such a value counts as present, and is not judged further.
 */
export function parseWebtierOutputs(
    value: unknown,
    source: string,
    options: { redactedSecrets: true },
): RedactedWebtierOutputs;
export function parseWebtierOutputs(
    value: unknown,
    source = "the stack",
    options: { redactedSecrets?: boolean } = {},
): WebtierOutputs | RedactedWebtierOutputs {
    const version = (value as { contractVersion?: unknown } | undefined)?.contractVersion;
    if (value && typeof value === "object" && version !== undefined && version !== CONTRACT_VERSION) {
        throw new OutputsContractError(
            source,
            [
                `$.contractVersion: this reader understands version ${CONTRACT_VERSION}, the stack exports ${JSON.stringify(version)}; upgrade the reader (webtier's infra/outputs) to match`,
            ],
            version,
        );
    }
    const problems = schemaProblems(value, options.redactedSecrets ? redactedSchema(value) : OUTPUTS_SCHEMA, {
        at: "$",
    });
    if (problems.length > 0) throw new OutputsContractError(source, problems);
    return value as WebtierOutputs;
}
