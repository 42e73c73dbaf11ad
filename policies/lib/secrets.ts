/**
 * What counts as a secret in text a cloud stores and shows: assignments of secret-named keys in
 * shell, .env, YAML and JSON forms (at a line's start or further into it, as an option's value),
 * URLs with a password or a token as their user, Authorization headers, passwords handed to a
 * MySQL client, a registry login or chpasswd, .pgpass lines, private keys and AWS access key
 * ids. What is a reference rather than the secret depends on where the text is kept (a Reading):
 * a script's `$DB_PASSWORD` is resolved on the server, an environment's is the secret itself.
 * Used by the rules that look for secrets where others can read them
 * (webtier-user-data-secrets, webtier-plaintext-secrets).
 * Pure: messages name the key or the kind of credential, never the value.
 */
import { Recent } from "./recent";

/**
 * Key names that hold a secret: the last word of the key (`DB_PASS` as PHP apps name it, Rails'
 * `SECRET_KEY_BASE` and `RAILS_MASTER_KEY`, `JWT_SIGNING_KEY`, `REDIS_AUTH`), or a client's own
 * variable or option (`PGPASSWORD` for psql, `REDISCLI_AUTH`, Redis' `requirepass` and
 * `masterauth`). Matched against the name as isSecretName spells it (words joined by `_`), so
 * `PASSWORD_MIN_LENGTH`, `*_KEY_ID`, `PUBLIC_KEY` and `KEY_NAME` end in a word that holds none.
 * A word in the plural holds them all the same (`API_TOKENS`, `DB_PASSWORDS`, `SECRETS`).
 */
const SECRET_KEY =
    /(^|[_.])(password|passwd|pass|passphrase|pwd|secret|token|auth|api_?key|app_?key|access_?key|private_?key|secret_?key|secret_?key_?base|auth_?token|master_?key|encryption_?key|signing_?key|hmac_?key|credential)s?$|^(pgpassword|rediscli_auth|requirepass|masterauth)$/i;
/** A name whose last word is `auth`, which names a mechanism (`SMTP_AUTH=login`) as often as a secret. */
const AUTH_NAME = /(^|[_.])auth$/i;
/** The mechanisms an `*_AUTH` setting names: no secret. */
const AUTH_MECHANISM =
    /^(none|basic|bearer|digest|plain|login|cram-md5|ntlm|kerberos|gssapi|oauth2?|xoauth2|sasl|scram-sha-(1|256)|md5|trust|password|token|key|iam|tls|ssl|starttls|required|optional)$/i;
/** A line that assigns a value to a key: shell/.env (`export K=v`), YAML (`k: v`, `- k: v`), JSON (`"k": "v"`). */
const ASSIGNMENT = /^\s*(?:export\s+|-\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(.*)$/;
/** A quoted key and value anywhere in a line (JSON embedded in a script or a YAML string). */
const QUOTED_PAIR = /["']([A-Za-z_][A-Za-z0-9_.-]*)["']\s*:\s*["']([^"']*)["']/g;
/**
 * Values no place reads as a secret: empty, a flag (`REQUIRE_PASSWORD=1`, `true`, `off`), a
 * template's `{{ ... }}` (CloudFormation's `{{resolve:secretsmanager:...}}` among them), a YAML
 * block indicator or empty collection (`auth: {}`), or the ARN of where the secret is kept (`DB_SECRET=arn:aws:secretsmanager:...`).
 */
const NO_SECRET =
    /^(|true|false|yes|no|on|off|enabled|disabled|none|null|~|0|1|\{\{.*\}\}|\|[-+]?|>[-+]?|\{\s*\}|\[\s*\]|arn:aws[a-z-]*:\S*)$/i;
/**
 * A placeholder spelled as a variable's name (`${APP_KEY}`, `$DB_PASSWORD`): where nothing fills
 * it in, the text shown is a name, not a secret. A `$` before anything else (`$uperS3cret`,
 * `${Spring2024}`) is a secret's first character where nothing expands it.
 */
const PLACEHOLDER = /^\$(?:[A-Z_][A-Z0-9_]*|\{[A-Z_][A-Z0-9_]*\})$/;
/**
 * The name of where a secret is kept, or of a file holding it: an SSM parameter path
 * (`/app/prod/db_password`), a Secrets Manager name with a path (`prod/app/db`), a KMS alias
 * (`alias/app`), `/run/secrets/db`. Lowercase words between slashes: generated secrets mix cases
 * (base64's `/` comes with capitals), so a value with a capital or without a slash is still
 * judged; a Secrets Manager name with neither (`prod-db`) cannot be told from a passphrase and is
 * judged as one (pass its ARN instead).
 */
const SECRET_LOCATION = /^\/?[a-z][a-z0-9_.-]*(?:\/[a-z0-9_.-]+)+$/;
/**
 * `KEY=value` further into a line, after a blank, a quote, a shell separator or a colon: how user
 * data usually writes a .env or hands a variable on (`echo "DB_PASSWORD=..." >> .env`,
 * `docker run -e APP_KEY=...`, `env DB_PASSWORD=... php artisan migrate`, `--db-password=...`,
 * an .npmrc's `//registry.npmjs.org/:_authToken=...`). The value is quoted, or ends at a blank, a
 * quote or a separator.
 */
const INLINE_ASSIGNMENT = /(?:^|[\s"'`;&|(:])-{0,2}([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s"'`;&|)]*)/g;
/** A long option with a secret name and its value as the next word: `--password ...`, `--api-key "..."`. */
const OPTION_VALUE = /(?:^|\s)--([A-Za-z][A-Za-z0-9_.-]*)\s+("[^"]*"|'[^']*'|[^\s"'`;&|)-][^\s"'`;&|)]*)/g;
/**
 * Values in those forms that are no value: a shell pattern (`[[ $line == APP_KEY=* ]]`) or a
 * printf conversion (`printf 'DB_PASSWORD=%s\n' "$password"`).
 */
const PATTERN_OR_CONVERSION = /^(?:[*?.]+|%[-#0 +']*\d*(?:\.\d+)?[A-Za-z](?:\\n)?)$/;
/**
 * A MySQL client as a command: its name as a word of its own (or under a bin directory), so not
 * a package (`mysql-client`) or a data directory (`/var/lib/mysql`).
 */
const MYSQL_CLIENT = /(?<=^|[\s;&|(])(?:\/(?:usr\/)?(?:local\/)?s?bin\/)?mysql(?:dump|admin|import|check|slap)?(?=\s)/g;
/** Where a simple command ends: the client's options are read up to here. */
const COMMAND_END = /&&|\|\||[;&|()]/;
/** The MySQL clients' password glued to `-p` (`mysql -uapp -pHunter2 ...`; a space after it would prompt). */
const GLUED_PASSWORD = /\s-p("[^"]*"|'[^']*'|[^\s"'`;&|)]+)/;
/** What follows `-p` in a port mapping (`docker run -p3306:3306`, `-p127.0.0.1:80:80/tcp`): no password. */
const PORT_MAPPING = /^(?:[\d.]+:)?\d+(?:-\d+)?:\d+(?:-\d+)?(?:\/[a-z]+)?$/;
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:([^\s@/'"]+)@/i;
/** A URL whose user is a token (`https://ghp_...@github.com/org/app.git`): userinfo without a colon. */
const URL_WITH_USER = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@'"]+)@/i;
/**
 * A user that is a token: a provider's token prefix (GitHub's `ghp_`, `gho_`, `ghs_`, ...,
 * `github_pat_`, GitLab's `glpat-`, npm's `npm_`), or 32 and more letters and digits (an OAuth
 * token in hex). A user's name is short and has no such prefix.
 */
const TOKEN_USER =
    /^(?:gh[pousr]_|github_pat_|glpat-|npm_)[A-Za-z0-9_-]+$|^(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}$/;
/** An HTTP Authorization header with its credentials (`curl -H "Authorization: Bearer ..."`). */
const AUTHORIZATION_HEADER =
    /\bAuthorization\s*:\s*(?:Bearer|Basic|Token|Bot)\s+(\{\{[^}]*\}\}|"[^"]*"|'[^']*'|[^\s"'`;&|)]+)/i;
/** A registry login with a password on the command line: `docker login -u ci -p '...'` (`--password` is an option's value). */
const REGISTRY_LOGIN =
    /\b(?:docker|podman|nerdctl|buildah|skopeo)\s+login\b[^;&|]*?\s-p(?:\s+|=)("[^"]*"|'[^']*'|[^\s"'`;&|)]+)/;
/**
 * A user's password set through chpasswd: `echo 'admin:...' | chpasswd`, `chpasswd <<< "admin:..."`.
 * The first starts at a quote or where a word starts (a match inside a word starts at its
 * beginning too): tried at every position of a long word, it took time in the square of its length.
 */
const CHPASSWD = [
    /(?:(["'])|(?<![^\s"':|]))[^\s"':|]+:([^\s"']+)\1\s*\|\s*(?:sudo\s+)?chpasswd\b/,
    /\bchpasswd\b[^|;&]*<<<\s*(["']?)[^\s"':]+:([^\s"']+)\1/,
];
/**
 * A line of a .pgpass file (`host:port:database:user:password`), alone (a heredoc's or a
 * `write_files` entry's line) or quoted (`echo "db:5432:app:app:..." > ~/.pgpass`). The host holds
 * a letter, is `*` or an IPv4 address, so a time (`10:30:00:00:00`) is none.
 */
const PGPASS_LINE =
    /(?:^|[\s"'])(?=[^:\s"']*[A-Za-z*]|\d+\.\d+\.\d+\.\d+:)[A-Za-z0-9_.*-]+:(?:\d{1,5}|\*):[^:\s"']+:[^:\s"']+:([^:\s"']+)(?=$|[\s"'])/;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** An access key id in AWS's format (whoever carries it, it is a credential). */
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;

/**
 * How the place a value is kept reads it: which forms in it are references resolved where the
 * value is used rather than the secret itself. A shell expands `$DB_PASSWORD`; an environment a
 * cloud stores (Lambda's, ECS', an SSM value) is handed on as written, so there `$uperS3cret` is
 * the secret.
 */
export interface Reading {
    /** Whether a whole value is a reference, resolved where it is used. */
    isReference(value: string): boolean;
}

/**
 * A shell parameter expansion, `${NAME}` or `${NAME<op>word}` (`:-`, `:=`, `:?`, `:+`, or without
 * the colon); its closing brace is missing where a blank cut the value (`${DB_PASSWORD:-$(cat`).
 */
const SHELL_EXPANSION = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?:(:?[-=?+])(.*?))?\}?$/s;
/** `$NAME`, a command substitution (`$(...)`, possibly cut at a blank) or backquotes. */
const SHELL_SUBSTITUTION = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\(.*\)?|`.*)$/s;

/** The `${...}` a value starts with, to its closing brace (a fallback may hold `$(...)` and braces); all of it when unclosed. */
function leadingExpansion(value: string): string {
    let depth = 0;
    for (let i = 1; i < value.length; i++) {
        if (value[i] === "{") depth++;
        else if (value[i] === "}" && --depth === 0) return value.slice(0, i + 1);
    }
    return value;
}

/**
 * Whether the shell resolves a value on the server: a variable, a command's output, or an
 * expansion whose fallback is one (`${DB_PASSWORD:-$(aws ssm get-parameter ...)}`) or an error
 * (`${APP_KEY:?APP_KEY must be set}`). A literal fallback (`${DB_PASSWORD:-hunter2}`) is the
 * secret, written into the script. The value may go on after a blank, as the rest of the command
 * it is set for (`DB_PASSWORD=${DB_PASSWORD:-} php artisan migrate`).
 */
function isShellReference(value: string): boolean {
    const first = value.startsWith("${") ? leadingExpansion(value) : /^\S*/.exec(value)![0];
    if (first.length < value.length && !/^\s/.test(value.slice(first.length))) return false;
    if (SHELL_SUBSTITUTION.test(value)) return true;
    const expansion = SHELL_EXPANSION.exec(first);
    if (!expansion) return SHELL_SUBSTITUTION.test(first);
    const [, operator, word = ""] = expansion;
    if (!operator || operator.endsWith("?")) return true;
    const fallback = word.replace(/^(["'])(.*)\1$/s, "$2").trim();
    return fallback === "" || isShellReference(fallback);
}

/** Scripts (user data, a build's commands): the shell resolves its variables and commands on the server. */
export const SCRIPT: Reading = { isReference: isShellReference };
/** Values a cloud stores and hands on as written (environments, parameters): no form is a reference. */
export const VERBATIM: Reading = { isReference: () => false };

/** Whether a value holds no secret, as the place it is kept reads it. */
export function holdsNoSecret(value: string, reading: Reading): boolean {
    return (
        NO_SECRET.test(value) || PLACEHOLDER.test(value) || SECRET_LOCATION.test(value) || reading.isReference(value)
    );
}

/** Whether a key assigned a value holds a secret in it. */
function secretAssigned(key: string, value: string, reading: Reading): boolean {
    if (!isSecretName(key) || holdsNoSecret(value, reading) || PATTERN_OR_CONVERSION.test(value)) return false;
    return !(AUTH_NAME.test(spelled(key)) && AUTH_MECHANISM.test(value));
}

function unquoted(value: string): string {
    return value.replace(/^(["'])(.*)\1$/, "$2").trim();
}

/** Whether a line glues a password to a MySQL client's `-p`, in the same simple command as the client. */
function mysqlPasswords(line: string, reading: Reading): boolean {
    for (const client of line.matchAll(MYSQL_CLIENT)) {
        // `docker run --name mysql ...`: the word is a long option's value, not the client.
        const previous = /\S+$/.exec(line.slice(0, client.index).trimEnd())?.[0] ?? "";
        if (previous.startsWith("--") && previous !== "--") continue;
        const command = line.slice(client.index + client[0].length).split(COMMAND_END)[0];
        const password = GLUED_PASSWORD.exec(command);
        if (!password) continue;
        const value = unquoted(password[1]);
        if (!holdsNoSecret(value, reading) && !PORT_MAPPING.test(value)) return true;
    }
    return false;
}

/** What one line holds, by kind and key name, in the order the checks run. */
function secretsInLine(line: string, reading: Reading): string[] {
    const found: string[] = [];
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
        const value = assignment[2]
            .trim()
            .replace(/(?<!\s)\s+#.*$/, "")
            .replace(/^(["'])(.*)\1[,;]?$/, "$2")
            .trim();
        if (secretAssigned(assignment[1], value, reading)) found.push(`the ${assignment[1]} assignment`);
    }
    for (const [, key, value] of line.matchAll(QUOTED_PAIR)) {
        if (secretAssigned(key, value.trim(), reading)) found.push(`the ${key} assignment`);
    }
    for (const pattern of [INLINE_ASSIGNMENT, OPTION_VALUE]) {
        for (const [, key, value] of line.matchAll(pattern)) {
            if (secretAssigned(key, unquoted(value), reading)) found.push(`the ${key} assignment`);
        }
    }
    if (mysqlPasswords(line, reading)) found.push("a MySQL -p password");
    // Both tried at each word inside a long dotted or dashed one, so only where a URL can be.
    const hasUrl = line.includes("://");
    const url = hasUrl ? URL_WITH_PASSWORD.exec(line) : null;
    if (url && !holdsNoSecret(url[1], reading)) found.push("a URL with a password");
    const user = hasUrl ? URL_WITH_USER.exec(line) : null;
    if (user && TOKEN_USER.test(user[1]) && !reading.isReference(user[1])) found.push("a URL with a token");
    const header = AUTHORIZATION_HEADER.exec(line);
    if (header && !holdsNoSecret(unquoted(header[1]), reading)) found.push("an Authorization header");
    const login = REGISTRY_LOGIN.exec(line);
    if (login && !holdsNoSecret(unquoted(login[1]), reading)) found.push("a registry login password");
    if (line.includes("chpasswd") && CHPASSWD.some((pattern) => isLiteral(pattern.exec(line)?.[2], reading)))
        found.push("a user's password for chpasswd");
    if (isLiteral(PGPASS_LINE.exec(line)?.[1], reading)) found.push("a .pgpass line");
    if (PRIVATE_KEY.test(line)) found.push("a private key");
    if (ACCESS_KEY_ID.test(line)) found.push("an AWS access key id");
    return found;
}

/** Whether a value a pattern found is there and is a secret. */
function isLiteral(value: string | undefined, reading: Reading): boolean {
    return value !== undefined && !holdsNoSecret(value, reading);
}

/**
 * What a line holds whenever secretsInLine finds anything in it: a word of SECRET_KEY's (its
 * parts joined by `_`, `-` or nothing, as keys, variables and options spell them), a MySQL
 * client's name, a URL's `://`, a registry login, an Authorization header (`auth`), a .pgpass
 * line's port between colons, a private key's header or an access key id's prefix. Most lines of
 * user data hold none of these, so one search of the whole text finds the lines worth judging.
 */
const CANDIDATE =
    /pass|pwd|secret|token|auth|api[-_]?key|app[-_]?key|access[-_]?key|private[-_ ]?key|master[-_]?key|encryption[-_]?key|signing[-_]?key|hmac[-_]?key|credential|mysql|login|:\/\/|:(?:\d{1,5}|\*):|AKIA|ASIA/gi;

/**
 * Lines judged lately, for each way of reading them. A tier's servers get user data that differs
 * in a few lines (the server's name and number), so most lines come again for every server. Long
 * lines (base64 text) are judged each time rather than kept.
 */
const recentLines = new WeakMap<Reading, Recent<string, string[]>>();
const REMEMBERED_LINE = 512;

/** The secrets and credentials in one text, by kind and key name, as the place it is kept reads it. */
export function secretsInText(text: string, reading: Reading): string[] {
    let recent = recentLines.get(reading);
    if (!recent) recentLines.set(reading, (recent = new Recent<string, string[]>(4096)));
    const judge = (line: string) => secretsInLine(line, reading);
    const found: string[] = [];
    // Lines as `text.split(/\r?\n/)` gives them: a "\r" ends a line only before a "\n".
    const candidate = new RegExp(CANDIDATE);
    for (let match = candidate.exec(text); match; match = candidate.exec(text)) {
        const start = text.lastIndexOf("\n", match.index) + 1;
        const newline = text.indexOf("\n", match.index);
        const next = newline < 0 ? text.length : newline;
        const end = newline > 0 && text[newline - 1] === "\r" ? newline - 1 : next;
        const line = text.slice(start, end);
        found.push(...(line.length > REMEMBERED_LINE ? judge(line) : recent.get(line, judge)));
        // One judgement a line, however many candidates it holds.
        candidate.lastIndex = next;
    }
    return [...new Set(found)];
}

/**
 * One variable of an environment the cloud shows (a container's, a function's, an app's): its
 * name when the name says it holds a secret and the value is one (not empty, not a flag, not a
 * reference as the place reads it), and whatever the value itself carries (a URL with a password,
 * a key, a .env).
 */
export function secretsInVariable(name: string, value: string, reading: Reading): string[] {
    const found: string[] = [];
    if (secretAssigned(name, value.trim(), reading)) found.push(`the ${name} variable`);
    return [...new Set([...found, ...secretsInText(value, reading)])];
}

/** A name's words joined by `_`: options spell them with hyphens (`--api-key`), JSON keys and settings in camelCase (`dbPassword`, `DBPassword`). */
function spelled(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .replace(/-/g, "_");
}

/** Whether a key, variable or option name says it holds a secret (`DB_PASSWORD`, `api-key`, `dbPassword`). */
export function isSecretName(name: string): boolean {
    return SECRET_KEY.test(spelled(name));
}

/** What was found, in words for a message: "the DB_PASSWORD variable and a URL with a password". */
export function listedFindings(found: readonly string[]): string {
    return found.length <= 1 ? (found[0] ?? "") : `${found.slice(0, -1).join(", ")} and ${found[found.length - 1]}`;
}
