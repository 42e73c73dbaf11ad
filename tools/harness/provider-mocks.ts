/**
 * What a cloud's provider looks like under the harness's mocks: the ids it hands out, the
 * computed outputs a created resource has (ids, ARNs, endpoints, addresses), and the results of
 * its data sources. Each cloud writes one (`tools/harness/mocks/<cloud>.ts`) and registers it in
 * `tools/clouds.ts`; `mock-state.ts` picks it by the package of a resource type or invoke token.
 */
import { createHash } from "crypto";
import type { MockIds } from "./mock-state";
import type { SchemaFile } from "./tf-defaults/file";

/** How a provider names a resource whose name the program leaves out (see autonaming.ts). */
export interface AutonameRule {
    /** The input property the provider fills in. */
    field: string;
    /** The longest name it generates (0: no limit); a longer one fails its Check. */
    maxLength: number;
    separator: string;
    lowercase: boolean;
    /** How many random characters follow the separator: 7 when unset, 0 for the name alone. */
    randomLength?: number;
    /** Their alphabet: hexadecimal digits (the bridge's default) or lowercase letters. */
    alphabet?: "hex" | "letters";
    /** What the provider does to the generated name, given the resource's other inputs. */
    post?(name: string, input: (key: string) => unknown): string;
}

/**
 * A UUID that is the same for the same text: the id a mock hands out for something of the
 * account it looks up by name (a certificate), stable across runs.
 */
export function stableUuid(text: string): string {
    const hex = createHash("sha256").update(text).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A data source's result field as the provider returns one its schema marks sensitive: a secret
 * (the SDK's wire form, which the mock monitor passes through), so the program's output of the
 * invoke is secret as under the engine, where a bridged provider marks them so.
 */
export function secretResult(value: unknown): Record<string, unknown> {
    // The SDK's specialSigKey and specialSecretSig (runtime/rpc.ts).
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** An autoname rule: `field`, at most `maxLength` characters, lowercased or not, `-` between name and suffix. */
export function autonameOf(field: string, maxLength = 255, lowercase = false, separator = "-"): AutonameRule {
    return { field, maxLength, separator, lowercase };
}

/**
 * A provider's multi-language components built by the harness in the program's own process, as
 * its plugin builds them (awsx's: tools/harness/aws/awsx), registered in tools/clouds.ts.
 */
export interface ComponentEmulation {
    /** The provider package whose components these are ("awsx" for "awsx:ec2:Vpc"). */
    readonly package: string;
    /** The SDK majors whose components are built (another major's stay remote). */
    readonly majors: readonly number[];
    /** Swaps the SDK's classes as their modules load, before a program runs (idempotent). */
    install(): void;
    /** The versions of the SDK packages whose components were swapped in this process. */
    versions(): string[];
}

/** The configuration of the provider instance a resource or invoke goes to (mock-state.ts ProviderConfigs). */
export interface ProviderConfig {
    /** Its inputs: an explicit provider's args, or the default provider's `<package>:*` stack config. */
    readonly inputs: Readonly<Record<string, any>>;
    /** The environment the provider's process reads (where it looks when its inputs name nothing). */
    readonly env: Readonly<NodeJS.ProcessEnv>;
}

/** What an invoke's answer may depend on besides its inputs. */
export interface CallContext {
    /** The invoke's own `region` input, else its provider's region (`ProviderMocks.region`). */
    region: string;
    provider: ProviderConfig;
    /**
     * Another provider's data source, through that package's default provider: what a provider
     * whose functions call AWS (awsx) gets when it invokes them through the engine.
     */
    call: (token: string, inputs: Record<string, any>) => Record<string, any> | undefined;
}

export interface ProviderMocks {
    /** The provider package of the types and tokens these mock ("aws" in "aws:ec2/vpc:Vpc"). */
    readonly package: string;
    /**
     * The provider is bridged from a Terraform provider (pulumi-terraform-bridge): a resource's
     * state holds its Terraform `id` among the outputs, unknown in a preview's plan of a new one.
     */
    readonly bridged?: boolean;
    /**
     * The id a real provider would hand out, where a readable prefixed one would not do. In a
     * preview (`preview`), whose new resources get no id, a mock whose id costs work (a generated
     * key's hash) may answer undefined.
     */
    id?(type: string, inputs: Record<string, any>, ids: MockIds, preview: boolean): string | undefined;
    /** The prefix of the readable ids of a type ("vpc" for "vpc-00000001"); default: the type's last segment. */
    readonly idPrefixes?: Readonly<Record<string, string>>;
    /**
     * Fills in what a created resource computes (never during a preview): `state` holds its inputs
     * and autoname, `region` its region input, else its provider's (`region`).
     */
    created(
        type: string,
        name: string,
        inputs: Record<string, any>,
        state: Record<string, any>,
        id: string,
        ids: MockIds,
        region: string,
    ): void;
    /**
     * The autoname rule of a type, if the provider autonames it; `hasInput` says whether the
     * type takes an input at all (read from the installed SDK class), `input` reads the
     * registration's inputs (a rule may depend on them).
     */
    autoname?(
        type: string,
        hasInput: (field: string) => boolean,
        input: (key: string) => unknown,
    ): AutonameRule | undefined;
    /**
     * Data-source results by invoke token. An absent token, or an answer of undefined (a lookup
     * the mock cannot know the cloud's answer to), returns no fields, and the call is recorded as
     * unanswered.
     */
    readonly calls: Readonly<
        Record<
            string,
            (inputs: Record<string, any>, ids: MockIds, context: CallContext) => Record<string, any> | undefined
        >
    >;
    /** The region a provider instance works in, for a provider that has regions. */
    region?(provider: ProviderConfig): string;
    /**
     * Fills in what the provider computes when it plans a resource, so in a preview as in an
     * update: `state` holds the inputs; `has` says whether the type's SDK class has a property.
     */
    planned?(type: string, state: Record<string, any>, provider: ProviderConfig, has: (field: string) => boolean): void;
    /**
     * What its bridged provider's Check and plan take from the Terraform schemas
     * (tf-defaults/<package>.jsonl, written by tf-defaults/generate.ts), loaded on first use: the
     * defaults they add to a resource the program wrote without them (tf-defaults/apply.ts) and
     * the validation the Check runs (tf-defaults/validate.ts).
     */
    terraformDefaults?(): SchemaFile;
}
