/**
 * The `json` and `minifiedJson` that `aws:iam/getPolicyDocument:getPolicyDocument` returns: the
 * `aws_iam_policy_document` data source of terraform-provider-aws, which pulumi-aws bridges with
 * terraform-plugin-sdk v2. Emulated from, and to be kept in step with:
 *
 * - internal/service/iam/policy_document_data_source.go (`dataSourcePolicyDocumentRead`): the
 *   schema and its validators, the Read (source documents merged first, refusing a Sid twice
 *   among them; then the configured statements, refusing a Sid twice among them; then the
 *   override documents), `&{` turned into `${` in resources, principals and condition values,
 *   `json` = `json.MarshalIndent(doc, "", "  ")`, `minified_json` = `json.Marshal(doc)`.
 * - internal/service/iam/policy_model.go: the `iamPolicyDoc` / `iamPolicyStatement` structs
 *   (field order and `omitempty`), `Merge` (a statement with a Sid replaces the one with that
 *   Sid in place, any other is appended; a document's Id is adopted, its Version taken when
 *   greater), the principal and condition sets' MarshalJSON / UnmarshalJSON and
 *   `policyDecodeConfigStringList` (one value a string, more sorted in reverse).
 * - terraform-plugin-sdk v2 helper/schema set.go / serialize.go: a set's elements come back in
 *   the order of their hash codes (crc32 of `SerializeValueForHash` / `SerializeResourceForHash`)
 *   taken as decimal strings, duplicates dropped; that order decides how principal blocks of one
 *   type and conditions on one key are concatenated. helper/validation strings.go for the
 *   validators' messages.
 * - Go's encoding/json (encode.go, indent.go, scanner.go, decode.go): HTML-safe string escaping,
 *   map keys sorted bytewise, float formatting, the indenting, the syntax errors and the type
 *   errors of decoding the source and override documents into the structs.
 *
 * Errors are thrown with the provider's own text (a diagnostic's summary, a validator's message);
 * the bridge and the engine wrap that text before a user sees it.
 */

/** The outputs of the data source this module computes. */
export interface PolicyDocumentOutputs {
    /** `json.MarshalIndent(mergedDoc, "", "  ")`. */
    json: string;
    /** `json.Marshal(mergedDoc)`. */
    minifiedJson: string;
}

const DEFAULT_VERSION = "2012-10-17";
const VERSIONS = ["2008-10-17", "2012-10-17"];
const EFFECTS = ["Allow", "Deny"];

// ---------------------------------------------------------------------------------------------
// The document model: policy_model.go's structs with Go's nil made explicit.

/** A value decoded into Go's `any`: float64, string, bool, nil, []any, map[string]any. */
type GoAny = null | boolean | number | string | GoAny[] | Map<string, GoAny>;

/** iamPolicyStatementPrincipal: Identifiers is a string or a []string, as in Go. */
interface Principal {
    type: string;
    identifiers: string | string[];
}

/** iamPolicyStatementCondition: Values is a string or a []string, as in Go. */
interface Condition {
    test: string;
    variable: string;
    values: string | string[];
}

/** iamPolicyStatement; an `any` field left undefined is Go's nil interface (omitted). */
interface Statement {
    sid: string;
    effect: string;
    actions?: GoAny;
    notActions?: GoAny;
    resources?: GoAny;
    notResources?: GoAny;
    principals: Principal[];
    notPrincipals: Principal[];
    conditions: Condition[];
}

/** iamPolicyDoc; a null statement is a nil *iamPolicyStatement (a JSON `null` in a document). */
interface PolicyDoc {
    version: string;
    id: string;
    statements: (Statement | null)[];
}

const newStatement = (): Statement => ({ sid: "", effect: "", principals: [], notPrincipals: [], conditions: [] });

/** A Go runtime panic: the provider process dies with it (Pulumi reports the plugin's crash). */
class GoPanic extends Error {
    constructor(message: string) {
        super(`panic: ${message}`);
    }
}

const NIL_DEREFERENCE = "runtime error: invalid memory address or nil pointer dereference";

// ---------------------------------------------------------------------------------------------
// Go string ordering and quoting.

const utf8 = (s: string) => Buffer.from(s, "utf8");

/** strings.Compare / sort.Strings / slices.Sort order: bytewise over UTF-8, not UTF-16 units. */
function goCompare(a: string, b: string): number {
    return a === b ? 0 : Buffer.compare(utf8(a), utf8(b));
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");

/** strconv.Quote's escapes for control characters that have a name. */
const QUOTE_NAMED: Record<number, string> = {
    7: "\\a",
    8: "\\b",
    9: "\\t",
    10: "\\n",
    11: "\\v",
    12: "\\f",
    13: "\\r",
};

/** strconv.Quote of one rune at most U+00FF, without the quotes (all a byte can become). */
function quoteLatin1Rune(r: number): string {
    if (r === 0x22) return '\\"';
    if (r === 0x5c) return "\\\\";
    if (QUOTE_NAMED[r]) return QUOTE_NAMED[r];
    if (r < 0x20 || r === 0x7f) return `\\x${hex2(r)}`;
    // unicode.IsPrint: the C1 controls, NO-BREAK SPACE (Zs) and SOFT HYPHEN (Cf) are not printable.
    if ((r >= 0x80 && r <= 0xa0) || r === 0xad) return `\\u00${hex2(r)}`;
    return String.fromCharCode(r);
}

/** fmt's %q of a string (strconv.Quote): Go escapes, printable runes kept as they are. */
function goQuote(s: string): string {
    let out = '"';
    for (const ch of s) {
        const r = ch.codePointAt(0)!;
        if (r <= 0xff) out += quoteLatin1Rune(r);
        else if (r >= 0xd800 && r <= 0xdfff) out += "\\ufffd";
        else if (r === 0x2028 || r === 0x2029 || r === 0xfeff) out += `\\u${r.toString(16)}`;
        else out += ch;
    }
    return out + '"';
}

// ---------------------------------------------------------------------------------------------
// Go encoding/json: Marshal (escapeHTML on), Indent.

/** encode.go appendString's two-character escapes (\b and \f since Go 1.22). */
const JSON_SHORT: Record<number, string> = {
    0x22: '\\"',
    0x5c: "\\\\",
    8: "\\b",
    12: "\\f",
    10: "\\n",
    13: "\\r",
    9: "\\t",
};

/** encode.go appendString with escapeHTML: <, >, & and the line separators escaped, \b and \f short. */
function goJsonString(s: string): string {
    let out = '"';
    for (const ch of s) {
        const r = ch.codePointAt(0)!;
        if (r < 0x80) {
            if (r >= 0x20 && r !== 0x22 && r !== 0x5c && r !== 0x3c && r !== 0x3e && r !== 0x26) {
                out += ch;
                continue;
            }
            out += JSON_SHORT[r] ?? `\\u00${hex2(r)}`;
        } else if (r >= 0xd800 && r <= 0xdfff) {
            // A lone surrogate is not UTF-8; Go replaces an invalid byte with this escape.
            out += "\\ufffd";
        } else if (r === 0x2028 || r === 0x2029) {
            out += `\\u${r.toString(16)}`;
        } else {
            out += ch;
        }
    }
    return out + '"';
}

/** float64Encoder: ES6 number formatting with Go's exponent cut-offs (the same as JavaScript's). */
function goJsonNumber(n: number): string {
    if (Object.is(n, -0)) return "-0";
    return String(n);
}

function marshalAny(v: GoAny): string {
    if (v === null) return "null";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") return goJsonNumber(v);
    if (typeof v === "string") return goJsonString(v);
    if (Array.isArray(v)) return `[${v.map(marshalAny).join(",")}]`;
    return marshalMap([...v.entries()].map(([k, x]) => [k, marshalAny(x)]));
}

/** A Go map: entries with their values already marshalled, keys sorted bytewise. */
function marshalMap(entries: [string, string][]): string {
    const sorted = [...entries].sort(([a], [b]) => goCompare(a, b));
    return `{${sorted.map(([k, v]) => `${goJsonString(k)}:${v}`).join(",")}}`;
}

/** iamPolicyStatementPrincipalSet.MarshalJSON. */
function marshalPrincipals(ps: Principal[]): string {
    // Only {"*": ["*"]} alone becomes "*": IAM refuses "*" in a trust policy but takes {"AWS": "*"}.
    if (ps.length === 1 && ps[0].type === "*") {
        const ids = ps[0].identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return '"*"';
    }
    const raw = new Map<string, string | string[]>();
    for (const p of ps) {
        const current = raw.get(p.type);
        const before = current === undefined ? [] : typeof current === "string" ? [current] : current;
        if (Array.isArray(p.identifiers)) {
            // Each block's own identifiers sorted in reverse, appended after the earlier blocks'.
            const own = [...p.identifiers].sort(goCompare).reverse();
            raw.set(p.type, [...before, ...own]);
        } else {
            raw.set(p.type, current === undefined ? p.identifiers : [...before, p.identifiers]);
        }
    }
    return marshalMap(
        [...raw.entries()].map(([type, ids]) => [
            type,
            typeof ids === "string" ? goJsonString(ids) : `[${ids.map(goJsonString).join(",")}]`,
        ]),
    );
}

/** iamPolicyStatementConditionSet.MarshalJSON: test -> variable -> values, one value flattened. */
function marshalConditions(cs: Condition[]): string {
    const raw = new Map<string, Map<string, string[]>>();
    for (const c of cs) {
        if (!raw.has(c.test)) raw.set(c.test, new Map());
        const byVariable = raw.get(c.test)!;
        // Values keep their order: conditions on one key are concatenated in set order.
        byVariable.set(c.variable, [
            ...(byVariable.get(c.variable) ?? []),
            ...(Array.isArray(c.values) ? c.values : [c.values]),
        ]);
    }
    return marshalMap(
        [...raw.entries()].map(([test, byVariable]) => [
            test,
            marshalMap(
                [...byVariable.entries()].map(([variable, values]) => [
                    variable,
                    values.length === 1 ? goJsonString(values[0]) : `[${values.map(goJsonString).join(",")}]`,
                ]),
            ),
        ]),
    );
}

/** The struct encoder over iamPolicyStatement: field order, `omitempty` as Go applies it. */
function marshalStatement(s: Statement | null): string {
    if (s === null) return "null";
    const fields: string[] = [];
    const add = (name: string, json: string) => fields.push(`"${name}":${json}`);
    if (s.sid !== "") add("Sid", goJsonString(s.sid));
    if (s.effect !== "") add("Effect", goJsonString(s.effect));
    // An interface is empty only when nil: a decoded "" or [] is written.
    if (s.actions !== undefined) add("Action", marshalAny(s.actions));
    if (s.notActions !== undefined) add("NotAction", marshalAny(s.notActions));
    if (s.resources !== undefined) add("Resource", marshalAny(s.resources));
    if (s.notResources !== undefined) add("NotResource", marshalAny(s.notResources));
    if (s.principals.length > 0) add("Principal", marshalPrincipals(s.principals));
    if (s.notPrincipals.length > 0) add("NotPrincipal", marshalPrincipals(s.notPrincipals));
    if (s.conditions.length > 0) add("Condition", marshalConditions(s.conditions));
    return `{${fields.join(",")}}`;
}

function marshalDoc(doc: PolicyDoc): string {
    const fields: string[] = [];
    if (doc.version !== "") fields.push(`"Version":${goJsonString(doc.version)}`);
    if (doc.id !== "") fields.push(`"Id":${goJsonString(doc.id)}`);
    if (doc.statements.length > 0) fields.push(`"Statement":[${doc.statements.map(marshalStatement).join(",")}]`);
    return `{${fields.join(",")}}`;
}

/**
 * indent.go Indent over compact JSON: a newline and the indent after `{`, `[` and `,`, a space
 * after `:`, an empty object or array kept as `{}` / `[]`.
 */
function goIndent(compact: string, indent: string): string {
    let out = "";
    let depth = 0;
    let needIndent = false;
    let inString = false;
    const newline = () => (out += "\n" + indent.repeat(depth));
    for (let i = 0; i < compact.length; i++) {
        const c = compact[i];
        if (inString) {
            out += c;
            if (c === "\\") out += compact[++i];
            else if (c === '"') inString = false;
            continue;
        }
        if (needIndent && c !== "]" && c !== "}") {
            needIndent = false;
            depth++;
            newline();
        }
        switch (c) {
            case '"':
                inString = true;
                out += c;
                break;
            case "{":
            case "[":
                needIndent = true;
                out += c;
                break;
            case ",":
                out += c;
                newline();
                break;
            case ":":
                out += ": ";
                break;
            case "}":
            case "]":
                if (needIndent) needIndent = false;
                else {
                    depth--;
                    newline();
                }
                out += c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Go encoding/json: the scanner's syntax errors, over the document's UTF-8 bytes.

type JsonNode =
    | { kind: "object"; members: [string, JsonNode][] }
    | { kind: "array"; items: JsonNode[] }
    | { kind: "string"; value: string }
    | { kind: "number"; text: string }
    | { kind: "bool"; value: boolean }
    | { kind: "null" };

/** A *json.SyntaxError or any other error whose text is final. */
class GoError extends Error {}

/** scanner.go's maxNestingDepth. */
const MAX_DEPTH = 10000;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/**
 * Parses JSON as Go's decoder sees it, failing with the scanner's message: a byte described as
 * quoteChar describes it, and at the end of the input a space fed to the state the input stopped
 * in (`{"a": -` ends "in numeric literal", `{` ends with "unexpected end of JSON input").
 */
class GoJsonParser {
    private pos = 0;
    private readonly b: Buffer;

    constructor(text: string) {
        this.b = utf8(text);
    }

    parse(): JsonNode {
        const value = this.value(0);
        this.skipSpace();
        if (this.pos < this.b.length) throw this.invalid(this.b[this.pos], "after top-level value");
        return value;
    }

    private invalid(c: number, context: string): GoError {
        const quoted = c === 0x27 ? "'\\''" : c === 0x22 ? "'\"'" : `'${quoteLatin1Rune(c)}'`;
        return new GoError(`invalid character ${quoted} ${context}`);
    }

    private endOfInput(): GoError {
        return new GoError("unexpected end of JSON input");
    }

    /** The next byte, or the space the scanner is fed at the end of the input. */
    private at(i: number): number {
        return i < this.b.length ? this.b[i] : 0x20;
    }

    private skipSpace() {
        while (this.pos < this.b.length && isSpace(this.b[this.pos])) this.pos++;
    }

    private value(depth: number): JsonNode {
        this.skipSpace();
        if (this.pos >= this.b.length) throw this.endOfInput();
        const c = this.b[this.pos];
        if (c === 0x7b || c === 0x5b) {
            if (depth + 1 > MAX_DEPTH) throw this.invalid(c, "exceeded max depth");
            return c === 0x7b ? this.object(depth + 1) : this.array(depth + 1);
        }
        if (c === 0x22) return { kind: "string", value: this.string() };
        if (c === 0x2d || isDigit(c)) return this.number();
        if (c === 0x74) return this.literal("true", { kind: "bool", value: true });
        if (c === 0x66) return this.literal("false", { kind: "bool", value: false });
        if (c === 0x6e) return this.literal("null", { kind: "null" });
        throw this.invalid(c, "looking for beginning of value");
    }

    /** Past the spaces after a value inside a container, the byte that must follow it. */
    private nextAfterValue(): number {
        this.skipSpace();
        if (this.pos >= this.b.length) throw this.endOfInput();
        return this.b[this.pos];
    }

    private object(depth: number): JsonNode {
        this.pos++;
        const members: [string, JsonNode][] = [];
        if (this.nextAfterValue() === 0x7d) {
            this.pos++;
            return { kind: "object", members };
        }
        for (;;) {
            const c = this.nextAfterValue();
            if (c !== 0x22) throw this.invalid(c, "looking for beginning of object key string");
            const key = this.string();
            const colon = this.nextAfterValue();
            if (colon !== 0x3a) throw this.invalid(colon, "after object key");
            this.pos++;
            members.push([key, this.value(depth)]);
            const next = this.nextAfterValue();
            this.pos++;
            if (next === 0x7d) return { kind: "object", members };
            if (next !== 0x2c) throw this.invalid(next, "after object key:value pair");
        }
    }

    private array(depth: number): JsonNode {
        this.pos++;
        const items: JsonNode[] = [];
        if (this.nextAfterValue() === 0x5d) {
            this.pos++;
            return { kind: "array", items };
        }
        for (;;) {
            items.push(this.value(depth));
            const next = this.nextAfterValue();
            this.pos++;
            if (next === 0x5d) return { kind: "array", items };
            if (next !== 0x2c) throw this.invalid(next, "after array element");
        }
    }

    /** Four hex digits at `i` as a number, or -1 (decode.go getu4, for a surrogate's partner). */
    private u4(i: number): number {
        if (i + 6 > this.b.length || this.b[i] !== 0x5c || this.b[i + 1] !== 0x75) return -1;
        for (let k = i + 2; k < i + 6; k++) if (!isHex(this.b[k])) return -1;
        return parseInt(this.b.toString("latin1", i + 2, i + 6), 16);
    }

    /** A string literal, unquoted as decode.go unquote does (a lone surrogate becomes U+FFFD). */
    private string(): string {
        this.pos++;
        let out = "";
        let start = this.pos;
        for (;;) {
            if (this.pos >= this.b.length) throw this.endOfInput();
            const c = this.b[this.pos];
            if (c === 0x22) {
                out += this.b.toString("utf8", start, this.pos);
                this.pos++;
                return out;
            }
            if (c < 0x20) throw this.invalid(c, "in string literal");
            if (c !== 0x5c) {
                this.pos++;
                continue;
            }
            out += this.b.toString("utf8", start, this.pos);
            const e = this.at(this.pos + 1);
            const simple: Record<number, string> = {
                0x62: "\b",
                0x66: "\f",
                0x6e: "\n",
                0x72: "\r",
                0x74: "\t",
                0x5c: "\\",
                0x2f: "/",
                0x22: '"',
            };
            if (simple[e] !== undefined) {
                out += simple[e];
                this.pos += 2;
            } else if (e === 0x75) {
                for (let k = this.pos + 2; k < this.pos + 6; k++)
                    if (!isHex(this.at(k))) throw this.invalid(this.at(k), "in \\u hexadecimal character escape");
                let r = parseInt(this.b.toString("latin1", this.pos + 2, this.pos + 6), 16);
                this.pos += 6;
                if (r >= 0xd800 && r <= 0xdfff) {
                    const low = this.u4(this.pos);
                    if (r < 0xdc00 && low >= 0xdc00 && low <= 0xdfff) {
                        r = 0x10000 + ((r - 0xd800) << 10) + (low - 0xdc00);
                        this.pos += 6;
                    } else r = 0xfffd;
                }
                out += String.fromCodePoint(r);
            } else throw this.invalid(e, "in string escape code");
            start = this.pos;
        }
    }

    private number(): JsonNode {
        const start = this.pos;
        if (this.b[this.pos] === 0x2d) {
            this.pos++;
            if (!isDigit(this.at(this.pos))) throw this.invalid(this.at(this.pos), "in numeric literal");
        }
        if (this.b[this.pos] === 0x30) this.pos++;
        else while (this.pos < this.b.length && isDigit(this.b[this.pos])) this.pos++;
        if (this.pos < this.b.length && this.b[this.pos] === 0x2e) {
            this.pos++;
            if (!isDigit(this.at(this.pos)))
                throw this.invalid(this.at(this.pos), "after decimal point in numeric literal");
            while (this.pos < this.b.length && isDigit(this.b[this.pos])) this.pos++;
        }
        if (this.pos < this.b.length && (this.b[this.pos] === 0x65 || this.b[this.pos] === 0x45)) {
            this.pos++;
            if (this.pos < this.b.length && (this.b[this.pos] === 0x2b || this.b[this.pos] === 0x2d)) this.pos++;
            if (!isDigit(this.at(this.pos))) throw this.invalid(this.at(this.pos), "in exponent of numeric literal");
            while (this.pos < this.b.length && isDigit(this.b[this.pos])) this.pos++;
        }
        return { kind: "number", text: this.b.toString("latin1", start, this.pos) };
    }

    private literal(word: string, node: JsonNode): JsonNode {
        for (let k = 1; k < word.length; k++) {
            const c = this.at(this.pos + k);
            if (c !== word.charCodeAt(k)) throw this.invalid(c, `in literal ${word} (expecting '${word[k]}')`);
        }
        this.pos += word.length;
        return node;
    }
}

/** The syntax error json.Unmarshal (and so the SDK's StringIsJSON) reports, or undefined. */
function goJsonSyntaxError(text: string): string | undefined {
    try {
        new GoJsonParser(text).parse();
        return undefined;
    } catch (e) {
        if (e instanceof GoError) return e.message;
        throw e;
    }
}

// ---------------------------------------------------------------------------------------------
// Go encoding/json: Unmarshal into iamPolicyDoc.

/** A *json.UnmarshalTypeError before decode.go's addErrorContext names the field it was in. */
class GoTypeError extends Error {
    constructor(
        readonly value: string,
        readonly goType: string,
    ) {
        super(`json: cannot unmarshal ${value} into Go value of type ${goType}`);
    }
}

/** %T of a value decoded into `any`. */
function goTypeName(v: GoAny): string {
    if (v === null) return "<nil>";
    if (typeof v === "boolean") return "bool";
    if (typeof v === "number") return "float64";
    if (typeof v === "string") return "string";
    return Array.isArray(v) ? "[]interface {}" : "map[string]interface {}";
}

/**
 * fold.go foldName: ASCII letters upper-cased, every other rune to the smallest of its case
 * orbit; of those only LONG S (ſ) and KELVIN SIGN fold onto ASCII (S, K), so only they can match
 * a field name here.
 */
const foldName = (s: string) =>
    s.replace(/[a-z\u017f\u212a]/g, (c) => (c === "\u017f" ? "S" : c === "\u212a" ? "K" : c.toUpperCase()));

/** decode.go's field lookup: the exact name first, else a case-insensitive match. */
function fieldOf(key: string, names: readonly string[]): string | undefined {
    return names.includes(key) ? key : names.find((name) => foldName(name) === foldName(key));
}

const DOC_FIELDS = ["Version", "Id", "Statement"] as const;
const STATEMENT_FIELDS = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
] as const;

/**
 * One json.Unmarshal: a type mismatch is saved and decoding goes on (the first one is returned at
 * the end), an error from an Unmarshaler stops it at once; both name the struct and field path
 * being decoded (errorContext), which an UnmarshalTypeError then carries.
 */
class Decoder {
    private saved: Error | undefined;
    private struct = "";
    private fields: string[] = [];

    private located(err: GoTypeError): Error {
        if (this.struct === "" && this.fields.length === 0) return err;
        return new GoError(
            `json: cannot unmarshal ${err.value} into Go struct field ${this.struct}.${this.fields.join(".")} of type ${err.goType}`,
        );
    }

    /** decode.go saveError: the first type mismatch is kept, named after the field it was in. */
    save(value: string, goType: string) {
        this.saved ??= this.located(new GoTypeError(value, goType));
    }

    /** The saved error an Unmarshal returns when nothing stopped it. */
    get savedError(): Error | undefined {
        return this.saved;
    }

    /** Runs a field's decoding with the field pushed on the error context, as decode.go object does. */
    private inField(struct: string, field: string, decode: () => void) {
        const [outerStruct, outerFields] = [this.struct, this.fields];
        this.struct = struct;
        this.fields = [...outerFields, field];
        decode();
        [this.struct, this.fields] = [outerStruct, outerFields];
    }

    /** An Unmarshaler's error as Unmarshal returns it: a type error gets the current field. */
    private abort(err: unknown): never {
        if (err instanceof GoTypeError) throw this.located(err);
        throw err;
    }

    unmarshal(text: string): PolicyDoc {
        const doc: PolicyDoc = { version: "", id: "", statements: [] };
        this.intoDoc(new GoJsonParser(text).parse(), doc);
        if (this.saved) throw this.saved;
        return doc;
    }

    private intoDoc(node: JsonNode, doc: PolicyDoc) {
        if (node.kind === "null") return;
        if (node.kind !== "object") return this.save(node.kind, "iam.iamPolicyDoc");
        for (const [key, value] of node.members) {
            const field = fieldOf(key, DOC_FIELDS);
            if (field === undefined) continue;
            this.inField("iamPolicyDoc", field, () => {
                if (field === "Version") doc.version = this.intoString(value, doc.version);
                else if (field === "Id") doc.id = this.intoString(value, doc.id);
                else this.intoStatements(value, doc);
            });
        }
    }

    /** A string field: a string sets it, null leaves it, anything else is a saved type error. */
    private intoString(node: JsonNode, current: string): string {
        if (node.kind === "string") return node.value;
        if (node.kind !== "null") this.save(node.kind, "string");
        return current;
    }

    /** []*iamPolicyStatement: null empties it; an array is decoded over the elements already there. */
    private intoStatements(node: JsonNode, doc: PolicyDoc) {
        if (node.kind === "null") {
            doc.statements = [];
            return;
        }
        if (node.kind !== "array") return this.save(node.kind, "[]*iam.iamPolicyStatement");
        doc.statements = node.items.map((item, i) => {
            if (item.kind === "null") return null;
            const target = doc.statements[i] ?? newStatement();
            if (item.kind === "object") this.intoStatement(item, target);
            else this.save(item.kind, "iam.iamPolicyStatement");
            return target;
        });
    }

    private intoStatement(node: Extract<JsonNode, { kind: "object" }>, s: Statement) {
        for (const [key, value] of node.members) {
            const field = fieldOf(key, STATEMENT_FIELDS);
            if (field === undefined) continue;
            this.inField("iamPolicyStatement", field, () => {
                switch (field) {
                    case "Sid":
                        s.sid = this.intoString(value, s.sid);
                        break;
                    case "Effect":
                        s.effect = this.intoString(value, s.effect);
                        break;
                    case "Action":
                        s.actions = this.intoAny(value) ?? undefined;
                        break;
                    case "NotAction":
                        s.notActions = this.intoAny(value) ?? undefined;
                        break;
                    case "Resource":
                        s.resources = this.intoAny(value) ?? undefined;
                        break;
                    case "NotResource":
                        s.notResources = this.intoAny(value) ?? undefined;
                        break;
                    case "Principal":
                    case "NotPrincipal":
                        try {
                            s[field === "Principal" ? "principals" : "notPrincipals"] = unmarshalPrincipals(value);
                        } catch (e) {
                            this.abort(e);
                        }
                        break;
                    case "Condition":
                        try {
                            s.conditions = unmarshalConditions(value);
                        } catch (e) {
                            this.abort(e);
                        }
                        break;
                }
            });
        }
    }

    /** A value decoded into `any` (null is the nil interface); a number past float64 is a type error. */
    intoAny(node: JsonNode): GoAny {
        switch (node.kind) {
            case "null":
                return null;
            case "bool":
            case "string":
                return node.value;
            case "number": {
                const n = Number(node.text);
                if (!Number.isFinite(n)) this.save(`number ${node.text}`, "float64");
                return Number.isFinite(n) ? n : null;
            }
            case "array":
                return node.items.map((item) => this.intoAny(item));
            case "object": {
                const map = new Map<string, GoAny>();
                for (const [k, v] of node.members) map.set(k, this.intoAny(v));
                return map;
            }
        }
    }
}

/** iamPolicyStatementPrincipalSet.UnmarshalJSON. */
function unmarshalPrincipals(node: JsonNode): Principal[] {
    // Its own json.Unmarshal into `any`, whose only possible failure is a number past float64.
    const inner = new Decoder();
    const data = inner.intoAny(node);
    if (inner.savedError) throw inner.savedError;
    // Any string at all stands for everyone.
    if (typeof data === "string") return [{ type: "*", identifiers: ["*"] }];
    if (!(data instanceof Map))
        throw new GoError(`Unsupported data type ${goTypeName(data)} for IAMPolicyStatementPrincipalSet`);
    const out: Principal[] = [];
    // Go ranges over the map in random order; the marshalled result is the same in any order.
    for (const [type, value] of data) {
        if (typeof value === "string") {
            out.push({ type, identifiers: value });
        } else if (Array.isArray(value)) {
            const ids = value.map((v, i) => {
                if (typeof v !== "string")
                    throw new GoError(
                        `Unsupported element type ${goTypeName(v)} for IAMPolicyStatementPrincipalSet.Identifiers[${i}] (principal type ${goQuote(type)}): must be string`,
                    );
                return v;
            });
            out.push({ type, identifiers: ids.sort(goCompare) });
        } else {
            throw new GoError(
                `Unsupported data type ${goTypeName(value)} for IAMPolicyStatementPrincipalSet.Identifiers`,
            );
        }
    }
    return out;
}

/** iamPolicyStatementConditionSet.UnmarshalJSON: into map[string]map[string]any first. */
function unmarshalConditions(node: JsonNode): Condition[] {
    // Its own json.Unmarshal, whose type errors name no field: the outer one names the field.
    const inner = new Decoder();
    if (node.kind === "null") return [];
    if (node.kind !== "object") inner.save(node.kind, "map[string]map[string]interface {}");
    const data = new Map<string, Map<string, GoAny>>();
    for (const [test, value] of node.kind === "object" ? node.members : []) {
        const byVariable = new Map<string, GoAny>();
        if (value.kind === "object")
            for (const [variable, v] of value.members) byVariable.set(variable, inner.intoAny(v));
        else if (value.kind !== "null") inner.save(value.kind, "map[string]interface {}");
        data.set(test, byVariable);
    }
    if (inner.savedError) throw inner.savedError;
    const out: Condition[] = [];
    for (const [test, byVariable] of data) {
        for (const [variable, values] of byVariable) {
            if (typeof values === "string") out.push({ test, variable, values: [values] });
            // A boolean becomes its string: {"Null": {"x": false}} is written "false".
            else if (typeof values === "boolean") out.push({ test, variable, values: String(values) });
            else if (Array.isArray(values)) {
                const strings = values.map((v) => {
                    // `v.(string)` unchecked: any other element crashes the provider.
                    if (typeof v !== "string")
                        throw new GoPanic(
                            `interface conversion: interface {} is ${goTypeName(v) === "<nil>" ? "nil" : goTypeName(v)}, not string`,
                        );
                    return v;
                });
                out.push({ test, variable, values: strings });
            }
            // Numbers, null and objects are dropped without a word.
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// terraform-plugin-sdk v2: sets.

/** hash/crc32 ChecksumIEEE. */
const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

function crc32(text: string): number {
    let crc = 0xffffffff;
    for (const byte of utf8(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A schema.Set's List(): each element keyed by its hash code as a decimal string (hashcode.String
 * is crc32, never negative on 64 bits), the first element of a code kept, the codes sorted as
 * strings. `serialize` is what HashSchema / HashResource hash.
 */
function sdkSetList<T>(items: T[], serialize: (item: T) => string): T[] {
    const byCode = new Map<string, T>();
    for (const item of items) {
        const code = String(crc32(serialize(item)));
        if (!byCode.has(code)) byCode.set(code, item);
    }
    return [...byCode.keys()].sort().map((code) => byCode.get(code)!);
}

/** SerializeValueForHash of a TypeString: the value and `;` (nil writes `;` alone, as "" does). */
const serializeString = (s: string | undefined) => `${s ?? ""};`;

// ---------------------------------------------------------------------------------------------
// The data source.

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const isBlock = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string attribute as the program gave it (a number or boolean as the bridge turns it to a string). */
function str(v: unknown): string | undefined {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return undefined;
}

/** A TypeSet of strings as the Read sees it: its List() order. */
function stringSet(v: unknown): string[] {
    const items = asList(v)
        .map(str)
        .filter((s): s is string => s !== undefined);
    return sdkSetList(items, serializeString);
}

/** policyDecodeConfigStringList: one value as a string, more sorted in reverse. */
function decodeStrings(list: string[]): string | string[] {
    return list.length === 1 ? list[0] : [...list].sort(goCompare).reverse();
}

/** dataSourcePolicyDocumentReplaceVarsInList: `&{` is how a program writes the policy variable `${`. */
function replaceVars<T extends string | string[]>(value: T, version: string): T {
    const one = (s: string) => {
        if (version === "2008-10-17" && s.includes("&{"))
            throw new GoError(`found &{ sequence in (${s}), which is not supported in document version 2008-10-17`);
        return s.split("&{").join("${");
    };
    return (typeof value === "string" ? one(value) : value.map(one)) as T;
}

/** A principals / not_principals set of blocks: set order by HashResource over type and identifiers. */
function configPrincipals(v: unknown, version: string): Principal[] {
    const blocks = asList(v)
        .filter(isBlock)
        .map((b) => ({ type: str(b.type) ?? "", identifiers: stringSet(b.identifiers) }));
    const ordered = sdkSetList(
        blocks,
        (b) => `identifiers:{${b.identifiers.map(serializeString).join("")}};type:${serializeString(b.type)}`,
    );
    return ordered.map((b) => {
        try {
            return { type: b.type, identifiers: replaceVars(decodeStrings(b.identifiers), version) };
        } catch (e) {
            throw e instanceof GoError ? new GoError(`reading identifiers: ${e.message}`, { cause: e }) : e;
        }
    });
}

/** The condition set of blocks: set order by HashResource over test, values (a list), variable. */
function configConditions(v: unknown, version: string): Condition[] {
    const blocks = asList(v)
        .filter(isBlock)
        .map((c) => ({ test: str(c.test) ?? "", variable: str(c.variable) ?? "", values: asList(c.values).map(str) }));
    const ordered = sdkSetList(
        blocks,
        (c) =>
            `test:${serializeString(c.test)}values:(${c.values.map(serializeString).join("")});variable:${serializeString(c.variable)}`,
    );
    return ordered.map((c) => {
        // expandStringListKeepEmpty keeps "" but drops what is not a string.
        const values = c.values.filter((s): s is string => s !== undefined);
        let replaced: string[];
        try {
            replaced = replaceVars(values, version);
        } catch (e) {
            throw e instanceof GoError ? new GoError(`reading values: ${e.message}`, { cause: e }) : e;
        }
        return { test: c.test, variable: c.variable, values: replaced.length === 1 ? replaced[0] : replaced };
    });
}

/**
 * The validators of the data source's schema, run by the SDK on the configuration before the Read;
 * the first failure's message is thrown (the SDK walks the schema map in Go's random order and
 * reports them all; here the order is that of the attribute names). Reproduced: version and effect
 * (StringInSlice), sid (StringMatch), the documents (StringIsJSON: a syntax error) and the
 * deprecated source_json / override_json (StringIsEmpty: they are no longer used).
 */
function validate(inputs: Record<string, any>): void {
    const failures: string[] = [];
    const inSlice = (key: string, value: string, valid: string[]) => {
        if (!valid.includes(value))
            failures.push(`expected ${key} to be one of [${valid.map(goQuote).join(" ")}], got ${value}`);
    };
    const documents = (key: string, list: unknown) =>
        asList(list).forEach((doc, i) => {
            // An empty string is valid JSON to StringIsJSON (NormalizeJsonString returns it as is).
            const text = str(doc);
            const error = text ? goJsonSyntaxError(text) : undefined;
            if (error !== undefined) failures.push(`${goQuote(`${key}.${i}`)} contains an invalid JSON: ${error}`);
        });
    const empty = (key: string, value: unknown) => {
        const text = str(value);
        if (text) failures.push(`expected ${goQuote(key)} to be an empty string: got ${text}`);
    };

    empty("override_json", inputs.overrideJson);
    documents("override_policy_documents", inputs.overridePolicyDocuments);
    empty("source_json", inputs.sourceJson);
    documents("source_policy_documents", inputs.sourcePolicyDocuments);
    asList(inputs.statements).forEach((s, i) => {
        if (!isBlock(s)) return;
        const effect = str(s.effect);
        if (effect !== undefined) inSlice(`statement.${i}.effect`, effect, EFFECTS);
        const sid = str(s.sid);
        if (sid !== undefined && !/^[a-zA-Z0-9]*$/.test(sid))
            failures.push(`invalid value for statement.${i}.sid (must only include alphanumeric characters)`);
    });
    const version = str(inputs.version);
    if (version !== undefined) inSlice("version", version, VERSIONS);

    if (failures.length > 0) throw new Error(failures[0]);
}

/** iamPolicyDoc.Merge. */
function merge(into: PolicyDoc, doc: PolicyDoc): void {
    if (doc.id.length > 0) into.id = doc.id;
    // Versions compare as strings: a later date wins.
    if (goCompare(doc.version, into.version) > 0) into.version = doc.version;
    for (const statement of doc.statements) {
        if (statement === null) throw new GoPanic(NIL_DEREFERENCE);
        const at = statement.sid === "" ? -1 : into.statements.findIndex((s) => s!.sid === statement.sid);
        if (at >= 0) into.statements[at] = statement;
        else into.statements.push(statement);
    }
}

/** The statements the program configured, as the Read builds them (errors as its diagnostics). */
function configStatements(statements: unknown[], version: string): Statement[] {
    const sids = new Set<string>();
    return statements.filter(isBlock).map((cfg) => {
        const s = newStatement();
        s.effect = str(cfg.effect) ?? "Allow";
        s.sid = str(cfg.sid) ?? "";
        if (sids.has(s.sid))
            throw new Error(
                `writing IAM Policy Document: duplicate Sid (${s.sid}). Remove the Sid or ensure the Sid is unique.`,
            );
        if (s.sid !== "") sids.add(s.sid);

        const actions = stringSet(cfg.actions);
        if (actions.length > 0) s.actions = decodeStrings(actions);
        const notActions = stringSet(cfg.notActions);
        if (notActions.length > 0) s.notActions = decodeStrings(notActions);

        // Each part's error is its diagnostic: the attribute it was read from, then the cause.
        const reading = <T>(attribute: string, read: () => T): T => {
            try {
                return read();
            } catch (e) {
                throw e instanceof GoError ? new Error(`reading ${attribute}: ${e.message}`, { cause: e }) : e;
            }
        };
        const resources = stringSet(cfg.resources);
        if (resources.length > 0)
            s.resources = reading("resources", () => replaceVars(decodeStrings(resources), version));
        const notResources = stringSet(cfg.notResources);
        if (notResources.length > 0)
            s.notResources = reading("not_resources", () => replaceVars(decodeStrings(notResources), version));
        s.principals = reading("principals", () => configPrincipals(cfg.principals, version));
        s.notPrincipals = reading("not_principals", () => configPrincipals(cfg.notPrincipals, version));
        s.conditions = reading("condition", () => configConditions(cfg.conditions, version));
        return s;
    });
}

/** A source or override document, json.Unmarshal'd; its error as the Read words it. */
function unmarshalDocument(text: string, which: "source" | "override", index: number): PolicyDoc {
    try {
        return new Decoder().unmarshal(text);
    } catch (e) {
        if (e instanceof GoPanic || !(e instanceof Error)) throw e;
        throw new Error(`writing IAM Policy Document: merging ${which} document ${index}: ${e.message}`, {
            cause: e,
        });
    }
}

/**
 * What the data source returns for `json` and `minifiedJson`, given the invoke's inputs as the
 * program passed them (camelCase). Throws the provider's error text where the provider fails.
 */
export function renderPolicyDocument(inputs: Record<string, any>): PolicyDocumentOutputs {
    validate(inputs);
    const merged: PolicyDoc = { version: "", id: "", statements: [] };

    // Source documents first, in order; a Sid may appear once among all of them. The SDK reads an
    // empty string in this list as nil, which the Read skips.
    const sids = new Set<string>();
    asList(inputs.sourcePolicyDocuments).forEach((text, index) => {
        const json = str(text);
        if (!json) return;
        const doc = unmarshalDocument(json, "source", index);
        doc.statements.forEach((s, i) => {
            if (s === null) throw new GoPanic(NIL_DEREFERENCE);
            if (s.sid === "") return;
            if (sids.has(s.sid))
                throw new Error(
                    `writing IAM Policy Document: merging source document ${index}: duplicate Sid (${s.sid}) in source_policy_documents (statement ${i}). Remove the Sid or ensure Sids are unique.`,
                );
            sids.add(s.sid);
        });
        merge(merged, doc);
    });

    // The configured document: its Sids override the sources'.
    const version = str(inputs.version) ?? DEFAULT_VERSION;
    merge(merged, {
        version,
        id: str(inputs.policyId) ?? "",
        statements: configStatements(asList(inputs.statements), version),
    });

    // Override documents last, in order, each overriding what came before by Sid.
    asList(inputs.overridePolicyDocuments).forEach((text, index) => {
        const json = str(text);
        if (json) merge(merged, unmarshalDocument(json, "override", index));
    });

    const minifiedJson = marshalDoc(merged);
    return { json: goIndent(minifiedJson, "  "), minifiedJson };
}

/** The data source's id: `strconv.Itoa(create.StringHashcode(json))`, crc32 of the `json` output. */
export function policyDocumentId(json: string): string {
    return String(crc32(json));
}
