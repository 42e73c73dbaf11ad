/**
 * Passwords, tokens and user names AWS refuses at create, for webtier-preflight-credentials: a
 * database's master password and user name (RDS instances and clusters, DocumentDB) and an
 * ElastiCache AUTH token (with transit encryption, which it requires), each with the lengths and
 * characters its API documents. A value the program wrote is checked as
 * it is; one drawn by the random provider is checked by what it can draw (lib/random-strings.ts),
 * since a character the API refuses fails the create only on the runs that draw it.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { RANDOM_STRING_TYPES, randomStringCharacters } from "../random-strings";
import { Res, describe, isUnknown } from "../values";

interface CredentialRule {
    types: readonly string[];
    property: string;
    /** "master password", "AUTH token". */
    label: string;
    /** The service that refuses it, for messages. */
    service: string;
    /** Inclusive length bounds; undefined when the engine is not one the API documents here. */
    lengths(res: Res): { min: number; max: number; engine: string } | undefined;
    /** Whether the API takes the character. */
    accepts(character: string, res: Res): boolean;
    /** The characters it takes, in words, and an `overrideSpecial` that draws only those. */
    accepted(res: Res): string;
    safeSpecial(res: Res): string;
    source: string;
}

const printable = (c: string) => c >= " " && c <= "~";
/** RDS: any printable ASCII character but / " @ and the space (Oracle: also & and '). */
const rdsAccepts = (c: string, res: Res) => printable(c) && !'/"@ '.includes(c) && !(isOracle(res) && "&'".includes(c));
const isOracle = (res: Res) => typeof res.props.engine === "string" && res.props.engine.startsWith("oracle");

/** RDS for each engine (CreateDBInstance MasterUserPassword, "Length Constraints"). */
function rdsInstanceLengths(res: Res): { min: number; max: number; engine: string } | undefined {
    const engine = res.props.engine;
    if (typeof engine !== "string") return undefined;
    if (engine === "mysql" || engine === "mariadb") return { min: 8, max: 41, engine };
    if (engine === "postgres" || engine.startsWith("sqlserver")) return { min: 8, max: 128, engine };
    if (engine.startsWith("oracle")) return { min: 8, max: 30, engine };
    if (engine.startsWith("db2")) return { min: 8, max: 255, engine };
    return undefined;
}

const RULES: readonly CredentialRule[] = [
    {
        types: ["aws:rds/instance:Instance"],
        property: "password",
        label: "master password",
        service: "RDS",
        lengths: rdsInstanceLengths,
        accepts: rdsAccepts,
        accepted: (res) =>
            `any printable ASCII character but /, ", @ and the space${isOracle(res) ? " (Oracle: nor & and ')" : ""}`,
        safeSpecial: (res) => (isOracle(res) ? "!#$%*()-_=+[]{}<>:?" : "!#$%&*()-_=+[]{}<>:?"),
        source: "API rds CreateDBInstance MasterUserPassword",
    },
    {
        types: ["aws:rds/cluster:Cluster"],
        property: "masterPassword",
        label: "master password",
        service: "RDS",
        lengths: () => ({ min: 8, max: 41, engine: "an Aurora or Multi-AZ DB cluster" }),
        accepts: rdsAccepts,
        accepted: () => 'any printable ASCII character but /, ", @ and the space',
        safeSpecial: () => "!#$%&*()-_=+[]{}<>:?",
        source: "API rds CreateDBCluster MasterUserPassword",
    },
    {
        types: ["aws:docdb/cluster:Cluster"],
        property: "masterPassword",
        label: "master password",
        service: "DocumentDB",
        lengths: () => ({ min: 8, max: 100, engine: "DocumentDB" }),
        accepts: (c) => printable(c) && !'/"@'.includes(c),
        accepted: () => 'any printable ASCII character but /, " and @',
        safeSpecial: () => "!#$%&*()-_=+[]{}<>:?",
        source: "API docdb CreateDBCluster MasterUserPassword",
    },
    {
        types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
        property: "authToken",
        label: "AUTH token",
        service: "ElastiCache",
        lengths: () => ({ min: 16, max: 128, engine: "ElastiCache" }),
        accepts: (c) => /^[A-Za-z0-9!&#$^<>-]$/.test(c),
        accepted: () => "letters, digits and only the special characters ! & # $ ^ < > -",
        safeSpecial: () => "!&#$^<>-",
        source: "API elasticache CreateReplicationGroup AuthToken",
    },
];

/** The characters of `text` the rule refuses, each once, quoted for a message. */
function refused(rule: CredentialRule, res: Res, characters: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const c of characters) if (!rule.accepts(c, res)) out.add(c === " " ? "the space" : `'${c}'`);
    return [...out];
}

function lengthProblem(rule: CredentialRule, res: Res, length: number, what: string): string | undefined {
    const bounds = rule.lengths(res);
    if (!bounds || (length >= bounds.min && length <= bounds.max)) return undefined;
    return `${what} is ${length} characters long; ${bounds.engine} takes a ${rule.label} of ${bounds.min} to ${bounds.max}`;
}

function problemsOf(graph: StackGraph, rule: CredentialRule, res: Res): string[] {
    const value = res.props[rule.property];
    const at = `${describe(res)}: ${rule.property}`;
    const source = `Source: ${rule.source}.`;
    const problems: string[] = [];
    if (
        res.type === "aws:rds/instance:Instance" &&
        res.props.manageMasterUserPassword === true &&
        typeof value === "string"
    )
        problems.push(
            `${at} is set while manageMasterUserPassword is true; RDS refuses both (it keeps the password in Secrets Manager). Leave ${rule.property} out. ${source}`,
        );
    // The value as written (never quoted: only its length and the characters refused are named).
    if (typeof value === "string" && value !== "") {
        const wrongLength = lengthProblem(rule, res, value.length, at);
        if (wrongLength) problems.push(`${wrongLength}. ${source}`);
        const bad = refused(rule, res, value);
        if (bad.length > 0)
            problems.push(
                `${at} contains ${bad.join(", ")}, which ${rule.service} refuses in a ${rule.label} (it takes ${rule.accepted(res)}). ${source}`,
            );
    }
    // What the random provider can draw for it, whatever this run drew.
    const drawnFrom = graph.dependenciesOf(res, rule.property, RANDOM_STRING_TYPES);
    for (const random of drawnFrom) {
        const { characters, length } = randomStringCharacters(random);
        const name = `random ${random.type.endsWith("RandomPassword") ? "password" : "string"} "${random.name}"`;
        if (!isUnknown(characters)) {
            const bad = refused(rule, res, characters);
            if (bad.length > 0)
                problems.push(
                    `${at} comes from ${name}, which can draw ${bad.join(", ")}: ${rule.service} refuses those in a ${rule.label} (it takes ${rule.accepted(res)}), so the create fails whenever one is drawn. ` +
                        `Set overrideSpecial on "${random.name}" to "${rule.safeSpecial(res)}" (or special: false). ${source}`,
                );
        }
        // The length the random resource draws, when the value is that result alone.
        if (drawnFrom.length === 1 && typeof length === "number" && (isUnknown(value) || value === undefined)) {
            const wrong = lengthProblem(rule, res, length, `${at} (from ${name})`);
            if (wrong) problems.push(`${wrong}. Set length on "${random.name}" within the bounds. ${source}`);
        }
    }
    return problems;
}

/**
 * Master user names (API rds CreateDBInstance / CreateDBCluster, docdb CreateDBCluster
 * MasterUsername): letters, digits and underscores, a letter first, at most 16 characters (RDS for
 * PostgreSQL and DocumentDB 63, Oracle 30, SQL Server 128, as each engine's guide allows), not
 * `rdsadmin` (RDS's own) nor, on PostgreSQL, the reserved word `user`.
 */
const USERNAMES: readonly { types: readonly string[]; property: string; max(res: Res): number; source: string }[] = [
    {
        types: ["aws:rds/instance:Instance"],
        property: "username",
        max: (res) => {
            const engine = String(res.props.engine ?? "");
            if (engine === "postgres") return 63;
            if (engine.startsWith("oracle")) return 30;
            if (engine.startsWith("sqlserver")) return 128;
            return 16;
        },
        source: "API rds CreateDBInstance MasterUsername",
    },
    {
        types: ["aws:rds/cluster:Cluster"],
        property: "masterUsername",
        max: (res) => (String(res.props.engine ?? "").includes("postgres") ? 63 : 16),
        source: "API rds CreateDBCluster MasterUsername",
    },
    {
        types: ["aws:docdb/cluster:Cluster"],
        property: "masterUsername",
        max: () => 63,
        source: "API docdb CreateDBCluster MasterUsername",
    },
];

function usernameProblems(rule: (typeof USERNAMES)[number], res: Res): string[] {
    const value = res.props[rule.property];
    if (typeof value !== "string" || value === "") return [];
    const at = `${describe(res)}: ${rule.property} "${value}"`;
    const source = `Source: ${rule.source}.`;
    const max = rule.max(res);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(value))
        return [
            `${at} is not letters, digits and underscores starting with a letter, which a master user name must be. ${source}`,
        ];
    if (value.length > max)
        return [`${at} is ${value.length} characters long; the engine takes at most ${max}. ${source}`];
    const engine = String(res.props.engine ?? "");
    if (value.toLowerCase() === "rdsadmin" || (engine.includes("postgres") && value.toLowerCase() === "user"))
        return [`${at} is a name the engine reserves; choose another (for example "app"). ${source}`];
    return [];
}

/** An AUTH token only on a replication group with transit encryption (API elasticache CreateReplicationGroup AuthToken). */
function authTokenWithoutTls(res: Res): string[] {
    const token = res.props.authToken;
    const tls = res.props.transitEncryptionEnabled;
    if (token === undefined || token === null || token === "" || isUnknown(tls) || tls === true) return [];
    return [
        `${describe(res)}: authToken is set while transitEncryptionEnabled is not true; ElastiCache takes an AUTH token only with transit encryption. Set transitEncryptionEnabled: true. Source: API elasticache CreateReplicationGroup AuthToken.`,
    ];
}

/** Every password, token and master user name of the stack AWS would refuse at create. */
export function awsCredentialFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const rule of RULES)
        for (const res of graph.ofType(rule.types))
            for (const message of problemsOf(graph, rule, res)) findings.push({ urn: res.urn, message });
    for (const rule of USERNAMES)
        for (const res of graph.ofType(rule.types))
            for (const message of usernameProblems(rule, res)) findings.push({ urn: res.urn, message });
    for (const res of graph.ofType(["aws:elasticache/replicationGroup:ReplicationGroup"]))
        for (const message of authTokenWithoutTls(res)) findings.push({ urn: res.urn, message });
    return findings;
}
