/**
 * What counts as a secret in text a cloud stores and shows: assignments of secret-named keys in
 * shell, .env, YAML and JSON forms (at a line's start or further into it, as an option's value),
 * URLs with a password, private keys and AWS access key ids. Used by the rules that look for
 * secrets where others can read them (webtier-user-data-secrets, webtier-plaintext-secrets).
 * Pure: messages name the key or the kind of credential, never the value.
 */
import { Recent } from "./recent";

/**
 * Key names that hold a secret: the last word of the key (`DB_PASS` as PHP apps name it, Rails'
 * `SECRET_KEY_BASE`), or a client's own variable (`PGPASSWORD` for psql, `REDISCLI_AUTH`).
 */
const SECRET_KEY =
    /(^|[_.-])(password|passwd|pass|passphrase|pwd|secret|token|api_?key|app_?key|access_?key|private_?key|secret_?key|secret_?key_?base|auth_?token|credentials?)$|^(pgpassword|rediscli_auth)$/i;
/** A line that assigns a value to a key: shell/.env (`export K=v`), YAML (`k: v`, `- k: v`), JSON (`"k": "v"`). */
const ASSIGNMENT = /^\s*(?:export\s+|-\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(.*)$/;
/** A quoted key and value anywhere in a line (JSON embedded in a script or a YAML string). */
const QUOTED_PAIR = /["']([A-Za-z_][A-Za-z0-9_.-]*)["']\s*:\s*["']([^"']*)["']/g;
/**
 * Values that are not secrets: empty, booleans, null, resolved on the server when the line runs
 * (`$VAR`, `$(command)`, `` `command` ``, a template's `{{ ... }}`), or the ARN of where the
 * secret is kept (`DB_SECRET=arn:aws:secretsmanager:...`).
 */
const NOT_A_SECRET =
    /^(|true|false|yes|no|on|off|null|~|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*\)?|`.*|\{\{.*\}\}|\|[-+]?|>[-+]?|arn:aws[a-z-]*:\S*)$/i;
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
/** The MySQL clients' password glued to `-p` (`mysql -uapp -pHunter2 ...`; a space after it would prompt). */
const MYSQL_PASSWORD_OPTION = /\bmysql(?:dump|admin|import|check|slap)?\b.*?\s-p("[^"]*"|'[^']*'|[^\s"'`;&|)]+)/;
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s@/'"]+)@/i;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** An access key id in AWS's format (whoever carries it, it is a credential). */
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;

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
            if (!isSecretName(key)) continue;
            const unquoted = value.replace(/^(["'])(.*)\1$/, "$2").trim();
            if (!NOT_A_SECRET.test(unquoted) && !PATTERN_OR_CONVERSION.test(unquoted))
                found.push(`the ${key} assignment`);
        }
    }
    const mysql = MYSQL_PASSWORD_OPTION.exec(line);
    if (mysql && !NOT_A_SECRET.test(mysql[1].replace(/^(["'])(.*)\1$/, "$2").trim())) found.push("a MySQL -p password");
    const url = URL_WITH_PASSWORD.exec(line);
    if (url && !NOT_A_SECRET.test(url[1])) found.push("a URL with a password");
    if (PRIVATE_KEY.test(line)) found.push("a private key");
    if (ACCESS_KEY_ID.test(line)) found.push("an AWS access key id");
    return found;
}

/**
 * What a line holds whenever secretsInLine finds anything in it: a word of SECRET_KEY's (its
 * parts joined by `_`, `-` or nothing, as keys, variables and options spell them), a MySQL
 * client's name, a URL's `://`,
 * a private key's header or an access key id's prefix. Most lines of user data hold none of
 * these, so one search of the whole text finds the lines worth judging.
 */
const CANDIDATE =
    /pass|pwd|secret|token|api[-_]?key|app[-_]?key|access[-_]?key|private[-_ ]?key|credential|rediscli_auth|mysql|:\/\/|AKIA|ASIA/gi;

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
    // Lines as `text.split(/\r?\n/)` gives them: a "\r" ends a line only before a "\n".
    const candidate = new RegExp(CANDIDATE);
    for (let match = candidate.exec(text); match; match = candidate.exec(text)) {
        const start = text.lastIndexOf("\n", match.index) + 1;
        const newline = text.indexOf("\n", match.index);
        const next = newline < 0 ? text.length : newline;
        const end = newline > 0 && text[newline - 1] === "\r" ? newline - 1 : next;
        const line = text.slice(start, end);
        found.push(...(line.length > REMEMBERED_LINE ? secretsInLine(line) : recentLines.get(line, secretsInLine)));
        // One judgement a line, however many candidates it holds.
        candidate.lastIndex = next;
    }
    return [...new Set(found)];
}

/**
 * One variable of an environment the cloud shows (a container's, a function's, an app's): its
 * name when the name says it holds a secret and the value is one (not empty, not a reference),
 * and whatever the value itself carries (a URL with a password, a key, a .env).
 */
export function secretsInVariable(name: string, value: string): string[] {
    const found: string[] = [];
    if (isSecretName(name) && !isReference(value.trim())) found.push(`the ${name} variable`);
    return [...new Set([...found, ...secretsInText(value)])];
}

/** Whether a key, variable or option name says it holds a secret (`DB_PASSWORD`, `api-key`, `db_password`). */
export function isSecretName(name: string): boolean {
    // Option names spell their words with hyphens (`--api-key`), variables with underscores.
    return SECRET_KEY.test(name.replace(/-/g, "_"));
}

/** Whether a value is no secret: empty, a boolean, or a reference resolved elsewhere (`$VAR`, an ARN). */
export function isReference(value: string): boolean {
    return NOT_A_SECRET.test(value);
}

/** What was found, in words for a message: "the DB_PASSWORD variable and a URL with a password". */
export function listedFindings(found: readonly string[]): string {
    return found.length <= 1 ? (found[0] ?? "") : `${found.slice(0, -1).join(", ")} and ${found[found.length - 1]}`;
}
