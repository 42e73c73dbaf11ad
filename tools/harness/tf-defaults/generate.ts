/**
 * Writes tools/harness/tf-defaults/<provider>.jsonl (file.ts): the Terraform schema defaults and validations of each
 * resource of a bridged provider, by Pulumi type token and property, read from the Terraform
 * provider's Go source and named as the installed Pulumi SDK names them.
 *
 *   npm run build
 *   npm run node -- dist/tools/harness/tf-defaults/generate.js <provider> <source-folder> "<label>" [more sources]
 *
 * `sources/<provider>.ts` reads that provider's source folder (what it expects is said there, and
 * what further sources it takes: AWS's enum values come from botocore's models);
 * the label, naming the source and its version, goes into the file. Regenerate when the provider
 * SDK is upgraded.
 *
 * A Pulumi type is matched to its Terraform resource by the inputs they share (the bridge's
 * mapping table lives in the Pulumi provider's resources.go, which the npm package does not
 * carry); every property name is checked against the SDK's own declarations, so a default reaches
 * only a property the SDK has. What could not be matched or resolved is counted on the console.
 */
import * as fs from "fs";
import * as path from "path";
import { GoValue, readIfExists, ResourceValidator, TfAttribute, TfResource, TfSchema, TfSource } from "./go-schema";
import { camelCase, documentedConstant, documentedNumber, plural } from "./names";
import { writeSchemaFile } from "./file";
import { DefaultSpec, PrimitiveType, ProviderDefaults, ResourceDefaults } from "./spec";

export const report = {
    unresolvedExpressions: 0,
    unreadValidators: 0,
    unmatchedTypes: [] as string[],
    unnamed: [] as string[],
    undocumented: 0,
    resolvedByDoc: 0,
};

// ---------------------------------------------------------------------------------------------
// Terraform side

// ---------------------------------------------------------------------------------------------
// Pulumi side: the installed SDK's classes and their declared inputs.

interface Declared {
    doc?: string;
    type: string;
}

interface PulumiResource {
    token: string;
    className: string;
    inputs: Set<string>;
    args: Map<string, Declared>;
}

/** The properties of the interface declared at `start` (its line) in a declaration text, with their docs. */
function interfaceProperties(dts: string, start: number): Map<string, Declared> {
    const props = new Map<string, Declared>();
    // It closes at its own indentation: a namespace's interfaces are indented, the namespace is not.
    const indent = /^[ \t]*/.exec(dts.slice(start))![0];
    const end = dts.indexOf(`\n${indent}}`, start);
    const body = dts.slice(start, end < 0 ? undefined : end);
    let doc: string | undefined;
    for (const line of body.split("\n")) {
        const trimmed = line.trim();
        if (trimmed.startsWith("/**")) doc = "";
        if (doc !== undefined && trimmed.startsWith("*")) doc += ` ${trimmed.replace(/^\/?\*+\/?/, "")}`;
        const prop = /^\s*(?:readonly\s+)?(\w+)\??: (.*);$/.exec(line);
        if (prop) {
            props.set(prop[1], { doc, type: prop[2] });
            doc = undefined;
        }
    }
    return props;
}

export function pulumiResources(pkgDir: string): PulumiResource[] {
    const found: PulumiResource[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== "node_modules" && entry.name !== "types") walk(full);
                continue;
            }
            if (!entry.name.endsWith(".js")) continue;
            const js = fs.readFileSync(full, "utf8");
            const token = /static __pulumiType = '([^']+)'/.exec(js)?.[1];
            const className = token?.split(":")[2];
            if (!token || !className || token.startsWith("pulumi:")) continue;
            const inputs = new Set([...js.matchAll(/resourceInputs\["(\w+)"\] = \(?args\b/g)].map((m) => m[1]));
            const dts = readIfExists(full.replace(/\.js$/, ".d.ts")) ?? "";
            const at = dts.indexOf(`export interface ${className}Args {`);
            found.push({ token, className, inputs, args: at >= 0 ? interfaceProperties(dts, at) : new Map() });
        }
    };
    walk(pkgDir);
    return found;
}

/** Input types of nested blocks (types/input.d.ts), found by `inputs.<namespace>.<Type>`. */
class InputTypes {
    private readonly text: string;
    private readonly cache = new Map<string, Map<string, Declared> | undefined>();
    constructor(pkgDir: string) {
        this.text = readIfExists(path.join(pkgDir, "types", "input.d.ts")) ?? "";
    }
    of(type: string): Map<string, Declared> | undefined {
        const ref = /inputs\.((?:\w+\.)*)(\w+)/.exec(type);
        if (!ref) return undefined;
        const key = `${ref[1]}${ref[2]}`;
        if (!this.cache.has(key)) {
            const namespaces = ref[1].split(".").filter(Boolean);
            let at = 0;
            let indent = "";
            for (const ns of namespaces) {
                const found = this.text.indexOf(`${indent ? `\n${indent}` : "\nexport declare "}namespace ${ns} {`, at);
                at = found < 0 ? -1 : found;
                if (at < 0) break;
                indent += "    ";
            }
            const declared = indent ? `\n${indent}interface ${ref[2]} {` : `\nexport interface ${ref[2]} {`;
            const start = at < 0 ? -1 : this.text.indexOf(declared, at);
            this.cache.set(key, start < 0 ? undefined : interfaceProperties(this.text, start + 1));
        }
        return this.cache.get(key);
    }
}

// ---------------------------------------------------------------------------------------------
// Matching a Pulumi type to its Terraform resource.

const settable = (a: TfAttribute) => (a.optional || a.required || a.opaque) && !a.removed;

/** Inputs the provider adds to every resource outside its schemas (terraform-provider-aws 6's per-resource region). */
const FRAMEWORK_INPUTS = new Set(["region"]);

/** A class name as Terraform spells resource names: `SecurityGroupIngressRule` is `security_group_ingress_rule`. */
const snakeCase = (className: string) => className.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

export function matchScore(tf: TfResource, p: PulumiResource): number {
    const names = Object.entries(tf.schema).filter(([, a]) => settable(a));
    const inputs = [...p.inputs].filter((i) => !FRAMEWORK_INPUTS.has(i) || tf.schema[i]);
    if (names.length === 0 || inputs.length === 0) return 0;
    let shared = 0;
    for (const [name] of names) {
        const camel = camelCase(name);
        if (p.inputs.has(camel) || p.inputs.has(plural(camel))) shared++;
    }
    const jaccard = shared / (names.length + inputs.length - shared);
    const snake = snakeCase(p.className);
    // Among resources sharing the same inputs (`aws_route_table`, `aws_default_route_table`), the
    // one whose name is the class's, then the shortest.
    return jaccard + (tf.name.endsWith(`_${snake}`) ? 0.1 : 0) - tf.name.length * 1e-4;
}

export function bestMatch(p: PulumiResource, candidates: TfResource[]): TfResource | undefined {
    let best: TfResource | undefined;
    let score = 0;
    for (const tf of candidates) {
        const s = matchScore(tf, p);
        if (s > score) {
            score = s;
            best = tf;
        }
    }
    return score >= 0.6 ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Defaults, named as the SDK names them.

function converted(value: GoValue, declared: string | undefined): GoValue | undefined {
    if (!declared) return value;
    if (/\bnumber\b/.test(declared) && !/\bstring\b/.test(declared)) {
        const n = typeof value === "number" ? value : Number(value);
        return Number.isFinite(n) ? n : undefined;
    }
    if (/\bboolean\b/.test(declared) && !/\bstring\b/.test(declared)) {
        if (typeof value === "boolean") return value;
        return value === "true" ? true : value === "false" ? false : undefined;
    }
    return typeof value === "string" ? value : String(value);
}

const hasDefault = (a: TfAttribute | undefined) => a?.default !== undefined || a?.unresolvedDefault !== undefined;

const PRIMITIVES: Record<string, PrimitiveType> = { Int: "i", Float: "f", String: "s", Bool: "b" };

const isCollection = (a: TfAttribute) => a.type === "List" || a.type === "Set";

/** Whether the Check validates something of this attribute (its value, its elements, its length). */
const validated = (a: TfAttribute): boolean =>
    (!!a.validate && !!a.type && !!PRIMITIVES[a.type]) ||
    (!!a.elem?.validate && !!a.elem.type && !!PRIMITIVES[a.elem.type]) ||
    (isCollection(a) && ((a.maxItems ?? 0) > 1 || (a.minItems ?? 0) > 0)) ||
    (!!a.block && Object.values(a.block).some(validated));

/** What the Check validates of an attribute's own value, elements and length, in the spec's form. */
function validation(a: TfAttribute): Partial<DefaultSpec> {
    if (!validated(a)) return {};
    const spec: Partial<DefaultSpec> = {};
    if (a.validate && a.type && PRIMITIVES[a.type]) {
        spec.v = a.validate;
        spec.ty = PRIMITIVES[a.type];
    }
    if (a.elem?.validate && a.elem.type && PRIMITIVES[a.elem.type]) {
        spec.ev = a.elem.validate;
        spec.et = PRIMITIVES[a.elem.type];
    }
    if (a.type === "Set") spec.set = 1;
    if (isCollection(a) && (a.minItems ?? 0) > 0) spec.min = a.minItems;
    if (isCollection(a) && (a.maxItems ?? 0) > 1) spec.max = a.maxItems;
    return spec;
}

/** What a resource's relations need: the checkable relations by attribute key, and every key they name. */
interface Relations {
    byKey: Map<string, NonNullable<DefaultSpec["r"]>>;
    named: Set<string>;
    /** Resource validators by the first root attribute they name. */
    resourceByKey: Map<string, ResourceValidator[]>;
}

/** The attribute a key from the resource's root names (`a`, `a.0.b` through a list or block), if any. */
function lookup(root: TfSchema, key: string): TfAttribute | undefined {
    const parts = key.split(".");
    let schema: TfSchema | undefined = root;
    for (let i = 0; i < parts.length; i += 2) {
        const attribute: TfAttribute | undefined = schema?.[parts[i]];
        if (!attribute) return undefined;
        if (i === parts.length - 1) return attribute;
        // The SDK reads `a.0.b` as the first element's b: a list of blocks (a set has no such index).
        if (parts[i + 1] !== "0" || attribute.type !== "List" || !attribute.block) return undefined;
        schema = attribute.block;
    }
    return undefined;
}

/**
 * The ConflictsWith / ExactlyOneOf / AtLeastOneOf / RequiredWith lists the Check can test: every
 * key read and naming an attribute of the resource (a list that does not is left out, unchecked).
 */
function relationsOf(root: TfSchema, resourceValidators: ResourceValidator[] = []): Relations {
    const relations: Relations = { byKey: new Map(), named: new Set(), resourceByKey: new Map() };
    for (const validator of resourceValidators) {
        const keys = validator[1];
        if (!keys.every((k) => root[k])) continue;
        relations.resourceByKey.set(keys[0], [...(relations.resourceByKey.get(keys[0]) ?? []), validator]);
        for (const k of keys) relations.named.add(k);
    }
    const visit = (schema: TfSchema, prefix: string) => {
        for (const [name, a] of Object.entries(schema)) {
            const key = prefix + name;
            if (a.block && a.type === "List") visit(a.block, `${key}.0.`);
            if (a.relationsUnread || a.removed) continue;
            const lists = { c: a.conflictsWith, e: a.exactlyOneOf, a: a.atLeastOneOf, w: a.requiredWith };
            const r: NonNullable<DefaultSpec["r"]> = {};
            for (const [short, keys] of Object.entries(lists) as [keyof typeof r, string[] | undefined][])
                if (keys && keys.length > 0 && keys.every((k) => lookup(root, k))) r[short] = keys;
            if (Object.keys(r).length === 0) continue;
            relations.byKey.set(key, r);
            relations.named.add(key);
            for (const keys of Object.values(r)) for (const k of keys) relations.named.add(k);
        }
    };
    visit(root, "");
    return relations;
}

function specs(
    schema: TfSchema,
    declared: Map<string, Declared> | undefined,
    types: InputTypes,
    relations: Relations,
    prefix = "",
): ResourceDefaults {
    const out: ResourceDefaults = {};
    /** Whether the Check's validation reads this attribute, or something inside it. */
    const needed = (key: string, a: TfAttribute): boolean =>
        validated(a) ||
        relations.named.has(key) ||
        (!!a.block && Object.entries(a.block).some(([n, inner]) => needed(`${key}.0.${n}`, inner)));
    const nameOf = (tfName: string, a: TfAttribute | undefined): string | undefined => {
        const camel = camelCase(tfName);
        const candidates =
            a && (a.type === "List" || a.type === "Set") && a.maxItems !== 1
                ? [plural(camel), camel]
                : [camel, plural(camel)];
        return candidates.find((c) => declared?.has(c));
    };
    // Who names whom in ConflictsWith / ExactlyOneOf, both ways (the bridge checks both).
    const related = new Map<string, Set<string>>();
    const relate = (a: string, b: string) => {
        if (!related.has(a)) related.set(a, new Set());
        related.get(a)!.add(b);
    };
    for (const [name, a] of Object.entries(schema))
        for (const other of [...(a.conflictsWith ?? []), ...(a.exactlyOneOf ?? [])])
            if (other !== name && schema[other]) {
                relate(name, other);
                relate(other, name);
            }
    for (const [tfName, a] of Object.entries(schema)) {
        if (a.removed) continue;
        const nested =
            a.block &&
            Object.values(a.block).some(function any(x: TfAttribute): boolean {
                return hasDefault(x) || (!!x.block && Object.values(x.block).some(any));
            });
        const key = prefix + tfName;
        const checked = needed(key, a);
        if (!hasDefault(a) && !nested && !checked) continue;
        const name = nameOf(tfName, a);
        if (!name) {
            report.unnamed.push(tfName);
            continue;
        }
        const decl = declared!.get(name)!;
        const spec: DefaultSpec = validation(a);
        // The Terraform name, which messages and relations use, wherever the validation reaches.
        if (checked) spec.t = tfName;
        const r = relations.byKey.get(key);
        if (r) spec.r = r;
        const rv = prefix === "" ? relations.resourceByKey.get(key) : undefined;
        if (rv) spec.rv = rv;
        if (a.default !== undefined) {
            const v = converted(a.default, decl.type);
            if (v !== undefined) spec.d = v;
        } else if (a.unresolvedDefault !== undefined) {
            const numeric = /\bnumber\b/.test(decl.type) && !/\bstring\b/.test(decl.type);
            const v = numeric ? documentedNumber(decl.doc) : documentedConstant(a.unresolvedDefault, decl.doc);
            if (v !== undefined) {
                spec.d = v;
                report.resolvedByDoc++;
            } else report.undocumented++;
        }
        if (spec.d !== undefined && a.deprecated && !a.required) spec.dep = 1;
        const others = [...(related.get(tfName) ?? [])]
            .map((o) => nameOf(o, schema[o]))
            .filter((o): o is string => !!o);
        if (spec.d !== undefined && others.length > 0) spec.c = others.sort();
        const staticConflict =
            (a.conflictsWith ?? []).some((o) => hasDefault(schema[o])) ||
            (a.exactlyOneOf ?? []).some((o) => o !== tfName && hasDefault(schema[o]));
        if (spec.d !== undefined && staticConflict) spec.nc = 1;
        if (a.block && (nested || checked)) {
            const inner = specs(a.block, types.of(decl.type), types, relations, `${key}.0.`);
            if (Object.keys(inner).length > 0) spec.b = inner;
        }
        if (spec.d !== undefined || spec.b || spec.t) out[name] = spec;
    }
    return out;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedDeep(defaults: ResourceDefaults): ResourceDefaults {
    return sorted(
        Object.fromEntries(Object.entries(defaults).map(([k, s]) => [k, s.b ? { ...s, b: sortedDeep(s.b) } : s])),
    );
}

/**
 * The defaults of the Pulumi provider package `provider` (its npm name without the scope), read
 * by `sources/<provider>.ts` from the Terraform provider's source at `sourceRoot`.
 */
export function generate(provider: string, sourceRoot: string, label: string, more: string[] = []): ProviderDefaults {
    const pkgDir = path.dirname(require.resolve(`@pulumi/${provider}/package.json`));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the reader of this provider's source, by its name
    const reader = require(`./sources/${provider}`) as {
        readTerraformResources(root: string, ...more: string[]): TfSource;
    };
    const source = reader.readTerraformResources(sourceRoot, ...more);
    report.unresolvedExpressions += source.unresolved;
    report.unreadValidators += source.unreadValidators;
    const tf = source.resources;
    const types = new InputTypes(pkgDir);
    const sdkResources = tf.filter((r) => !r.framework);
    const frameworkResources = tf.filter((r) => r.framework);
    const resources: Record<string, ResourceDefaults> = {};
    for (const p of pulumiResources(pkgDir)) {
        // The plugin-SDKv2 resources first, as before the framework ones were read: a framework
        // resource only names a type none of them matches.
        // resource only names a type none of them matches, and only one of its own name (few
        // shared inputs would otherwise do, and a wrong match would refuse what the provider accepts).
        const named = frameworkResources.filter((r) => r.name.endsWith(`_${snakeCase(p.className)}`));
        const match = bestMatch(p, sdkResources) ?? bestMatch(p, named);
        if (!match) {
            report.unmatchedTypes.push(p.token);
            continue;
        }
        const defaults = specs(match.schema, p.args, types, relationsOf(match.schema, match.resourceValidators));
        if (Object.keys(defaults).length > 0) resources[p.token] = sortedDeep(defaults);
    }
    console.error(
        `${provider}: ${tf.length} Terraform resources read, ${Object.keys(resources).length} Pulumi types with defaults or validations; ` +
            `${report.unmatchedTypes.length} types unmatched, ${report.unnamed.length} attributes unnamed, ` +
            `${report.resolvedByDoc} constants resolved by their docs, ${report.undocumented} not, ` +
            `${report.unresolvedExpressions} schema expressions unresolved, ` +
            `${report.unreadValidators} validators not read (left unchecked)`,
    );
    return { source: label, resources: sorted(resources) };
}

if (require.main === module) {
    const [provider, root, label, ...more] = process.argv.slice(2);
    if (!provider || !root || !fs.existsSync(path.join(__dirname, "sources", `${provider}.js`))) {
        console.error("usage: generate.js <provider package, one of sources/> <source-folder> [label]");
        process.exit(2);
    }
    const out = path.join(__dirname, "..", "..", "..", "..", "tools", "harness", "tf-defaults", `${provider}.jsonl`);
    const data = generate(provider, root, label ?? root, more);
    fs.writeFileSync(out, writeSchemaFile(data));
    console.error(`wrote ${out}`);
}
