/**
 * Autonaming as the bridged providers do it in their Check, before the engine hands a resource's
 * inputs to a policy pack: a name property the program leaves out gets the resource's logical
 * name, a separator and 7 random characters (pulumi-terraform-bridge `AutoName`, `Randlen: 7`,
 * hexadecimal), lowercased where the provider lowercases; none when it would exceed the provider's
 * maximum length. Some providers name some types otherwise (another separator, letters, the name
 * alone, a suffix the other inputs call for): each rule says so.
 *
 * Which resources a provider autonames, and how, is each cloud's (its `autoname` in
 * tools/harness/mocks/<cloud>.ts, registered in tools/clouds.ts). As the bridge's `applyDefaults`
 * does, no name is generated when the program set a property the name conflicts with or must be
 * exactly one of (`namePrefix`, `bucketPrefix`): the Terraform schema's relations, read from the
 * provider's schema file (tf-defaults).
 *
 * Without this, a reference to an autonamed resource (`tag.name` in a firewall, a balancer's
 * `dropletTag`) reached the policies as undefined.
 */
import { randomBytes } from "crypto";
import { PROVIDER_MOCKS } from "../clouds";
import type { AutonamingOptions } from "./engine-autonaming";
import type { AutonameRule } from "./provider-mocks";
import { sdkClassFor } from "./sdk-classes";
import { resourceDefaults } from "./tf-defaults/apply";

export type { AutonameRule } from "./provider-mocks";

type Input = (key: string) => unknown;
const NO_INPUTS: Input = () => undefined;

/**
 * The rule for `type`, if its provider autonames it. `hasInput` says whether the resource type
 * takes a given input at all (DigitalOcean and AWS autoname every resource with a `name` input);
 * `input` reads the registration's inputs.
 */
export function autonameRule(
    type: string,
    hasInput: (field: string) => boolean,
    input: Input = NO_INPUTS,
): AutonameRule | undefined {
    const [pkg] = type.split(":");
    return PROVIDER_MOCKS.find((mocks) => mocks.package === pkg)?.autoname?.(type, hasInput, input);
}

const HEX = "0123456789abcdef";
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function randomText(length: number, alphabet: string): string {
    const bytes = randomBytes(length);
    return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * `<name><separator><random>`, lowercased if the provider lowercases, then the provider's own
 * finishing (`post`); undefined when it would exceed the provider's maximum length, where the
 * provider's Check fails instead (`NewUniqueName`: "name '<prefix>' plus 7 random chars is longer
 * than maximum length N") and leaves the name to the policies that report it.
 */
export function autoname(
    name: string,
    rule: AutonameRule,
    random?: () => string,
    input: Input = NO_INPUTS,
): string | undefined {
    const length = rule.randomLength ?? 7;
    const prefix = `${rule.lowercase ? name.toLowerCase() : name}${rule.separator}`;
    if (rule.maxLength > 0 && prefix.length + length > rule.maxLength) return undefined;
    const suffix = length === 0 ? "" : (random?.() ?? randomText(length, rule.alphabet === "letters" ? LETTERS : HEX));
    const result = rule.lowercase ? `${prefix}${suffix}`.toLowerCase() : `${prefix}${suffix}`;
    return rule.post ? rule.post(result, input) : result;
}

/**
 * What the provider makes of the engine's autonaming options (`pulumi:autonaming`), as the bridge
 * does in ComputeAutoNameDefault (pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go): an
 * enforced name as it stands; a proposed one through the provider's transform (lowercasing),
 * refused over its maximum length or, when the provider gives a charset, with a character outside
 * it (`-` and `_` outside it become the separator first), then the provider's finishing; none
 * when autonaming is disabled, which fails the Check as a missing name.
 */
export function engineAutoname(
    rule: AutonameRule,
    options: Pick<AutonamingOptions, "mode" | "proposedName">,
    input: Input = NO_INPUTS,
): { value: string } | { error: string } {
    if (options.mode === "disable") return { error: "automatic naming is disabled but no explicit name was provided" };
    const proposed = options.proposedName ?? "";
    if (options.mode === "enforce") return { value: proposed };
    let name = rule.lowercase ? proposed.toLowerCase() : proposed;
    if (rule.maxLength > 0 && name.length > rule.maxLength)
        return { error: `calculated name '${name}' exceeds maximum length of ${rule.maxLength}` };
    if (rule.alphabet === "letters") {
        const charset = LETTERS;
        if (!charset.includes("-")) name = name.split("-").join(rule.separator);
        if (!charset.includes("_")) name = name.split("_").join(rule.separator);
        const bad = [...name].find((c) => !charset.includes(c));
        if (bad !== undefined)
            return {
                error: `calculated name '${name}' contains invalid character '${bad}' not in charset '${charset}'`,
            };
    }
    return { value: rule.post ? rule.post(name, input) : name };
}

const classText = new Map<string, string>();

function sdkClassText(type: string): string {
    if (!classText.has(type)) classText.set(type, sdkClassFor(type)?.toString() ?? "");
    return classText.get(type)!;
}

/**
 * Whether the SDK class of `type` sets `field` in its constructor's resourceInputs: its inputs,
 * and the outputs it leaves unset (`resourceInputs["arn"] = undefined`). Both are in the
 * provider's schema, which is what the mocks' planned values need.
 */
export function takesInput(type: string, field: string): boolean {
    return sdkClassText(type).includes(`resourceInputs["${field}"]`);
}

/** Whether `field` is an input of `type` (`resourceInputs["name"] = args?.name`), not an output only. */
export function isInput(type: string, field: string): boolean {
    const text = sdkClassText(type);
    return text.includes(`resourceInputs["${field}"] = args?.${field}`) || text.includes(`args ? args.${field}`);
}

/**
 * Whether the program set a property `field` conflicts with or must be exactly one of in the
 * provider's Terraform schema (`name` and `name_prefix`): the bridge then adds no default.
 */
export function partnerSet(type: string, field: string, input: Input): boolean {
    const spec = resourceDefaults(type);
    const relations = spec?.[field]?.r;
    if (!spec || !relations) return false;
    const partners = [...(relations.c ?? []), ...(relations.e ?? [])];
    return Object.entries(spec).some(([key, entry]) => {
        if (key === field || !entry.t || !partners.includes(entry.t)) return false;
        const value = input(key);
        return value !== undefined && value !== null;
    });
}

/**
 * The autoname rule of a registration of `type` whose inputs `input` reads, unless the program
 * set a property the name conflicts with.
 */
export function autonameRuleFor(type: string, input: Input = NO_INPUTS): AutonameRule | undefined {
    const rule = autonameRule(type, (field) => isInput(type, field), input);
    if (!rule || partnerSet(type, rule.field, input)) return undefined;
    return rule;
}
