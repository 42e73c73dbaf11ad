/**
 * What a resource will be called at the cloud when the program does not name it.
 *
 * pulumi-aws and pulumi-digitalocean (both bridged Terraform providers) fill an absent `name`
 * during Check with the logical name, a "-" and 7 random hex characters
 * (pulumi-terraform-bridge `tfbridge.AutoName` → `resource.NewUniqueHex(prefix+"-", 7, maxlen)`;
 * pulumi-aws provider/autonaming.go and pulumi-digitalocean `prov.SetAutonaming(255, "-")` apply
 * it to every resource with an input `name`; some fields add a transform, such as lowercasing
 * S3 bucket and ElastiCache names). When a bridge maximum is set and the logical name plus 8
 * characters exceeds it, Check fails outright; otherwise the cloud's own limit refuses it.
 *
 * A `namePrefix` (Terraform's `*_prefix`) gets a 26-character unique suffix instead
 * (terraform-plugin-sdk `id.PrefixedUniqueId`, `id.UniqueIDSuffixLength = 26`).
 *
 * Under `pulumi preview --policy-pack` the pack sees the name the provider's Check chose. The
 * offline check may see no name at all: then the rules assume the autoname, whose length is
 * exact (logical name + 8) and whose characters are the logical name's plus [0-9a-f-].
 */

/** Characters the bridge adds to a logical name: "-" and 7 hex digits. */
export const AUTONAME_SUFFIX_LENGTH = 8;

/** Characters Terraform adds to a name prefix. */
export const PREFIX_SUFFIX_LENGTH = 26;

/** A stand-in for the random part: valid in every name pattern the rules check, and lowercase. */
export const AUTONAME_SAMPLE_SUFFIX = "-0a1b2c3";

/** How messages show an assumed autoname: the random part as x's (the length is exact). */
export function displayName(name: string): string {
    return name.endsWith(AUTONAME_SAMPLE_SUFFIX) ? `${name.slice(0, -AUTONAME_SAMPLE_SUFFIX.length)}-xxxxxxx` : name;
}

/** The name a provider derives from a logical name, as the rules measure it. */
export function autoname(logicalName: string, lowercase = false): string {
    const name = `${logicalName}${AUTONAME_SAMPLE_SUFFIX}`;
    return lowercase ? name.toLowerCase() : name;
}

/** The name Terraform derives from a name prefix, as the rules measure it (digits only in the suffix). */
export function prefixedName(prefix: string): string {
    return `${prefix}${"2".repeat(PREFIX_SUFFIX_LENGTH)}`;
}
