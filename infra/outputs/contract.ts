/**
 * The stack outputs contract: what other programs (a deploy tool, the app's configuration,
 * another stack through `StackReference`) may rely on. Identical in shape on both clouds.
 *
 * One source: the JSON Schema `webtier-outputs.schema.json`. The TypeScript types below are
 * generated from it (scripts/generate-contract-types.js, at install and before every build),
 * `buildOutputs` is typed by them and `parseWebtierOutputs` validates against the schema itself.
 * Bump `CONTRACT_VERSION` (and the schema's `contractVersion` const) on any breaking change and
 * document it in the README.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../clouds";
import type { WebtierOutputs as GeneratedOutputs } from "./contract.generated";

export type { AlertItemOutput, AlertsOutput, ServerOutput } from "./contract.generated";

/**
 * The outputs, as generated from the schema, with `cloud` one of the clouds registered in
 * infra/clouds.ts: the schema leaves that list open (a new cloud is no schema change) and
 * `parseWebtierOutputs` checks it against the registry.
 */
export type WebtierOutputs = Omit<GeneratedOutputs, "cloud"> & { cloud: Cloud };

export const CONTRACT_VERSION = 1;

/** The top-level output keys that must be secret. */
export const SECRET_OUTPUT_PATHS = ["database.password", "cache.password", "laravelEnv"] as const;

/** The contract as a program exports it: every value may still be an Output or a promise. */
export type ContractInputs<T> = [NonNullable<T>] extends [readonly (infer Item)[]]
    ? pulumi.Input<ContractInputs<Item>[]> | Extract<T, undefined>
    : [NonNullable<T>] extends [object]
      ? { [K in keyof NonNullable<T>]: ContractInputs<NonNullable<T>[K]> } | Extract<T, undefined>
      : pulumi.Input<T>;
