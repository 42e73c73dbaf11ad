/**
 * No secret in AWS user data. EC2 hands an instance's user data to anyone allowed
 * `ec2:DescribeInstanceAttribute` (launch templates: `ec2:DescribeLaunchTemplateVersions`) and
 * to every process on the instance through the metadata service, and a secret in it ties the
 * secret to the server (rotating it replaces the server). Secrets belong in Parameter Store
 * (SecureString) or Secrets Manager, read at boot through the instance role.
 *
 * For any program and any AWS resource shape: every `userData` / `userDataBase64` property at
 * any depth (instances, spot requests, launch templates and configurations, the native
 * provider's launch template data) is read through every layer cloud-init reads (base64, gzip,
 * MIME parts with base64 transfer encoding), and each layer is searched for
 * - assignments of secret-named keys: `*_PASSWORD=`, `APP_KEY=`, `*_SECRET_ACCESS_KEY=`,
 *   `token: ...`, `plain_text_passwd: ...` (shell, .env, YAML and JSON forms), also further into a
 *   line (`echo "DB_PASSWORD=..." >> .env`, `docker run -e APP_KEY=...`, `--db-password=...`,
 *   `--password ...`), unless the value is empty, a boolean, a reference resolved on the server
 *   (`$VAR`, `${VAR}`, `$(command)`), a shell pattern or a printf conversion (`%s`);
 * - URLs with a password (`mysql://user:pass@host`);
 * - private keys (`-----BEGIN ... PRIVATE KEY-----`) and AWS access key ids (`AKIA...`, `ASIA...`).
 * Messages name the key or the kind of credential, never the value.
 *
 * A value unknown during preview cannot be read, so it is reported (it is checked again on
 * `pulumi up`, when it is known); user data that is known and carries none of the above passes.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { gunzipSync } from "zlib";
import { CLOUD_PACKS } from "../lib/clouds";
import { Recent } from "../lib/recent";
import { describe, fromResourceArgs, isUnknown } from "../lib/values";

/** Properties that hold user data, whatever the resource. */
const USER_DATA_KEY = /^userData(Base64)?$/;

/** Key names that hold a secret: the last word of the key. */
const SECRET_KEY =
    /(^|[_.-])(password|passwd|pwd|secret|token|api_?key|app_?key|access_?key|private_?key|secret_?key|auth_?token|credentials?)$/i;
/** A line that assigns a value to a key: shell/.env (`export K=v`), YAML (`k: v`, `- k: v`), JSON (`"k": "v"`). */
const ASSIGNMENT = /^\s*(?:export\s+|-\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(.*)$/;
/** A quoted key and value anywhere in a line (JSON embedded in a script or a YAML string). */
const QUOTED_PAIR = /["']([A-Za-z_][A-Za-z0-9_.-]*)["']\s*:\s*["']([^"']*)["']/g;
/** Values that are not secrets: empty, booleans, null, or resolved on the server when the line runs (`$VAR`, `$(command)`, `` `command` ``). */
const NOT_A_SECRET =
    /^(|true|false|yes|no|on|off|null|~|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*\)?|`.*|\{\{.*\}\}|\|[-+]?|>[-+]?)$/i;
/**
 * `KEY=value` further into a line, after a blank, a quote or a shell separator: how user data
 * usually writes a .env or hands a variable on (`echo "DB_PASSWORD=..." >> .env`,
 * `docker run -e APP_KEY=...`, `env DB_PASSWORD=... php artisan migrate`, `--db-password=...`).
 * The value is quoted, or ends at a blank, a quote or a separator.
 */
const INLINE_ASSIGNMENT = /(?:^|[\s"'`;&|(])-{0,2}([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s"'`;&|)]*)/g;
/** A long option with a secret name and its value as the next word: `--password ...`, `--api-key "..."`. */
const OPTION_VALUE = /(?:^|\s)--([A-Za-z][A-Za-z0-9_.-]*)\s+("[^"]*"|'[^']*'|[^\s"'`;&|)-][^\s"'`;&|)]*)/g;
/**
 * Values in those forms that are no value: a shell pattern (`[[ $line == APP_KEY=* ]]`) or a
 * printf conversion (`printf 'DB_PASSWORD=%s\n' "$password"`).
 */
const PATTERN_OR_CONVERSION = /^(?:[*?.]+|%[-#0 +']*\d*(?:\.\d+)?[A-Za-z](?:\\n)?)$/;
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s@/'"]+)@/i;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** An access key id in AWS's format (whoever carries it, it is a credential). */
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;

/** At most this many nested encodings are unwrapped (base64 of gzip of MIME of base64 ...). */
const MAX_DEPTH = 4;
/** Never inflate more than this (a user data limit is 16 KB; this is a gzip bomb guard). */
const MAX_INFLATED = 1024 * 1024;

/** What was found in one text layer, without the secret itself. */
export interface UserDataFinding {
    /** For example `the DB_PASSWORD assignment` or `a private key`. */
    what: string;
    /** How the layer was reached: `base64 > gzip` or "" for the text as set. */
    layer: string;
}

/** What one line holds, by kind and key name, in the order the checks run. */
function secretsInLine(line: string): string[] {
    const found: string[] = [];
    const assignment = ASSIGNMENT.exec(line);
    if (assignment && SECRET_KEY.test(assignment[1])) {
        const value = assignment[2]
            .trim()
            .replace(/\s+#.*$/, "")
            .replace(/^(["'])(.*)\1[,;]?$/, "$2")
            .trim();
        if (!NOT_A_SECRET.test(value)) found.push(`the ${assignment[1]} assignment`);
    }
    for (const [, key, value] of line.matchAll(QUOTED_PAIR)) {
        if (SECRET_KEY.test(key) && !NOT_A_SECRET.test(value.trim())) found.push(`the ${key} assignment`);
    }
    for (const pattern of [INLINE_ASSIGNMENT, OPTION_VALUE]) {
        for (const [, key, value] of line.matchAll(pattern)) {
            // Option names spell their words with hyphens (`--api-key`), variables with underscores.
            if (!SECRET_KEY.test(key.replace(/-/g, "_"))) continue;
            const unquoted = value.replace(/^(["'])(.*)\1$/, "$2").trim();
            if (!NOT_A_SECRET.test(unquoted) && !PATTERN_OR_CONVERSION.test(unquoted))
                found.push(`the ${key} assignment`);
        }
    }
    const url = URL_WITH_PASSWORD.exec(line);
    if (url && !NOT_A_SECRET.test(url[1])) found.push("a URL with a password");
    if (PRIVATE_KEY.test(line)) found.push("a private key");
    if (ACCESS_KEY_ID.test(line)) found.push("an AWS access key id");
    return found;
}

/**
 * Lines judged lately. A tier's servers get user data that differs in a few lines (the server's
 * name and number), so most lines come again for every server. Long lines (base64 text) are
 * judged each time rather than kept.
 */
const recentLines = new Recent<string, string[]>(4096);
const REMEMBERED_LINE = 512;

/** The secrets and credentials in one text, by kind and key name. */
export function secretsInText(text: string): string[] {
    const found: string[] = [];
    for (const line of text.split(/\r?\n/)) {
        found.push(...(line.length > REMEMBERED_LINE ? secretsInLine(line) : recentLines.get(line, secretsInLine)));
    }
    return [...new Set(found)];
}

function isBase64(text: string): boolean {
    return text.length >= 8 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

/** Base64 once whitespace is taken out: tested before taking it out, which copies the text. */
function base64Within(text: string): string | undefined {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return undefined;
    const compact = text.replace(/\s+/g, "");
    return isBase64(compact) ? compact : undefined;
}

/** Control characters other than whitespace: not in text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0e-\x1f]/;

/**
 * Text from bytes, when they are text (UTF-8 without control characters other than whitespace).
 * Valid UTF-8 encodes a character below 0x80 as that byte alone, and no other character uses such
 * a byte, so the decoded text holds a control character exactly when the bytes hold its byte.
 */
function asText(bytes: Buffer): string | undefined {
    const text = bytes.toString("utf8");
    if (text.includes("\uFFFD") || CONTROL.test(text)) return undefined;
    return text;
}

/** The MIME parts' bodies, with their transfer encoding and content type. */
function mimeParts(text: string): Array<{ body: string; base64: boolean }> {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text.slice(0, 4096))?.[1];
    const parts = boundary ? text.split(`--${boundary}`).slice(1) : [text];
    return parts.flatMap((part) => {
        const split = part.search(/\r?\n\r?\n/);
        if (split < 0) return [];
        const headers = part.slice(0, split);
        return [{ body: part.slice(split).trim(), base64: /content-transfer-encoding:\s*base64/i.test(headers) }];
    });
}

/**
 * Every layer of a user data value cloud-init would read, each with how it was reached. Throws
 * when a layer claims to be gzip but does not decompress: then nothing can be proven.
 */
export function userDataLayers(value: string): Array<{ text: string; layer: string }> {
    const layers: Array<{ text: string; layer: string }> = [];
    const visitBytes = (bytes: Buffer, path: string[], depth: number) => {
        if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
            let inflated: Buffer;
            try {
                inflated = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED });
            } catch (error) {
                throw new Error(
                    `its ${[...path, "gzip"].join(" > ")} layer does not decompress (${(error as Error).message})`,
                    { cause: error },
                );
            }
            visitBytes(inflated, [...path, "gzip"], depth + 1);
            return;
        }
        const text = asText(bytes);
        if (text !== undefined) visitText(text, path, depth);
    };
    const visitText = (text: string, path: string[], depth: number) => {
        layers.push({ text, layer: path.join(" > ") });
        if (depth >= MAX_DEPTH) return;
        const compact = base64Within(text);
        if (compact !== undefined) visitBytes(Buffer.from(compact, "base64"), [...path, "base64"], depth + 1);
        if (/^(mime-version:|content-type:\s*multipart)/im.test(text.slice(0, 4096))) {
            for (const part of mimeParts(text)) {
                const body = part.base64 ? base64Within(part.body) : undefined;
                if (body !== undefined) visitBytes(Buffer.from(body, "base64"), [...path, "MIME part"], depth + 1);
            }
        }
    };
    visitText(value, [], 0);
    return layers;
}

/** What one user data value holds, by layer: the layers with secrets, or why it cannot be read. */
type Findings = { layers: Array<{ found: string[]; layer: string }> } | { error: string };

/**
 * The user data values judged lately, with what they hold: decoding a value (base64, gzip,
 * MIME) is most of this rule's cost, and the same value comes again when a launch template and
 * its instances carry it or a stack is checked again.
 */
const recentFindings = new Recent<string, Findings>(32);

function findings(value: string): Findings {
    try {
        return {
            layers: userDataLayers(value)
                .map(({ text, layer }) => ({ found: secretsInText(text), layer }))
                .filter(({ found }) => found.length > 0),
        };
    } catch (error) {
        return { error: (error as Error).message };
    }
}

function findingsIn(value: string): Findings {
    return recentFindings.get(value, findings);
}

/** Every user data property of a resource, at any depth, with its path (`launchTemplateData.userData`). */
function userDataProperties(
    props: unknown,
    path = "",
    found: Array<{ path: string; value: unknown }> = [],
): Array<{ path: string; value: unknown }> {
    if (Array.isArray(props)) {
        props.forEach((item, index) => userDataProperties(item, `${path}[${index}]`, found));
    } else if (props !== null && typeof props === "object") {
        for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
            const at = path ? `${path}.${key}` : key;
            if (USER_DATA_KEY.test(key)) found.push({ path: at, value });
            else userDataProperties(value, at, found);
        }
    }
    return found;
}

export const userDataSecrets: ResourceValidationPolicy = {
    name: "webtier-user-data-secrets",
    description:
        "AWS user data (instances, launch templates, any resource) carries no password, app key, access key, private key or credentialed URL, compressed or not.",
    enforcementLevel: "advisory",
    // Advisory by default, so it ranks with the other advisories (code scanning orders advisory
    // findings below mandatory ones); policies/config/prod.json makes it mandatory.
    severity: "low",
    validateResource: (args, reportViolation) => {
        // The clouds whose user data others can read say which of their resources carry it.
        const pack = CLOUD_PACKS.find((candidate) => candidate.userData?.covers(args.type));
        if (!pack?.userData) return;
        const advice = pack.userData.advice;
        const resource = fromResourceArgs(args);
        for (const { path, value } of userDataProperties(resource.props)) {
            if (value === undefined || value === null) continue;
            if (isUnknown(value)) {
                reportViolation(
                    `${describe(resource)}: ${path} is unknown during preview, so it cannot be checked for secrets (it is checked on pulumi up). ` +
                        "Render user data from config only, and read secrets on the instance through its role.",
                );
                continue;
            }
            if (typeof value !== "string") continue;
            const findings = findingsIn(value);
            if ("error" in findings) {
                reportViolation(`${describe(resource)}: ${path} cannot be checked for secrets: ${findings.error}.`);
                continue;
            }
            for (const { found, layer } of findings.layers) {
                reportViolation(
                    `${describe(resource)} carries ${found.join(", ")} in its ${path}${layer ? ` (${layer})` : ""}. ${advice}`,
                );
            }
        }
    },
};
