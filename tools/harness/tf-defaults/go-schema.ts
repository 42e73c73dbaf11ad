/**
 * Reads a Terraform plugin SDKv2 schema out of a provider's Go source: the
 * `map[string]*schema.Schema{...}` literals a resource's factory returns, as far as the bridge's
 * Check and the SDK's plan read them (pulumi-terraform-bridge `applyDefaults`): each attribute's
 * type, `Default`, `Required`, `Deprecated`, `Removed`, `ConflictsWith`, `ExactlyOneOf`,
 * `MaxItems` and nested blocks.
 *
 * Written here, not taken from a library: no maintained JavaScript parser of Go exists, and the
 * provider binaries that hold these schemas cannot be downloaded. The literals are regular enough
 * for a tokenizer and a brace-matching reader; what it cannot resolve (an expression other than a
 * literal, a known constant or a helper function of the same package) it reports rather than guesses.
 */

import * as fs from "fs";
import { ArgKind, goRegExp, KNOWN, ValidatorArg, ValidatorSpec } from "./validators";

export type GoValue = string | number | boolean;

/** One attribute, as much of its schema as defaults depend on. */
export interface TfAttribute {
    /** `schema.TypeBool` and the like, without the prefix: Bool, Int, Float, String, List, Set, Map. */
    type?: string;
    default?: GoValue;
    /** The `Default` expression's text when it could not be resolved to a value. */
    unresolvedDefault?: string;
    required?: boolean;
    optional?: boolean;
    computed?: boolean;
    deprecated?: boolean;
    removed?: boolean;
    conflictsWith?: string[];
    exactlyOneOf?: string[];
    atLeastOneOf?: string[];
    requiredWith?: string[];
    /** One of those lists named a key this reader could not resolve (the relations are then not checked). */
    relationsUnread?: boolean;
    maxItems?: number;
    minItems?: number;
    /** `ValidateFunc` / `ValidateDiagFunc` built from the SDK's helper/validation (validators.ts). */
    validate?: ValidatorSpec;
    /** A list's, set's or map's element schema, when its elements are values (`Elem: &schema.Schema{...}`). */
    elem?: TfAttribute;
    /** A nested block's attributes (`Elem: &schema.Resource{Schema: ...}`). */
    block?: TfSchema;
    /** Declared by an expression this reader could not follow (another package's helper): only its name is known. */
    opaque?: boolean;
}

export type TfSchema = Record<string, TfAttribute>;

/** One Terraform resource type and its schema, as a provider's source declares it. */
export interface TfResource {
    name: string;
    schema: TfSchema;
    /** A Plugin Framework resource: validators only, matched to a Pulumi type no plugin-SDKv2 resource matches. */
    framework?: boolean;
    /** A framework resource's `ConfigValidators` over root attributes (resourcevalidator.ExactlyOneOf...). */
    resourceValidators?: ResourceValidator[];
}

/** One of terraform-plugin-framework-validators' resource validators, and the root attributes it names. */
export type ResourceValidator = ["ExactlyOneOf" | "Conflicting" | "RequiredTogether" | "AtLeastOneOf", string[]];

/** What a provider's source reader found, and how many expressions in it could not be followed. */
export interface TfSource {
    resources: TfResource[];
    unresolved: number;
    /** Validators the reader could not express (validators.ts): those attributes go unchecked. */
    unreadValidators: number;
}

/** The resource a factory function's source declares, and how many expressions in it could not be followed. */
export function resourceFromFactory(
    name: string,
    source: string,
    resolver: Resolver,
): { resource?: TfResource; unresolved: number; unreadValidators: number } {
    const reader = new SchemaReader(source, resolver);
    const schema = reader.resourceSchema();
    return {
        resource: schema ? { name, schema } : undefined,
        unresolved: reader.allUnresolved().length,
        unreadValidators: reader.allUnreadValidators().length,
    };
}

/** What a schema expression may refer to beyond literals, answered by the caller. */
export interface Resolver {
    /** A constant or enum value: `names.AttrName`, `awstypes.X`, a package constant `fooDefault`. */
    constant(qualified: string, attribute?: string): GoValue | undefined;
    /** The source of a function of the same package (a helper that returns a schema), if known. */
    functionSource(name: string): string | undefined;
    /** The source of a package variable's declaration (`queueSchema = map[...]...{...}`), if known. */
    variableSource(name: string): string | undefined;
    /**
     * The values of an enum type a source file names (`alias.Type`, an SDK's generated enum), in
     * their order, resolved through that file's imports.
     */
    enumValues?(source: string, qualified: string): string[] | undefined;
}

interface Token {
    kind: "ident" | "string" | "number" | "punct";
    text: string;
}

export function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const n = source.length;
    while (i < n) {
        const c = source[i];
        if (c === " " || c === "\t" || c === "\n" || c === "\r") {
            i++;
        } else if (c === "/" && source[i + 1] === "/") {
            while (i < n && source[i] !== "\n") i++;
        } else if (c === "/" && source[i + 1] === "*") {
            const end = source.indexOf("*/", i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c === '"') {
            let j = i + 1;
            while (j < n && source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
            tokens.push({ kind: "string", text: source.slice(i, j + 1) });
            i = j + 1;
        } else if (c === "`") {
            const end = source.indexOf("`", i + 1);
            const j = end < 0 ? n : end;
            tokens.push({ kind: "string", text: source.slice(i, j + 1) });
            i = j + 1;
        } else if (c === "'") {
            let j = i + 1;
            while (j < n && source[j] !== "'") j += source[j] === "\\" ? 2 : 1;
            tokens.push({ kind: "number", text: source.slice(i, j + 1) });
            i = j + 1;
        } else if (/[A-Za-z_]/.test(c)) {
            let j = i + 1;
            while (j < n && /[A-Za-z0-9_]/.test(source[j])) j++;
            tokens.push({ kind: "ident", text: source.slice(i, j) });
            i = j;
        } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
            let j = i + 1;
            while (j < n && /[0-9A-Za-z_.]/.test(source[j])) j++;
            tokens.push({ kind: "number", text: source.slice(i, j) });
            i = j;
        } else {
            tokens.push({ kind: "punct", text: c });
            i++;
        }
    }
    return tokens;
}

const OPEN: Record<string, string> = { "{": "}", "(": ")", "[": "]" };

/** The index of the token that closes the bracket at `start`. */
function closing(tokens: Token[], start: number): number {
    let depth = 0;
    for (let i = start; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.kind !== "punct") continue;
        if (OPEN[t.text]) depth++;
        else if (t.text === "}" || t.text === ")" || t.text === "]") {
            depth--;
            if (depth === 0) return i;
        }
    }
    return tokens.length - 1;
}

/** Splits tokens[start, end) at commas and `sep` outside brackets. */
function splitTop(tokens: Token[], start: number, end: number): [number, number][] {
    const parts: [number, number][] = [];
    let from = start;
    let i = start;
    while (i < end) {
        const t = tokens[i];
        if (t.kind === "punct" && OPEN[t.text]) {
            i = closing(tokens, i) + 1;
            continue;
        }
        if (t.kind === "punct" && t.text === ",") {
            if (i > from) parts.push([from, i]);
            from = i + 1;
        }
        i++;
    }
    if (end > from) parts.push([from, end]);
    return parts;
}

/** Where a primary expression starting at `start` ends: a name followed by selectors, calls and indexes. */
function primaryEnd(tokens: Token[], start: number): number {
    let i = start + 1;
    for (;;) {
        const t = tokens[i];
        if (t?.text === "." && tokens[i + 1]?.kind === "ident") i += 2;
        else if (t?.text === "(" || t?.text === "[") i = closing(tokens, i) + 1;
        else return i;
    }
}

/** Where a struct field's value that starts at `start` ends: the next `,` or closing bracket outside brackets. */
function fieldEnd(tokens: Token[], start: number): number {
    for (let i = start; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.kind !== "punct") continue;
        if (OPEN[t.text]) i = closing(tokens, i);
        else if (t.text === "," || t.text === "}" || t.text === ")" || t.text === "]") return i;
    }
    return tokens.length;
}

/** The first top-level `:` in tokens[start, end), or -1. */
function colonAt(tokens: Token[], start: number, end: number): number {
    for (let i = start; i < end; i++) {
        const t = tokens[i];
        if (t.kind === "punct" && OPEN[t.text]) {
            i = closing(tokens, i);
            continue;
        }
        if (t.kind === "punct" && t.text === ":" && tokens[i + 1]?.text !== "=") return i;
    }
    return -1;
}

const text = (tokens: Token[], start: number, end: number) =>
    tokens
        .slice(start, end)
        .map((t) => t.text)
        .join("");

/** Whether tokens from `i` spell `words` (each a token's text). */
function spells(tokens: Token[], i: number, words: string[]): boolean {
    return words.every((w, k) => tokens[i + k]?.text === w);
}

const SCHEMA_MAP = ["map", "[", "string", "]", "*", "schema", ".", "Schema", "{"];
const SCHEMA_STRUCT = ["&", "schema", ".", "Schema", "{"];
const RESOURCE_STRUCT = ["&", "schema", ".", "Resource", "{"];
/**
 * terraform-provider-aws' internal/enum validators, as what they build: `Validate[T]()` is
 * `validation.ToDiagFunc(validation.StringInSlice(Values[T](), false))`, `FrameworkValidate[T]()`
 * is `stringvalidator.OneOf(Values[T]()...)`, their IgnoreCase forms alike.
 */
const ENUM_VALIDATORS: Record<string, (values: string[]) => ValidatorSpec> = {
    Validate: (values) => ["ToDiagFunc", ["StringInSlice", values, false]],
    ValidateIgnoreCase: (values) => ["ToDiagFunc", ["StringInSlice", values, true]],
    FrameworkValidate: (values) => ["stringvalidator.OneOf", values],
    FrameworkValidateIgnoreCase: (values) => ["stringvalidator.OneOfCaseInsensitive", values],
};

/** A Plugin Framework resource schema's attributes: `Attributes: map[string]schema.Attribute{`. */
const FRAMEWORK_ATTRIBUTES = ["Attributes", ":", "map", "[", "string", "]", "schema", ".", "Attribute", "{"];
/** A framework attribute's Go type, by the Terraform type its values take (`schema.Int64Attribute`). */
const FRAMEWORK_TYPES: Record<string, string> = {
    StringAttribute: "String",
    Int64Attribute: "Int",
    Int32Attribute: "Int",
    Float64Attribute: "Float",
    Float32Attribute: "Float",
    BoolAttribute: "Bool",
    ListAttribute: "List",
    SetAttribute: "Set",
    MapAttribute: "Map",
};

/** A Go string literal's value: raw (backquoted) as written, interpreted with Go's escapes. */
export function unquote(literal: string): string {
    if (literal.startsWith("`")) return literal.slice(1, -1);
    // Go's escapes JSON lacks: \xNN, \NNN (octal), \a, \v; `\'` is not valid in a Go string either.
    const json = literal.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|[av]|.)/g, (whole, escape: string) => {
        if (escape[0] === "x") return `\\u00${escape.slice(1)}`;
        if (/^[0-7]{3}$/.test(escape)) return `\\u${parseInt(escape, 8).toString(16).padStart(4, "0")}`;
        if (escape === "a") return "\\u0007";
        if (escape === "v") return "\\u000b";
        return whole;
    });
    return JSON.parse(json) as string;
}

/** A Go number literal's value (decimal, hex, with underscores), or undefined. */
function numberOf(literal: string): number | undefined {
    const cleaned = literal.replace(/_/g, "");
    const value = Number(cleaned);
    return Number.isFinite(value) ? value : undefined;
}

/** The parser of one source file, resolving what it refers to through `resolver`. */
export class SchemaReader {
    private readonly tokens: Token[];
    /** Expressions that could not be resolved, for the generator's report. */
    readonly unresolved: string[] = [];
    /** Validators other than helper/validation's (the provider's own functions): left unchecked. */
    readonly unreadValidators: string[] = [];

    constructor(
        private readonly source: string,
        private readonly resolver: Resolver,
        private readonly depth = 0,
    ) {
        this.tokens = tokenize(source);
    }

    /**
     * The resource's schema: its `Schema` or `SchemaFunc` field (a literal, a function, a package
     * variable, `maps.Clone` of one), or else the first schema map literal (a helper that builds it).
     */
    resourceSchema(): TfSchema | undefined {
        const t = this.tokens;
        for (let i = 1; i < t.length; i++) {
            if ((t[i].text !== "Schema" && t[i].text !== "SchemaFunc") || t[i + 1]?.text !== ":") continue;
            if (t[i - 1].text === ".") continue;
            const found = this.schemaValue(i + 2, fieldEnd(t, i + 2));
            if (found) return found;
        }
        for (let i = 0; i < t.length; i++) if (this.mapLiteralAt(i)) return this.schemaMap(i + SCHEMA_MAP.length - 1);
        return undefined;
    }

    /** A schema map given as a literal, a `func() map... {...}`, a function or variable name, or `maps.Clone(x)`. */
    private schemaValue(start: number, end: number): TfSchema | undefined {
        const t = this.tokens;
        if (this.mapLiteralAt(start)) return this.schemaMap(start + SCHEMA_MAP.length - 1);
        if (t[start]?.text === "func") {
            for (let i = start; i < end; i++)
                if (this.mapLiteralAt(i)) return this.schemaMap(i + SCHEMA_MAP.length - 1);
            return undefined;
        }
        if (spells(t, start, ["maps", ".", "Clone", "("])) return this.schemaValue(start + 4, end - 1);
        const call = t[start]?.kind === "ident" && t[start + 1]?.text === "(" && closing(t, start + 1) === end - 1;
        if ((end - start === 1 || call) && t[start].kind === "ident") {
            const fn = this.nested(this.resolver.functionSource(t[start].text));
            const fromFunction = fn && (fn.returned()?.schema ?? fn.resourceSchema());
            if (fromFunction) return fromFunction;
            const variable = this.nested(this.resolver.variableSource(t[start].text));
            return variable?.firstSchemaMap();
        }
        return undefined;
    }

    /** A reader of another source of the same package, whose unresolved expressions count here. */
    private nested(source: string | undefined): SchemaReader | undefined {
        if (!source || this.depth > 4) return undefined;
        const reader = new SchemaReader(source, this.resolver, this.depth + 1);
        this.children.push(reader);
        return reader;
    }

    private readonly children: SchemaReader[] = [];

    /** Everything left unresolved here and in the sources it read. */
    allUnresolved(): string[] {
        return [...this.unresolved, ...this.children.flatMap((c) => c.allUnresolved())];
    }

    /** Every validator left unread here and in the sources it read. */
    allUnreadValidators(): string[] {
        return [...this.unreadValidators, ...this.children.flatMap((c) => c.allUnreadValidators())];
    }

    firstSchemaMap(): TfSchema | undefined {
        const t = this.tokens;
        for (let i = 0; i < t.length; i++) if (this.mapLiteralAt(i)) return this.schemaMap(i + SCHEMA_MAP.length - 1);
        return undefined;
    }

    firstAttribute(): TfAttribute | undefined {
        const t = this.tokens;
        for (let i = 0; i < t.length; i++)
            if (spells(t, i, SCHEMA_STRUCT)) return this.attribute(i + SCHEMA_STRUCT.length - 1);
        return undefined;
    }

    firstBlock(): TfSchema | undefined {
        const t = this.tokens;
        for (let i = 0; i < t.length; i++)
            if (spells(t, i, RESOURCE_STRUCT)) return this.resourceBlock(i + RESOURCE_STRUCT.length - 1);
        return undefined;
    }

    /** A schema map literal, not a function's result type (`func() map[string]*schema.Schema {`). */
    private mapLiteralAt(i: number): boolean {
        return spells(this.tokens, i, SCHEMA_MAP) && this.tokens[i - 1]?.text !== ")";
    }

    /** What a helper function returns: a schema, a map of them, or a resource (a block). */
    returned(): { attribute?: TfAttribute; schema?: TfSchema } | undefined {
        const t = this.tokens;
        for (let i = 0; i < t.length; i++) {
            if (t[i].text !== "return") continue;
            if (spells(t, i + 1, SCHEMA_STRUCT)) return { attribute: this.attribute(i + SCHEMA_STRUCT.length) };
            if (spells(t, i + 1, SCHEMA_MAP)) return { schema: this.schemaMap(i + SCHEMA_MAP.length) };
            if (spells(t, i + 1, RESOURCE_STRUCT)) return { schema: this.resourceBlock(i + RESOURCE_STRUCT.length) };
            if (t[i + 1]?.kind === "ident" && primaryEnd(t, i + 1) === i + 2) {
                const assembled = this.assembled(t[i + 1].text);
                if (assembled) return { schema: assembled };
            }
        }
        return undefined;
    }

    /**
     * A schema map a function assembles in a local variable: its initial value, then each
     * `maps.Copy(name, other)` into it, in order (DigitalOcean's load balancer copies its previous
     * version's schema this way). Assignments to single entries are not followed.
     */
    private assembled(name: string): TfSchema | undefined {
        const t = this.tokens;
        let schema: TfSchema | undefined;
        for (let i = 0; i < t.length; i++) {
            if (t[i].text === name && t[i - 1]?.text !== "." && (t[i + 1]?.text === ":" || t[i + 1]?.text === "=")) {
                const from = t[i + 1].text === ":" ? i + 3 : i + 2;
                if (t[i + 1].text === ":" && t[i + 2]?.text !== "=") continue;
                if (t[from - 1]?.text !== "=" || t[from]?.text === "=") continue;
                if (schema === undefined) schema = this.schemaExpression(from, primaryEnd(t, from));
            } else if (spells(t, i, ["maps", ".", "Copy", "(", name, ","])) {
                const from = i + 6;
                const copied = this.schemaExpression(from, closing(t, i + 3));
                if (copied) schema = { ...(schema ?? {}), ...copied };
            }
        }
        return schema;
    }

    /** A schema map from an expression: a literal, `fn()`, `fn().Schema`, a variable. */
    private schemaExpression(start: number, end: number): TfSchema | undefined {
        const t = this.tokens;
        if (this.mapLiteralAt(start)) return this.schemaMap(start + SCHEMA_MAP.length - 1);
        if (t[start]?.kind !== "ident") return undefined;
        if (t[start + 1]?.text === "(" && spells(t, closing(t, start + 1) + 1, [".", "Schema"]))
            return this.nested(this.resolver.functionSource(t[start].text))?.resourceSchema();
        if (end - start === 1 && this.depth <= 4 && t[start].text !== "nil") {
            const local = this.assembled(t[start].text);
            if (local) return local;
        }
        return this.schemaValue(start, end);
    }

    /** A `map[string]*schema.Schema{` literal whose `{` is at `open`. */
    private schemaMap(open: number): TfSchema {
        const t = this.tokens;
        const close = closing(t, open);
        const schema: TfSchema = {};
        for (const [start, end] of splitTop(t, open + 1, close)) {
            const colon = colonAt(t, start, end);
            if (colon < 0) continue;
            const key = this.value(start, colon);
            if (typeof key !== "string") {
                this.unresolved.push(`key ${text(t, start, colon)}`);
                continue;
            }
            schema[key] = this.attributeExpression(colon + 1, end) ?? { opaque: true };
        }
        return schema;
    }

    /** An attribute's value in a schema map: `{...}`, `&schema.Schema{...}` or a helper's call. */
    private attributeExpression(start: number, end: number): TfAttribute | undefined {
        const t = this.tokens;
        if (t[start]?.text === "{") return this.attribute(start);
        if (spells(t, start, SCHEMA_STRUCT)) return this.attribute(start + SCHEMA_STRUCT.length - 1);
        const called = this.helper(start, end);
        if (called?.attribute) return called.attribute;
        if (end - start === 1 && t[start].kind === "ident") {
            const variable = this.nested(this.resolver.variableSource(t[start].text))?.firstAttribute();
            if (variable) return variable;
        }
        this.unresolved.push(`attribute ${text(t, start, end)}`);
        return undefined;
    }

    /** The result of calling a same-package helper: `name(...)`. */
    private helper(start: number, end: number): { attribute?: TfAttribute; schema?: TfSchema } | undefined {
        const t = this.tokens;
        if (t[start]?.kind !== "ident" || t[start + 1]?.text !== "(" || closing(t, start + 1) !== end - 1)
            return undefined;
        return this.nested(this.resolver.functionSource(t[start].text))?.returned();
    }

    /** A schema struct literal whose `{` is at `open`. */
    private attribute(open: number): TfAttribute {
        const t = this.tokens;
        const close = closing(t, open);
        const attribute: TfAttribute = {};
        for (const [start, end] of splitTop(t, open + 1, close)) {
            const colon = colonAt(t, start, end);
            if (colon !== start + 1 || t[start].kind !== "ident") continue;
            const field = t[start].text;
            const from = colon + 1;
            switch (field) {
                case "Type":
                    attribute.type = t[end - 1].text.replace(/^Type/, "");
                    break;
                case "Optional":
                case "Required":
                case "Computed":
                    if (text(t, from, end) === "true")
                        attribute[field.toLowerCase() as "optional" | "required" | "computed"] = true;
                    break;
                case "Deprecated":
                case "Removed":
                    if (text(t, from, end) !== '""')
                        attribute[field === "Deprecated" ? "deprecated" : "removed"] = true;
                    break;
                case "MaxItems":
                    attribute.maxItems = numberOf(text(t, from, end));
                    break;
                case "MinItems":
                    attribute.minItems = numberOf(text(t, from, end));
                    break;
                case "ValidateFunc":
                case "ValidateDiagFunc": {
                    const spec = this.validator(from, end);
                    if (spec) attribute.validate = spec;
                    else this.unreadValidators.push(text(t, from, end));
                    break;
                }
                case "ConflictsWith":
                case "ExactlyOneOf":
                case "AtLeastOneOf":
                case "RequiredWith": {
                    const key = (field.charAt(0).toLowerCase() + field.slice(1)) as
                        "conflictsWith" | "exactlyOneOf" | "atLeastOneOf" | "requiredWith";
                    const keys = this.strings(from, end);
                    attribute[key] = keys.resolved;
                    if (keys.unresolved) attribute.relationsUnread = true;
                    break;
                }
                case "Default": {
                    const value = this.value(from, end);
                    if (value === undefined) attribute.unresolvedDefault = text(t, from, end);
                    else attribute.default = value;
                    break;
                }
                case "Elem":
                    if (spells(t, from, SCHEMA_STRUCT))
                        attribute.elem = this.attribute(from + SCHEMA_STRUCT.length - 1);
                    else {
                        attribute.block = this.elem(from, end);
                        if (!attribute.block) delete attribute.block;
                    }
                    break;
            }
        }
        return attribute;
    }

    /** A nested block: `&schema.Resource{Schema: ...}` or a helper returning one. */
    private elem(start: number, end: number): TfSchema | undefined {
        const t = this.tokens;
        if (spells(t, start, RESOURCE_STRUCT)) return this.resourceBlock(start + RESOURCE_STRUCT.length - 1);
        if (spells(t, start, SCHEMA_STRUCT)) return undefined;
        const called = this.helper(start, end)?.schema;
        if (called) return called;
        if (end - start === 1 && t[start].kind === "ident")
            return this.nested(this.resolver.variableSource(t[start].text))?.firstBlock();
        return undefined;
    }

    /** A `schema.Resource` literal whose `{` is at `open`: its `Schema` (or `SchemaFunc`) map. */
    private resourceBlock(open: number): TfSchema | undefined {
        const t = this.tokens;
        const close = closing(t, open);
        for (let i = open + 1; i < close; i++)
            if (this.mapLiteralAt(i)) return this.schemaMap(i + SCHEMA_MAP.length - 1);
        return undefined;
    }

    /**
     * A validator from terraform-plugin-sdk's helper/validation (`validation.IntBetween(5, 300)`,
     * `validation.All(...)`, `validation.ToDiagFunc(...)`, a function value such as
     * `validation.NoZeroValues`), as data; undefined for anything else (the provider's own
     * functions, an argument that is not a literal or a known constant). Inside `All` an unread
     * part is dropped (the rest still hold); inside `Any` it drops the whole (it might have passed).
     */
    private validator(start: number, end: number): ValidatorSpec | undefined {
        return this.enumValidator(start, end) ?? this.helperValidator(start, end);
    }

    /** `<fn>[alias.Type]()` at `at` (the function's name) ending at `end`: the enum's values, if known. */
    private enumValues(at: number, end: number): string[] | undefined {
        const t = this.tokens;
        if (!spells(t, at + 1, ["["]) || !spells(t, at + 3, ["."]) || !spells(t, at + 5, ["]", "(", ")"]))
            return undefined;
        if (at + 8 !== end) return undefined;
        return this.resolver.enumValues?.(this.source, `${t[at + 2].text}.${t[at + 4].text}`);
    }

    /** A validator of helper/validation (see validator). */
    private helperValidator(start: number, end: number): ValidatorSpec | undefined {
        const t = this.tokens;
        if (!spells(t, start, ["validation", "."]) || t[start + 2]?.kind !== "ident") return undefined;
        const name = t[start + 2].text;
        const kinds = KNOWN[name];
        if (!kinds) return undefined;
        if (start + 3 === end) return kinds.length === 0 ? [name] : undefined;
        if (kinds.length === 0 || t[start + 3]?.text !== "(" || closing(t, start + 3) !== end - 1) return undefined;
        const parts = splitTop(t, start + 4, end - 1);
        if (kinds[0] === "validators") {
            const inner = parts.map(([a, b]) => this.validator(a, b));
            const read = inner.filter((v): v is ValidatorSpec => v !== undefined);
            if (read.length === 0 || (name.startsWith("Any") && read.length < inner.length)) return undefined;
            return [name, ...read];
        }
        return this.called(name, kinds, parts);
    }

    /** A validator constructor's call as data, when every argument (`parts`) is what `kinds` says. */
    private called(name: string, kinds: ArgKind[], parts: [number, number][]): ValidatorSpec | undefined {
        if (parts.length !== kinds.length) return undefined;
        const args: ValidatorArg[] = [];
        for (const [i, [a, b]] of parts.entries()) {
            const arg = this.validatorArg(kinds[i], a, b);
            if (arg === undefined) return undefined;
            args.push(arg);
        }
        return [name, ...args];
    }

    /** terraform-provider-aws' `enum.Validate[T]()` and its kin, at `start`: the validator it builds. */
    private enumValidator(start: number, end: number): ValidatorSpec | undefined {
        const build = this.tokens[start]?.text === "enum" ? ENUM_VALIDATORS[this.tokens[start + 2]?.text] : undefined;
        const values = build && this.enumValues(start + 2, end);
        return values ? build(values) : undefined;
    }

    private validatorArg(kind: ArgKind, start: number, end: number): ValidatorArg | undefined {
        const t = this.tokens;
        switch (kind) {
            case "validator":
                return this.validator(start, end);
            case "int":
            case "float": {
                const v = this.value(start, end);
                return typeof v === "number" && (kind === "float" || Number.isInteger(v)) ? v : undefined;
            }
            case "bool":
            case "string": {
                const v = this.value(start, end);
                return typeof v === (kind === "bool" ? "boolean" : "string") ? v : undefined;
            }
            case "ints":
            case "strings": {
                if (kind === "strings" && spells(t, start, ["enum", ".", "Values"]))
                    return this.enumValues(start + 2, end);
                if (!spells(t, start, ["[", "]", kind === "ints" ? "int" : "string", "{"])) return undefined;
                const close = closing(t, start + 3);
                if (close !== end - 1) return undefined;
                const values = splitTop(t, start + 4, close).map(([a, b]) => this.value(a, b));
                const wanted = kind === "ints" ? "number" : "string";
                if (values.some((v) => typeof v !== wanted)) return undefined;
                return values as number[] | string[];
            }
            case "regexp": {
                // regexp.MustCompile(`...`) or regexache.MustCompile(`...`), with a literal pattern.
                if (t[start + 1]?.text !== "." || t[start + 2]?.text !== "MustCompile" || t[start + 3]?.text !== "(")
                    return undefined;
                if (closing(t, start + 3) !== end - 1 || end - start !== 6 || t[start + 4].kind !== "string")
                    return undefined;
                const pattern = unquote(t[start + 4].text);
                return goRegExp(pattern) ? pattern : undefined;
            }
            default:
                return undefined;
        }
    }

    /**
     * A Plugin Framework resource's top-level attributes (its Schema method's `schema.Schema`):
     * each one's type, whether it is set by the configuration, and its `Validators` that
     * terraform-plugin-framework-validators (or terraform-provider-aws' `enum.FrameworkValidate`)
     * builds. Nested blocks and attributes built by helper functions are not read.
     */
    frameworkSchema(): TfSchema | undefined {
        const t = this.tokens;
        const at = t.findIndex((_, i) => spells(t, i, FRAMEWORK_ATTRIBUTES));
        if (at < 0) return undefined;
        const open = at + FRAMEWORK_ATTRIBUTES.length - 1;
        const schema: TfSchema = {};
        for (const [start, end] of splitTop(t, open + 1, closing(t, open))) {
            const colon = colonAt(t, start, end);
            const key = colon < 0 ? undefined : this.value(start, colon);
            const kind = t[colon + 3]?.text;
            if (typeof key !== "string" || !spells(t, colon + 1, ["schema", "."]) || t[colon + 4]?.text !== "{")
                continue;
            const type = FRAMEWORK_TYPES[kind];
            if (!type) continue;
            const attribute: TfAttribute = { type };
            const body = colon + 4;
            for (const [a, b] of splitTop(t, body + 1, closing(t, body))) {
                const field = t[a].text;
                if (t[a + 1]?.text !== ":") continue;
                if (["Optional", "Required", "Computed"].includes(field) && text(t, a + 2, b) === "true")
                    attribute[field.toLowerCase() as "optional" | "required" | "computed"] = true;
                if (field === "Validators") {
                    const list = t.findIndex((tok, i) => i > a + 1 && tok.text === "{");
                    const read = splitTop(t, list + 1, closing(t, list)).map(([x, y]) => this.frameworkValidator(x, y));
                    const known = read.filter((v): v is ValidatorSpec => v !== undefined);
                    if (known.length < read.length) this.unreadValidators.push(text(t, a + 2, b));
                    // The framework runs every validator of the list: together they are an All.
                    if (known.length === 1) attribute.validate = known[0];
                    else if (known.length > 1) attribute.validate = ["All", ...known];
                }
            }
            schema[key] = attribute;
        }
        return schema;
    }

    /**
     * A framework resource's `ConfigValidators` method: each `resourcevalidator.X(path.MatchRoot("a"), ...)`
     * whose paths are all root attributes named by a literal or a known constant.
     */
    frameworkResourceValidators(): ResourceValidator[] {
        const t = this.tokens;
        const found: ResourceValidator[] = [];
        for (let i = 0; i < t.length; i++) {
            if (!spells(t, i, ["resourcevalidator", "."]) || t[i + 3]?.text !== "(") continue;
            const kind = t[i + 2].text as ResourceValidator[0];
            if (!["ExactlyOneOf", "Conflicting", "RequiredTogether", "AtLeastOneOf"].includes(kind)) continue;
            const close = closing(t, i + 3);
            const keys = splitTop(t, i + 4, close).map(([a, b]) =>
                spells(t, a, ["path", ".", "MatchRoot", "("]) && closing(t, a + 3) === b - 1
                    ? this.value(a + 4, b - 1)
                    : undefined,
            );
            if (keys.length > 1 && keys.every((k): k is string => typeof k === "string")) found.push([kind, keys]);
            else this.unreadValidators.push(text(t, i, close + 1));
            i = close;
        }
        return found;
    }

    /**
     * One of a framework attribute's validators as data: terraform-plugin-framework-validators'
     * `int64validator.Between(-1, 65535)`, `stringvalidator.OneOf("a", "b")` (or with an enum's
     * `enum.Values[T]()...`), terraform-provider-aws' `enum.FrameworkValidate[T]()`; the spec's
     * name is the Go one (`stringvalidator.OneOf`), its arguments as written.
     */
    private frameworkValidator(start: number, end: number): ValidatorSpec | undefined {
        const enumerated = this.enumValidator(start, end);
        if (enumerated) return enumerated;
        const t = this.tokens;
        const fn = t[start + 2]?.text;
        if (t[start + 1]?.text !== "." || t[start + 3]?.text !== "(" || closing(t, start + 3) !== end - 1)
            return undefined;
        const name = `${t[start].text}.${fn}`;
        const kinds = KNOWN[name];
        if (!kinds) return undefined;
        const parts = splitTop(t, start + 4, end - 1);
        if (kinds[0] === "strings") {
            // Variadic: the strings themselves, or an enum's values spread (`enum.Values[T]()...`).
            if (
                parts.length === 1 &&
                spells(t, parts[0][1] - 3, [".", ".", "."]) &&
                spells(t, parts[0][0], ["enum", ".", "Values"])
            )
                return ((values) => values && ([name, values] as ValidatorSpec))(
                    this.enumValues(parts[0][0] + 2, parts[0][1] - 3),
                );
            const values = parts.map(([a, b]) => this.value(a, b));
            return values.every((v): v is string => typeof v === "string") ? [name, values] : undefined;
        }
        return this.called(name, kinds, parts);
    }

    /** `[]string{"a", names.AttrB}`: the strings it resolves to, and whether any did not resolve. */
    private strings(start: number, end: number): { resolved: string[]; unresolved: boolean } {
        const t = this.tokens;
        const open = t.findIndex((tok, i) => i >= start && tok.text === "{");
        if (open < 0 || open >= end) return { resolved: [], unresolved: true };
        const close = closing(t, open);
        const values = splitTop(t, open + 1, close).map(([a, b]) => this.value(a, b));
        const resolved = values.filter((v): v is string => typeof v === "string");
        return { resolved, unresolved: resolved.length < values.length };
    }

    /** A literal, a constant, or a conversion of one (`string(awstypes.X)`), or undefined. */
    private value(start: number, end: number): GoValue | undefined {
        const t = this.tokens;
        const n = end - start;
        if (n <= 0) return undefined;
        if (n === 1) {
            const only = t[start];
            if (only.kind === "string") return unquote(only.text);
            if (only.kind === "number") return numberOf(only.text);
            if (only.text === "true") return true;
            if (only.text === "false") return false;
            if (only.kind === "ident") return this.resolver.constant(only.text);
            return undefined;
        }
        if (n === 2 && t[start].text === "-" && t[start + 1].kind === "number") {
            const v = numberOf(t[start + 1].text);
            return v === undefined ? undefined : -v;
        }
        if (n === 3 && t[start].kind === "ident" && t[start + 1].text === "." && t[start + 2].kind === "ident")
            return this.resolver.constant(`${t[start].text}.${t[start + 2].text}`);
        // A conversion: string(x), int64(x), float64(x).
        if (t[start].kind === "ident" && t[start + 1].text === "(" && closing(t, start + 1) === end - 1) {
            const inner = this.value(start + 2, end - 1);
            const to = t[start].text;
            if (inner === undefined) return undefined;
            if (to === "string") return String(inner);
            if (/^(int|uint|float)/.test(to)) return typeof inner === "number" ? inner : numberOf(String(inner));
            return undefined;
        }
        return undefined;
    }
}

// Go source text: a package's functions and variables, for the resolvers of a provider's source.

/**
 * The constants (and package variables) a Go source declares as a literal, one per line
 * (`name = 16`, `name string = "x" // why`): strings, numbers, booleans. An expression is left out.
 */
export function literalConstants(source: string): Map<string, GoValue> {
    const constants = new Map<string, GoValue>();
    for (const m of source.matchAll(
        /^\s*(\w+)\s*(?:\w+\s*)?=\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9_.]*|true|false)\s*(?:\/\/.*)?$/gm,
    )) {
        const raw = m[2];
        const value = raw.startsWith('"')
            ? (JSON.parse(raw) as string)
            : raw === "true" || raw === "false"
              ? raw === "true"
              : Number(raw.replace(/_/g, ""));
        if (typeof value !== "number" || Number.isFinite(value)) constants.set(m[1], value);
    }
    return constants;
}

/** A source file's text, or undefined where there is none. */
export function readIfExists(file: string): string | undefined {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** `source` from `from` through the brace that closes the first `{` after it (strings skipped). */
export function throughBraces(source: string, from: number): string | undefined {
    let depth = 0;
    for (let i = source.indexOf("{", from); i >= 0 && i < source.length; i++) {
        const c = source[i];
        if (c === '"' || c === "`") {
            const quote = c;
            i++;
            while (i < source.length && source[i] !== quote) i += quote === '"' && source[i] === "\\" ? 2 : 1;
        } else if (c === "{") depth++;
        else if (c === "}" && --depth === 0) return source.slice(from, i + 1);
    }
    return undefined;
}

/** The declaration of `func name(...)` in a package's source. */
export function functionText(source: string, name: string): string | undefined {
    const at = source.search(new RegExp(`\\nfunc ${name}\\(`));
    return at < 0 ? undefined : throughBraces(source, at + 1);
}

/** A package variable's declaration, `name = ...{...}`. */
export function variableText(source: string, name: string): string | undefined {
    const at = source.search(new RegExp(`\\n\\s*(?:var\\s+)?${name}\\s*=`));
    return at < 0 ? undefined : throughBraces(source, at + 1);
}
