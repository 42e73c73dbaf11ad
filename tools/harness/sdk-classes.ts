/**
 * The provider SDK class that registers a resource type, when its package is installed: the bench
 * registers resources through it, and autonaming asks which inputs a type takes.
 */
import * as fs from "fs";
import type * as pulumi from "@pulumi/pulumi";

/** A provider SDK's resource class: `new (name, args, opts)`. */
export type ResourceClass = new (
    name: string,
    args: Record<string, any>,
    opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/**
 * Where a type token's class lives in its provider SDK: `aws:ec2/instance:Instance` is
 * `Instance` in `@pulumi/aws/ec2/instance`, `digitalocean:index/droplet:Droplet` is `Droplet`
 * in `@pulumi/digitalocean/droplet`, `pulumi:providers:aws` is `Provider` in `@pulumi/aws/provider`.
 * Undefined for tokens that name no SDK module (components, dynamic resources).
 */
export function sdkModuleFor(type: string): { module: string; exportName: string } | undefined {
    const parts = type.split(":");
    if (parts.length !== 3 || parts.some((p) => !p)) return undefined;
    const [pkg, mod, name] = parts;
    if (pkg === "pulumi")
        return mod === "providers" ? { module: `@pulumi/${name}/provider`, exportName: "Provider" } : undefined;
    if (pkg.startsWith("pulumi-")) return undefined;
    const file =
        mod === "index"
            ? name.charAt(0).toLowerCase() + name.slice(1)
            : mod.startsWith("index/")
              ? mod.slice("index/".length)
              : mod;
    return { module: `@pulumi/${pkg}/${file}`, exportName: name };
}

const classes = new Map<string, ResourceClass | undefined>();

/**
 * Where a provider SDK's module is: installed with this tool, else in the project of the program
 * being evaluated (its folder is the working directory while it runs, as under the language
 * host), where a program's own provider SDKs are (`@pulumi/command`, `@pulumi/kubernetes`...).
 */
function resolveSdkModule(request: string): string | undefined {
    for (const paths of [undefined, [process.cwd()]]) {
        try {
            return require.resolve(request, paths && { paths });
        } catch {
            // Not there: the next place, or none.
        }
    }
    return undefined;
}

/** The SDK class that registers `type`, if its package is installed and declares that very token. */
export function sdkClassFor(type: string): ResourceClass | undefined {
    if (classes.has(type)) return classes.get(type);
    // Not found is remembered per project folder: another program's project may have the package.
    const missing = `${type}\0${process.cwd()}`;
    if (classes.has(missing)) return undefined;
    let found: ResourceClass | undefined;
    const where = sdkModuleFor(type);
    if (where) {
        try {
            const file = resolveSdkModule(where.module);
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const candidate = file && require(file)[where.exportName];
            const token: unknown = candidate?.__pulumiType;
            const provider = type.startsWith("pulumi:providers:");
            if (typeof candidate === "function" && (provider ? token === type.split(":")[2] : token === type))
                found = candidate;
        } catch {
            found = undefined;
        }
    }
    classes.set(found ? type : missing, found);
    return found;
}

/**
 * The same class reached as a program reaches it, through its package's entry point:
 * `require("@pulumi/aws").ec2.Instance`, `require("@pulumi/digitalocean").Droplet`,
 * `require("@pulumi/aws").Provider`. Loading a package's entry point costs what a program's
 * `import * as aws from "@pulumi/aws"` costs; a class it does not export falls back to sdkClassFor.
 */
export function publicSdkClassFor(type: string): ResourceClass | undefined {
    const own = sdkClassFor(type);
    const parts = type.split(":");
    if (!own || parts.length !== 3) return own;
    const [pkg, mod, name] = parts;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const root = require(`@pulumi/${pkg === "pulumi" ? name : pkg}`);
        const namespace =
            pkg === "pulumi" || mod === "index" || mod.startsWith("index/") ? root : root[mod.split("/")[0]];
        const candidate = namespace?.[pkg === "pulumi" ? "Provider" : name];
        return candidate === own ? candidate : own;
    } catch {
        return own;
    }
}

/** An output the provider may leave unset, and how its state holds it then. */
export interface OptionalOutput {
    name: string;
    /** A list of nested blocks, which Terraform holds as an empty list; anything else is null. */
    unset: [] | null;
}

/** Each type's outputs, split once from its declarations: the computed ones and the optional ones. */
const outputsByType = new Map<string, { computed: readonly string[]; optional: readonly OptionalOutput[] }>();

const NO_OUTPUTS = { computed: [], optional: [] } as const;

function outputsOf(type: string): { computed: readonly string[]; optional: readonly OptionalOutput[] } {
    let found = outputsByType.get(type);
    if (!found) {
        // A class not found here may be in the next program's project (sdkClassFor).
        if (!sdkClassFor(type)) return NO_OUTPUTS;
        const declared = outputDeclarations(type);
        const optional = (d: { type: string }) => /\|\s*undefined\s*$/.test(d.type);
        found = {
            computed: declared.filter((d) => !optional(d)).map((d) => d.name),
            optional: declared.filter(optional).map((d) => ({
                name: d.name,
                unset: /^outputs\.[\w.]+\[\]\s*\|\s*undefined\s*$/.test(d.type.trim()) ? [] : null,
            })),
        };
        outputsByType.set(type, found);
    }
    return found;
}

/** The class's output declarations: each name and the type inside `pulumi.Output<...>`. */
function outputDeclarations(type: string): { name: string; type: string }[] {
    const where = sdkModuleFor(type);
    if (!where || !sdkClassFor(type)) return [];
    // The class's own file (`@pulumi/aws/lb/loadBalancer`), or, where a native provider's token
    // names the module's folder (`aws-native:elasticloadbalancingv2:LoadBalancer`), the file in it
    // named after the class, as that SDK lays them out.
    const native = !type.split(":")[1].includes("/");
    const file =
        resolveSdkModule(`${where.module}.d.ts`) ??
        (native
            ? resolveSdkModule(
                  `${where.module}/${where.exportName.charAt(0).toLowerCase()}${where.exportName.slice(1)}.d.ts`,
              )
            : undefined);
    if (!file) return [];
    try {
        const declarations = fs.readFileSync(file, "utf8");
        const body = declarations.slice(declarations.indexOf(`export declare class ${where.exportName} `));
        const members = body.slice(0, body.indexOf("constructor("));
        return [...members.matchAll(/^\s*readonly (\w+): pulumi\.Output<([\s\S]*?)>;$/gm)].map((m) => ({
            name: m[1],
            type: m[2],
        }));
    } catch {
        return [];
    }
}

/**
 * The outputs a bridged provider reports even when unset: its state is the whole Terraform
 * schema (pulumi-terraform-bridge `MakeTerraformOutputs` over the state's every attribute), an
 * unset attribute null, an unset list of blocks empty, an unset single block null. These are the
 * outputs the SDK types `pulumi.Output<T | undefined>` (the computed ones have values).
 */
export function optionalOutputs(type: string): readonly OptionalOutput[] {
    return outputsOf(type).optional;
}

/** Each package's `types/output.d.ts`, read once (undefined where the package has none). */
const outputTypeFiles = new Map<string, string | undefined>();
/** The fields of each output interface (`eks.ClusterVpcConfig`), by package. */
const interfaceFields = new Map<string, { name: string; optional: boolean }[] | undefined>();

/**
 * The fields of the output interface `outputs.<path>` of a package (`eks.ClusterVpcConfig`), as
 * its `types/output.d.ts` declares them inside `namespace eks { interface ClusterVpcConfig {`.
 */
function outputInterface(pkg: string, path: string): { name: string; optional: boolean }[] | undefined {
    const key = `${pkg}\0${path}`;
    if (interfaceFields.has(key)) return interfaceFields.get(key);
    if (!outputTypeFiles.has(pkg)) {
        const file = resolveSdkModule(`@pulumi/${pkg}/types/output.d.ts`);
        let text: string | undefined;
        try {
            text = file ? fs.readFileSync(file, "utf8") : undefined;
        } catch {
            text = undefined;
        }
        outputTypeFiles.set(pkg, text);
    }
    const text = outputTypeFiles.get(pkg);
    let fields: { name: string; optional: boolean }[] | undefined;
    const names = path.split(".");
    if (text) {
        // Each namespace on the way, then the interface, each opened at one more indentation.
        let at = 0;
        for (const [depth, name] of names.slice(0, -1).entries()) {
            const opening = depth === 0 ? `\nexport declare namespace ${name} {\n` : `namespace ${name} {\n`;
            at = text.indexOf(opening, at);
            if (at < 0) break;
            at += opening.length;
        }
        // A package's own top-level interfaces (its `index` module's) are exported at the top.
        const indent = " ".repeat(4 * (names.length - 1));
        const opening = `\n${indent}${names.length === 1 ? "export " : ""}interface ${names[names.length - 1]} {\n`;
        const start = at < 0 ? -1 : text.indexOf(opening, at - 1);
        if (start >= 0) {
            const end = text.indexOf(`\n${indent}}`, start + opening.length);
            const body = text.slice(start + opening.length, end < 0 ? undefined : end);
            const field = new RegExp(`^${indent}    (\\w+)(\\?)?: `, "gm");
            fields = [...body.matchAll(field)].map((m) => ({ name: m[1], optional: m[2] === "?" }));
        }
    }
    interfaceFields.set(key, fields);
    return fields;
}

/** Each type's block outputs with the fields the provider computes inside them (see `nestedComputedProperties`). */
const nestedByType = new Map<string, ReadonlyMap<string, readonly string[]>>();

/**
 * Inside each block output (an output typed `outputs.<module>.<Interface>`, or a list of them),
 * the fields the provider computes when the program leaves them out: those the SDK declares never
 * absent (no `?`), as for the outputs themselves (`computedProperties`). A Terraform plan holds
 * such an attribute of a block the program wrote unknown, as it does a computed top-level one:
 * an EKS cluster's `vpcConfig.clusterSecurityGroupId`, a launch template's EBS `volumeSize`.
 */
export function nestedComputedProperties(type: string): ReadonlyMap<string, readonly string[]> {
    let found = nestedByType.get(type);
    if (!found) {
        const map = new Map<string, readonly string[]>();
        const pkg = type.split(":")[0];
        for (const { name, type: declared } of outputDeclarations(type)) {
            const block = /^outputs\.([\w.]+?)(\[\])?(\s*\|\s*undefined)?$/.exec(declared.trim());
            if (!block) continue;
            const fields = outputInterface(pkg, block[1]);
            const computed = (fields ?? []).filter((f) => !f.optional).map((f) => f.name);
            if (computed.length > 0) map.set(name, computed);
        }
        found = map;
        nestedByType.set(type, found);
    }
    return found;
}

/**
 * The properties the provider computes when the program leaves them out: its outputs that are
 * never absent. The SDK's declarations tell them apart: an output the provider may leave empty is
 * typed `pulumi.Output<T | undefined>`, a computed one `pulumi.Output<T>` (an ARN, an address, a
 * zone the provider picks). Read from the class's `.d.ts`; none when it is not installed.
 */
export function computedProperties(type: string): readonly string[] {
    return outputsOf(type).computed;
}
