/**
 * Names across the bridge: a Terraform attribute's Pulumi property name, the attribute names the
 * AWS provider spells as `names.Attr*` constants, and the value a `Default` constant stands for
 * when only the property's documentation says it. Pure functions, for the generator.
 */

/**
 * The attribute a `names.Attr*` constant names: terraform-provider-aws generates them from the
 * attribute (names/attr_consts_gen.go) in Go's initialism style, `AttrKMSKeyID` for `kms_key_id`,
 * `AttrARNs` for `arns`, `AttrS3BucketName` for `s3_bucket_name`.
 */
export function attrConstantName(constant: string): string | undefined {
    const words: string[] = [];
    // A run of capitals is a sequence of initialisms (`VPCID` is VPC and ID), the last capital
    // before a lowercase letter starting the next word.
    for (const part of constant.match(/[A-Z0-9]+s?(?=[A-Z][a-z]|$)|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? []) {
        if (!/^[A-Z0-9]+s?$/.test(part) || part.length <= 2) {
            words.push(part);
            continue;
        }
        let rest = part;
        while (rest) {
            const initialism = INITIALISMS.find((i) => rest.startsWith(i));
            if (!initialism) return undefined;
            words.push(initialism);
            rest = rest.slice(initialism.length);
        }
    }
    if (words.join("") !== constant) return undefined;
    return words.map((w) => w.toLowerCase()).join("_");
}

/** The initialisms of terraform-provider-aws' attribute constants, longest first where one begins another. */
const INITIALISMS = [
    "ARNs",
    "ARN",
    "AWS",
    "CIDR",
    "IDs",
    "ID",
    "IOPS",
    "IAM",
    "IPv6",
    "IPv4",
    "IP",
    "JSON",
    "KMS",
    "DNS",
    "S3",
    "SNS",
    "URI",
    "URL",
    "VPC",
];

/** The bridge's default property name: `kms_key_id` is `kmsKeyId`. */
export function camelCase(snake: string): string {
    return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The bridge names a list of blocks in the plural: `default_action` is `defaultActions`. */
export function plural(name: string): string {
    if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
    if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
    return `${name}s`;
}

/**
 * What a constant in a `Default` stands for, read off the property's documentation: the one value
 * in backquotes that spells the constant's last words (`awstypes.LoadBalancerTypeEnumApplication`
 * and "Defaults to `application`"). Undefined unless exactly one value matches.
 */
export function documentedConstant(expression: string, doc: string | undefined): string | undefined {
    if (!doc) return undefined;
    const last = /(\w+)\)?$/.exec(expression.trim())?.[1];
    if (!last) return undefined;
    const words = last.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [];
    const quoted = new Set([...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    const found = new Set<string>();
    for (let k = 1; k <= Math.min(3, words.length - 1); k++) {
        const tail = words.slice(-k);
        const lower = tail.map((w) => w.toLowerCase());
        const variants = [
            lower.join(""),
            lower.join("-"),
            lower.join("_"),
            lower.join(" "),
            lower.join("_").toUpperCase(),
            tail.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join(""),
            tail.join(""),
        ];
        for (const v of variants) if (quoted.has(v)) found.add(v);
    }
    return found.size === 1 ? [...found][0] : undefined;
}

/**
 * A numeric default as the property's documentation states it ("Defaults to 30", "Default: 345600",
 * "default is `0`"), for a `Default` that names a package constant. Undefined unless exactly one
 * number is stated as the default.
 */
export function documentedNumber(doc: string | undefined): number | undefined {
    if (!doc) return undefined;
    const found = new Set(
        [
            ...doc.matchAll(
                /\b[Dd]efault(?:s|\s+value)?(?:(?:\s+\w+){0,4}?\s+(?:is|to|of))?:?\s+`?(-?\d[\d,]*(?:\.\d+)?)`?/g,
            ),
        ].map((m) => Number(m[1].replace(/,/g, ""))),
    );
    return found.size === 1 ? [...found][0] : undefined;
}
