/**
 * Multi-language components built in the program's own process (see ComponentEmulation in
 * provider-mocks.ts): a provider package's SDK registers each of its components with
 * `remote: true`, and under the engine the provider's plugin builds what is inside (Construct).
 * When the provider is itself a Node.js program whose source the harness follows (awsx's,
 * tools/harness/aws/awsx), each SDK class is replaced, as its module loads, by a component of the
 * same type token that registers the same children and gives the SDK class's outputs.
 *
 * One `Module._load` hook serves every emulation: a module that a file of an emulated package
 * loads by a relative path (each namespace index requires its classes' modules) has its exported
 * classes swapped in place, once; the indexes' lazy getters read the module's exports each time,
 * so they hand out the emulation. Only the majors whose source an emulation follows are swapped;
 * another major's components stay remote, and the check gives such a stack no verdict.
 */
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import type { ComponentEmulation } from "./provider-mocks";

/**
 * An emulated component: the constructor of the SDK class it stands in for
 * (`new awsx.ec2.Vpc(name, args, opts)`).
 */
export type EmulatedComponent = new (
    name: string,
    args?: any,
    opts?: pulumi.ComponentResourceOptions,
) => pulumi.ComponentResource;

/** A package's emulated components, by type token ("awsx:ec2:Vpc"). */
export type EmulatedComponents = Readonly<Record<string, EmulatedComponent>>;

interface Swap {
    /** The npm package's folder, as it appears in a file's path ("/@pulumi/awsx/"). */
    dir: string;
    majors: readonly number[];
    /** Loaded on the first swap: emulations load a cloud's SDK, which most checks never need. */
    components: () => EmulatedComponents;
    loaded?: EmulatedComponents;
    /** Each copy of the package found (a program may bring its own), with its version. */
    copies: Map<string, { version: string; emulated: boolean }>;
}

const swaps: Swap[] = [];

/** Whether the copy of the package `file` is in has an emulated major (read once per copy). */
function emulatedCopy(swap: Swap, file: string): boolean {
    const dir = file.slice(0, file.lastIndexOf(swap.dir) + swap.dir.length - 1);
    let known = swap.copies.get(dir);
    if (known === undefined) {
        let version = "unknown";
        try {
            version = String(
                (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: string }).version,
            );
        } catch {
            // An unreadable package is not emulated: its components stay remote.
        }
        known = { version, emulated: swap.majors.includes(Number(version.split(".")[0])) };
        swap.copies.set(dir, known);
    }
    return known.emulated;
}

/** The module's exported SDK classes swapped for their emulations, in place (getters are not read). */
function swapClasses(swap: Swap, exports: Record<string, unknown>): void {
    const components = (swap.loaded ??= swap.components());
    for (const key of Object.keys(exports)) {
        const descriptor = Object.getOwnPropertyDescriptor(exports, key);
        if (!descriptor || !("value" in descriptor) || !descriptor.writable) continue;
        const type = (descriptor.value as { __pulumiType?: unknown } | undefined)?.__pulumiType;
        const emulation = typeof type === "string" ? components[type] : undefined;
        if (emulation) exports[key] = emulation;
    }
}

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
let hooked = false;

function hook(): void {
    if (hooked) return;
    hooked = true;
    const internals = Module as unknown as { _load: Load };
    const load = internals._load;
    const seen = new WeakSet<object>();
    internals._load = function (request, parent) {
        // eslint-disable-next-line prefer-rest-params -- Node passes more than it documents
        const result = load.apply(this, arguments as unknown as Parameters<Load>);
        const from = parent?.filename;
        if (
            from === undefined ||
            !request.startsWith(".") ||
            result === null ||
            typeof result !== "object" ||
            seen.has(result)
        )
            return result;
        const swap = swaps.find((s) => from.includes(s.dir));
        if (swap) {
            seen.add(result);
            if (emulatedCopy(swap, from)) swapClasses(swap, result as Record<string, unknown>);
        }
        return result;
    };
}

/**
 * The emulation of an npm package's components (`@pulumi/<name>`), for its SDK `majors`:
 * `components` is loaded when a program first loads one of its classes.
 */
export function componentEmulation(
    name: string,
    majors: readonly number[],
    components: () => EmulatedComponents,
): ComponentEmulation {
    const swap: Swap = {
        dir: `${path.sep}@pulumi${path.sep}${name}${path.sep}`,
        majors,
        components,
        copies: new Map(),
    };
    let installed = false;
    return {
        package: name,
        majors,
        install: () => {
            if (installed) return;
            installed = true;
            swaps.push(swap);
            hook();
        },
        versions: () => [...new Set([...swap.copies.values()].filter((c) => c.emulated).map((c) => c.version))],
    };
}

/**
 * Components of an emulated major that stay remote all the same, by `type "name"`: the options
 * their emulation does not follow. An emulation that meets one registers the component as the
 * SDK class does (remote), so the stack gets the check's "no verdict" rather than a guess at what
 * the provider would build, and says why here. Kept per process: the check's error reads it for
 * the components of the evaluation it reports.
 */
const remoteReasons = new Map<string, string[]>();

/** Records that the component `type` "name" stays remote because its args use `options`. */
export function recordStaysRemote(type: string, name: string, options: readonly string[]): void {
    remoteReasons.set(`${type} "${name}"`, [...options]);
}

/** The options that kept the component `type` "name" remote, if its emulation recorded any. */
export function staysRemoteFor(type: string, name: string): readonly string[] | undefined {
    return remoteReasons.get(`${type} "${name}"`);
}
