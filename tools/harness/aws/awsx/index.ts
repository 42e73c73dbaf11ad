/**
 * awsx's components (`awsx.ec2.Vpc`, `awsx.lb.ApplicationLoadBalancer`, `awsx.ecs.FargateService`,
 * ...) under the harness. They are multi-language components: the SDK registers each with
 * `remote: true`, and under the engine the awsx provider plugin (a Node.js program, pulumi-awsx's
 * `awsx/` folder) builds the VPC's subnets, the balancer's listeners and security group, the
 * service's task definition and role inside it (Construct), and the policy pack judges those like
 * any other resource. The check runs no plugins, so each class the SDK exports is replaced, as its
 * module loads, by one that builds the same resources in the program's own process: a component
 * of the same type token, children with the names, parents and inputs the provider gives them, and
 * the SDK class's outputs.
 *
 * Only the majors whose provider source this follows are replaced (MAJORS: 2 and 3 build the same
 * resources but for the AWS provider major they bundle); another major's components stay remote,
 * and the check gives such a stack no verdict (tools/check/remote-components.ts).
 */
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import type { ComponentEmulation } from "../../provider-mocks";
import type { EmulatedComponents } from "./types";

/**
 * Every emulated component by type token. Loaded when a program first loads an awsx class: the
 * emulations load @pulumi/aws, which a check of a DigitalOcean program never needs.
 */
export function awsxComponents(): EmulatedComponents {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    return {
        ...(require("./cloudtrail") as typeof import("./cloudtrail")).COMPONENTS,
        ...(require("./ec2") as typeof import("./ec2")).COMPONENTS,
        ...(require("./ecr") as typeof import("./ecr")).COMPONENTS,
        ...(require("./ecs") as typeof import("./ecs")).COMPONENTS,
        ...(require("./lb") as typeof import("./lb")).COMPONENTS,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The awsx SDK majors whose components are emulated. */
export const MAJORS: readonly number[] = [2, 3];

const AWSX_DIR = `${path.sep}@pulumi${path.sep}awsx${path.sep}`;

/** The awsx package folder a file of it is in, and whether its major is emulated (read once per folder). */
const packages = new Map<string, { version: string; emulated: boolean }>();
function emulatedPackage(file: string): boolean {
    const at = file.lastIndexOf(AWSX_DIR);
    const dir = file.slice(0, at + AWSX_DIR.length - 1);
    let known = packages.get(dir);
    if (known === undefined) {
        let version = "unknown";
        try {
            version = String(
                (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: string }).version,
            );
        } catch {
            // An unreadable package is not emulated: its components stay remote.
        }
        known = { version, emulated: MAJORS.includes(Number(version.split(".")[0])) };
        packages.set(dir, known);
    }
    return known.emulated;
}

/** The versions of the awsx packages whose components have been replaced in this process. */
export function emulatedAwsxVersions(): string[] {
    return [...new Set([...packages.values()].filter((p) => p.emulated).map((p) => p.version))];
}

/**
 * The module's exported SDK classes swapped for their emulations, in place: the namespace
 * indexes' lazy getters read the module's exports each time, so they hand out the emulation.
 * Getters are not read here (that would load every module of a namespace at once).
 */
function swapClasses(exports: Record<string, unknown>): void {
    const components = (loaded ??= awsxComponents());
    for (const key of Object.keys(exports)) {
        const descriptor = Object.getOwnPropertyDescriptor(exports, key);
        if (!descriptor || !("value" in descriptor) || !descriptor.writable) continue;
        const type = (descriptor.value as { __pulumiType?: unknown } | undefined)?.__pulumiType;
        const emulation = typeof type === "string" ? components[type] : undefined;
        if (emulation) exports[key] = emulation;
    }
}

let loaded: EmulatedComponents | undefined;

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
let installed = false;

/**
 * Replaces the awsx SDK's component classes as their modules load: each namespace index requires
 * its classes' modules (`require("./vpc")`), so a module an awsx file loads is looked at, once.
 */
export function installAwsxEmulation(): void {
    if (installed) return;
    installed = true;
    const internals = Module as unknown as { _load: Load };
    const load = internals._load;
    const seen = new WeakSet<object>();
    internals._load = function (request, parent) {
        // eslint-disable-next-line prefer-rest-params -- Node passes more than it documents
        const result = load.apply(this, arguments as unknown as Parameters<Load>);
        const from = parent?.filename;
        if (
            from !== undefined &&
            from.includes(AWSX_DIR) &&
            request.startsWith(".") &&
            result !== null &&
            typeof result === "object" &&
            !seen.has(result)
        ) {
            seen.add(result);
            if (emulatedPackage(from)) swapClasses(result as Record<string, unknown>);
        }
        return result;
    };
}

/** awsx's components, as the check registers them (tools/clouds.ts). */
export const AWSX_EMULATION: ComponentEmulation = {
    package: "awsx",
    majors: MAJORS,
    install: installAwsxEmulation,
    versions: emulatedAwsxVersions,
};
