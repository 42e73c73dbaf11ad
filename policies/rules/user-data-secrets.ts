/**
 * No secret in user data others can read. EC2 hands an instance's user data to anyone allowed
 * `ec2:DescribeInstanceAttribute` (launch templates: `ec2:DescribeLaunchTemplateVersions`) and
 * to every process on the instance through the metadata service, and a secret in it ties the
 * secret to the server (rotating it replaces the server). Secrets belong in Parameter Store
 * (SecureString) or Secrets Manager, read at boot through the instance role. DigitalOcean
 * serves a droplet's user data only on its own metadata address, but shows an autoscale pool's
 * droplet template to whoever can read the pool. Each cloud's pack says which of its resources
 * carry user data others can read (`userData` in lib/<cloud>/index.ts).
 *
 * For any program and any such resource shape: every `userData` / `userDataBase64` property at
 * any depth (instances, spot requests, launch templates and configurations, the native
 * provider's launch template data, a pool's droplet template) is read through every layer cloud-init reads (base64, gzip,
 * MIME parts with base64 transfer encoding, base64 inside the text: `write_files` entries with an
 * `encoding`, a file a script decodes in place), and each layer is searched for
 * - assignments of secret-named keys: `*_PASSWORD=`, `APP_KEY=`, `*_SECRET_ACCESS_KEY=`,
 *   `token: ...`, `plain_text_passwd: ...` (shell, .env, YAML and JSON forms), also further into a
 *   line (`echo "DB_PASSWORD=..." >> .env`, `docker run -e APP_KEY=...`, `--db-password=...`,
 *   `--password ...`), unless the value is empty, a flag, a reference resolved on the server
 *   (`$VAR`, `${VAR}`, `$(command)`, `${VAR:-$(command)}`, `${VAR:?message}`), where the secret is
 *   kept (an ARN, a parameter path), a shell pattern or a printf conversion (`%s`);
 * - URLs with a password (`mysql://user:pass@host`, `rediss://:pass@host`) or a token as their
 *   user (`https://ghp_...@github.com/...`), Authorization headers (`Bearer ...`, `Basic ...`);
 * - passwords given to a command: glued to a MySQL client's `-p`, `docker login -p ...`,
 *   `echo 'user:...' | chpasswd`, and .pgpass lines (`host:port:db:user:password`);
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
import { SCRIPT, secretsInText } from "../lib/secrets";
import { describe, fromResourceArgs, isUnknown } from "../lib/values";

/** Properties that hold user data, whatever the resource. */
const USER_DATA_KEY = /^userData(Base64)?$/;

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

/** A base64 token inside a line (`content: H4sI...`, `echo ... | base64 -d > .env`). */
const BASE64_TOKEN = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g;
/** A line of nothing but base64: one of a wrapped block (`content: |` in YAML, `base64`'s 76 columns). */
const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;
const MIN_EMBEDDED = 24;

/** Whether base64 decodes to something a layer can be read from: gzip, or text. */
function decodesToLayer(token: string): boolean {
    const bytes = Buffer.from(token, "base64");
    return (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) || asText(bytes) !== undefined;
}

/**
 * The base64 tokens of one line that decode to a layer. Lines come again from server to server
 * (paths, fingerprints: base64's alphabet, decoding to nothing), so each line's answer is kept.
 */
const recentTokens = new Recent<string, string[]>(4096);
const REMEMBERED_TOKEN_LINE = 512;
function tokensIn(line: string): string[] {
    return [...line.matchAll(BASE64_TOKEN)]
        .map(([token]) => token)
        .filter((token) => token.length % 4 === 0 && decodesToLayer(token));
}

/**
 * Base64 inside a text that is not base64 as a whole: cloud-init's `write_files` entries
 * (`encoding: b64`, `gzip+base64`, ...) and scripts that decode a file in place carry a .env
 * that way. Tokens within a line and blocks of whole base64 lines (joined), each once, when they
 * decode to gzip or text: a key, a hash or a signature is base64 too, and decodes to neither.
 */
function embeddedBase64(text: string): string[] {
    const found = new Set<string>();
    let run: string[] = [];
    const endRun = () => {
        const joined = run.join("");
        if (joined.length >= MIN_EMBEDDED && joined.length % 4 === 0 && decodesToLayer(joined)) found.add(joined);
        run = [];
    };
    for (const line of text.split(/\r?\n/)) {
        const trimmed = line.trim();
        if (trimmed && BASE64_LINE.test(trimmed)) {
            run.push(trimmed);
            continue;
        }
        endRun();
        if (line.length < MIN_EMBEDDED) continue;
        // Long lines (a file's base64 on one line) are read each time rather than kept.
        for (const token of line.length > REMEMBERED_TOKEN_LINE ? tokensIn(line) : recentTokens.get(line, tokensIn))
            found.add(token);
    }
    endRun();
    return [...found];
}

/**
 * Every layer of a user data value cloud-init would read, each with how it was reached. Throws
 * when a layer claims to be gzip but does not decompress: then nothing can be proven. (Base64
 * found inside a text, `embedded base64`, is read when it decodes to text or gzip, and left alone
 * otherwise: a key, a hash or a signature is base64 too.)
 */
export function userDataLayers(value: string): Array<{ text: string; layer: string }> {
    const layers: Array<{ text: string; layer: string }> = [];
    const visitBytes = (bytes: Buffer, path: string[], depth: number, strict = true) => {
        if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
            let inflated: Buffer;
            try {
                inflated = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED });
            } catch (error) {
                if (!strict) return;
                throw new Error(
                    `its ${[...path, "gzip"].join(" > ")} layer does not decompress (${(error as Error).message})`,
                    { cause: error },
                );
            }
            visitBytes(inflated, [...path, "gzip"], depth + 1, strict);
            return;
        }
        const text = asText(bytes);
        if (text !== undefined) visitText(text, path, depth);
    };
    const visitText = (text: string, path: string[], depth: number) => {
        layers.push({ text, layer: path.join(" > ") });
        if (depth >= MAX_DEPTH) return;
        const compact = base64Within(text);
        if (compact !== undefined) {
            visitBytes(Buffer.from(compact, "base64"), [...path, "base64"], depth + 1);
            return;
        }
        const partBodies = new Set<string>();
        if (/^(mime-version:|content-type:\s*multipart)/im.test(text.slice(0, 4096))) {
            for (const part of mimeParts(text)) {
                const body = part.base64 ? base64Within(part.body) : undefined;
                if (body === undefined) continue;
                partBodies.add(body);
                visitBytes(Buffer.from(body, "base64"), [...path, "MIME part"], depth + 1);
            }
        }
        for (const token of embeddedBase64(text)) {
            if (!partBodies.has(token))
                visitBytes(Buffer.from(token, "base64"), [...path, "embedded base64"], depth + 1, false);
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
                .map(({ text, layer }) => ({ found: secretsInText(text, SCRIPT), layer }))
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
        "User data others can read (AWS instances, launch templates, any AWS resource; DigitalOcean autoscale pools' droplet template) carries no password, app key, token, access key, private key or credentialed URL, compressed or not.",
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
                        `Render user data from config only. ${advice}`,
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
