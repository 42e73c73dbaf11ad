/**
 * Every part of @pulumi/pulumi that the harness and the check use although the SDK does not
 * export it as public API: one place to look when the SDK is upgraded.
 *
 * The public surface (`pulumi.runtime.setMocks`, `registerStackTransformation`, `Output`) is not
 * enough to see what the engine would see: the harness needs the mock monitor the SDK installs
 * (to capture each RegisterResource request as the engine receives it), the runtime's own wire
 * (de)serialization (so values reach the pack exactly as the engine hands them over), the stack
 * runner and the RPC barrier (to run a program as the language host does and to know when it is
 * done), and the analyzer's generated gRPC stubs (to talk to a policy pack as the engine does).
 * Pulumi's own test helpers use the same modules; they are stable across the 3.x line but not
 * promised. `checkSdkInternals()` says precisely what moved, and a test runs it on every build.
 */
import * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
/** `getMonitor`, `waitForRPCs`, `excessiveDebugOutput`: the installed (mock) monitor and the RPC barrier. */
export const settings = require("@pulumi/pulumi/runtime/settings");
/** `runInPulumiStack`: runs a program body inside the root stack resource, as the language host does. */
export const stack = require("@pulumi/pulumi/runtime/stack");
/** `deserializeProperty`, `deserializeProperties`, `unknownValue`, `isRpcSecret`: the wire format. */
export const rpc = require("@pulumi/pulumi/runtime/rpc");
/** `setAllConfig(config, secretKeys)`: config as the language host passes it (PULUMI_CONFIG). */
export const runtimeConfig = require("@pulumi/pulumi/runtime/config");
/** `getStore()`: the runtime's settings, for what setMocks leaves at its default (the root directory). */
export const state = require("@pulumi/pulumi/runtime/state");
/** The resource monitor's messages: the harness answers an invoke its engine would not serve. */
export const resourcePb = require("@pulumi/pulumi/proto/resource_pb");
/**
 * `leakedPromises()`: the promises still pending and the message the SDK prints about them at exit;
 * `debuggablePromise`, which tracks them (replaced while a program runs: promise-tracking.ts).
 */
export const debuggable = require("@pulumi/pulumi/runtime/debuggable");
/**
 * `registerResource(res, parent, type, name, custom, remote, newDependency, props, ...)`: what every
 * resource's constructor calls with the program's own arguments, through this module's export.
 */
export const runtimeResource = require("@pulumi/pulumi/runtime/resource");
/* eslint-enable @typescript-eslint/no-require-imports */

/** The SDK version these internals were loaded from, for messages. */
export function sdkVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@pulumi/pulumi/package.json").version;
}

/** What an `Output` keeps inside: the harness reads a value and its secretness without `apply`. */
export interface OutputInternals<T> {
    promise(withUnknowns?: boolean): Promise<T>;
    isSecret: Promise<boolean>;
    isKnown: Promise<boolean>;
}

/** An Output's internals (see `checkSdkInternals`, which verifies they are still there). */
export function outputInternals<T>(output: pulumi.Output<T>): OutputInternals<T> {
    return output as unknown as OutputInternals<T>;
}

/** The RegisterResource request and response getters the harness reads (generated protobuf). */
const REQUEST_GETTERS = [
    "getType",
    "getName",
    "getCustom",
    "getObject",
    "getParent",
    "getProvider",
    "getDependenciesList",
    "getPropertydependenciesMap",
    "getProtect",
    "getRetainondelete",
    "getDeletebeforereplace",
    "getDeletebeforereplacedefined",
    "getIgnorechangesList",
    "getReplaceonchangesList",
    "getAdditionalsecretoutputsList",
    "getAliasesList",
    "getCustomtimeouts",
    "getVersion",
    "getRemote",
];
const RESPONSE_GETTERS = ["getUrn", "getId", "getObject"];

/** Analyzer RPCs the check calls on a pack by path (tools/check/pack-thread.ts), as the engine does. */
const ANALYZER_METHODS = ["GetAnalyzerInfo", "Configure", "ConfigureStack", "Analyze", "AnalyzeStack", "Remediate"];

/**
 * Checks that every internal above still has the shape the harness and the check rely on.
 * Returns the problems (empty when all is well); each names the module, what is missing, and
 * where the harness uses it.
 */
export function checkSdkInternals(
    modules: { settings: any; stack: any; rpc: any; runtimeConfig: any } = { settings, stack, rpc, runtimeConfig },
): string[] {
    const { settings, stack, rpc, runtimeConfig } = modules;
    const problems: string[] = [];
    const expectFunction = (owner: any, path: string, name: string, usedBy: string) => {
        if (typeof owner?.[name] !== "function")
            problems.push(`${path}.${name} is no longer a function (used by ${usedBy})`);
    };
    expectFunction(
        settings,
        "@pulumi/pulumi/runtime/settings",
        "getMonitor",
        "tools/harness/evaluate.ts to capture registrations",
    );
    expectFunction(
        settings,
        "@pulumi/pulumi/runtime/settings",
        "waitForRPCs",
        "tools/harness to know a program is done",
    );
    expectFunction(
        state,
        "@pulumi/pulumi/runtime/state",
        "getStore",
        "tools/harness/evaluate.ts to give the program its root directory",
    );
    expectFunction(
        debuggable,
        "@pulumi/pulumi/runtime/debuggable",
        "leakedPromises",
        "tools/harness/evaluate.ts to end a program that stalls as the language host ends it",
    );
    expectFunction(
        debuggable,
        "@pulumi/pulumi/runtime/debuggable",
        "debuggablePromise",
        "tools/harness/promise-tracking.ts to track promises without the stamps only a leak report prints",
    );
    if (!("excessiveDebugOutput" in settings)) {
        problems.push(
            "@pulumi/pulumi/runtime/settings.excessiveDebugOutput is gone (used by tools/harness/evaluate.ts to skip debug strings)",
        );
    }
    expectFunction(
        stack,
        "@pulumi/pulumi/runtime/stack",
        "runInPulumiStack",
        "tools/harness to run a program inside the stack",
    );
    expectFunction(rpc, "@pulumi/pulumi/runtime/rpc", "deserializeProperty", "tools/harness to read wire values");
    expectFunction(rpc, "@pulumi/pulumi/runtime/rpc", "deserializeProperties", "tests reading wire values");
    expectFunction(
        rpc,
        "@pulumi/pulumi/runtime/rpc",
        "serializeProperties",
        "tools/harness/evaluate.ts to put transformed inputs on the wire",
    );
    expectFunction(rpc, "@pulumi/pulumi/runtime/rpc", "isRpcSecret", "tools/check to tell secrets on the wire");
    if (typeof rpc?.unknownValue !== "string")
        problems.push(
            "@pulumi/pulumi/runtime/rpc.unknownValue is no longer the unknown sentinel string (used by tools/harness and tools/check)",
        );
    expectFunction(
        runtimeConfig,
        "@pulumi/pulumi/runtime/config",
        "setAllConfig",
        "tools/harness to pass stack config",
    );
    // Replaced while a program runs (evaluate.ts `dynamicInputs`): the constructors must call it through the module.
    expectFunction(
        runtimeResource,
        "@pulumi/pulumi/runtime/resource",
        "registerResource",
        "tools/harness/evaluate.ts to see which inputs a program passed as outputs",
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const resourceSource: string = require("fs").readFileSync(require.resolve("@pulumi/pulumi/resource.js"), "utf8");
    if (
        !/resource_1\.registerResource\(this, parent, t, name, custom, remote, [^,]+, props, opts, sourcePosition, stackTrace,/.test(
            resourceSource,
        )
    )
        problems.push(
            "@pulumi/pulumi/resource.js no longer calls runtime/resource.registerResource(this, parent, t, name, custom, remote, newDependency, props, opts, sourcePosition, stackTrace, ...) through the module (used by tools/harness/evaluate.ts to see which inputs a program passed as outputs, and where each resource was declared)",
        );

    // The closure serializer's parsing, kept between processes (closure-parse-cache.ts): both must
    // still be called through their module's exports, as createClosure.js requires them by these names.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const closureSource: string = require("fs").readFileSync(
        require.resolve("@pulumi/pulumi/runtime/closure/createClosure.js"),
        "utf8",
    );
    for (const [module, name, call] of [
        ["parseFunction", "parseFunction", /require\("\.\/parseFunction"\)[\s\S]*\.parseFunction\(/],
        ["rewriteSuper", "rewriteSuperReferences", /rewriteSuper_1\.rewriteSuperReferences\(/],
    ] as const) {
        expectFunction(
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            require(`@pulumi/pulumi/runtime/closure/${module}`),
            `@pulumi/pulumi/runtime/closure/${module}`,
            name,
            "tools/harness/closure-parse-cache.ts to parse a serialized function once",
        );
        if (!call.test(closureSource))
            problems.push(
                `@pulumi/pulumi/runtime/closure/createClosure.js no longer calls ${name} through require("./${module}") (used by tools/harness/closure-parse-cache.ts to parse a serialized function once)`,
            );
    }

    // The mock monitor names resources through `newUrn`; the harness replaces it with the engine's naming.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mocks = require("@pulumi/pulumi/runtime/mocks");
    expectFunction(
        mocks.MockMonitor?.prototype,
        "@pulumi/pulumi/runtime/mocks.MockMonitor",
        "newUrn",
        "tools/harness/evaluate.ts to name resources as the engine does",
    );
    // Transforms reach the mocks through these (newResource's `transforms`, `registerTransform`).
    expectFunction(
        mocks.MockMonitor?.prototype,
        "@pulumi/pulumi/runtime/mocks.MockMonitor",
        "recordTransformCallback",
        "tools/harness/evaluate.ts to apply transforms",
    );
    expectFunction(
        mocks.MockMonitor?.prototype,
        "@pulumi/pulumi/runtime/mocks.MockMonitor",
        "registerStackTransform",
        "tools/harness/evaluate.ts to apply registerResourceTransform",
    );
    // A read's response carries the id the provider read; the harness fills it in (the mock leaves it out).
    expectFunction(
        mocks.MockMonitor?.prototype,
        "@pulumi/pulumi/runtime/mocks.MockMonitor",
        "readResource",
        "tools/harness/evaluate.ts to answer reads with their id",
    );
    for (const accessor of ["getId", "setId"])
        expectFunction(
            resourcePb.ReadResourceResponse?.prototype,
            "resource_pb.ReadResourceResponse",
            accessor,
            "tools/harness/evaluate.ts to answer reads with their id",
        );
    // An invoke whose dependencies are pending creation: the engine's answer, unknown (evaluate.ts).
    expectFunction(
        mocks.MockMonitor?.prototype,
        "@pulumi/pulumi/runtime/mocks.MockMonitor",
        "invoke",
        "tools/harness/evaluate.ts to gate invokes on their dependencies",
    );
    expectFunction(
        resourcePb.ResourceInvokeRequest?.prototype,
        "resource_pb.ResourceInvokeRequest",
        "getDependsonList",
        "tools/harness/evaluate.ts to gate invokes on their dependencies",
    );
    expectFunction(
        resourcePb.ResourceInvokeResponse?.prototype,
        "resource_pb.ResourceInvokeResponse",
        "setUnknown",
        "tools/harness/evaluate.ts to gate invokes on their dependencies",
    );
    expectFunction(
        mocks.MockMonitor?.prototype,
        "@pulumi/pulumi/runtime/mocks.MockMonitor",
        "getDeploymentInfo",
        "tools/harness/evaluate.ts to advertise the engine's invoke gate",
    );
    expectFunction(
        resourcePb.DeploymentInfo?.prototype,
        "resource_pb.DeploymentInfo",
        "addSupportedfeatures",
        "tools/harness/evaluate.ts to advertise the engine's invoke gate",
    );
    if (resourcePb.ResourceMonitorFeature?.RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON === undefined)
        problems.push(
            "resource_pb.ResourceMonitorFeature has no RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON (tools/harness/evaluate.ts advertises it)",
        );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const aliasPb = require("@pulumi/pulumi/proto/alias_pb");
    for (const getter of ["getName", "getType", "getStack", "getProject", "getParenturn", "getNoparent"]) {
        expectFunction(
            aliasPb.Alias?.Spec?.prototype,
            "alias_pb.Alias.Spec",
            getter,
            "tools/harness/evaluate.ts to resolve alias specs",
        );
    }

    // Each resource's call sites: the harness reads them with its own parser (tools/harness/call-sites.ts).
    expectFunction(
        pulumi.Resource,
        "pulumi.Resource",
        "callsites",
        "tools/harness/evaluate.ts to read ES module frames",
    );

    // Output internals.
    const output: any = pulumi.output(1);
    expectFunction(output, "pulumi.Output", "promise", "tools/harness/evaluate.ts resolveDeep");
    for (const field of ["isSecret", "isKnown"]) {
        if (!(output[field] instanceof Promise))
            problems.push(
                `pulumi.Output.${field} is no longer a promise (used by tools/harness/evaluate.ts resolveDeep)`,
            );
    }

    // Generated protobuf messages and stubs.
    for (const [message, getters] of [
        ["RegisterResourceRequest", REQUEST_GETTERS],
        ["RegisterResourceResponse", RESPONSE_GETTERS],
    ] as const) {
        const proto = resourcePb[message]?.prototype;
        if (!proto) {
            problems.push(
                `@pulumi/pulumi/proto/resource_pb.${message} is gone (the harness reads registrations from it)`,
            );
            continue;
        }
        for (const getter of getters)
            expectFunction(proto, `resource_pb.${message}`, getter, "tools/harness/evaluate.ts");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
    const paths = new Set(Object.values(analyzerGrpc.AnalyzerService ?? {}).map((m: any) => m?.path));
    for (const method of ANALYZER_METHODS)
        if (!paths.has(`/pulumirpc.Analyzer/${method}`))
            problems.push(
                `@pulumi/pulumi/proto/analyzer_grpc_pb.AnalyzerService has no /pulumirpc.Analyzer/${method} (tools/check/pack-thread.ts calls it by that path)`,
            );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpcJs = require("@grpc/grpc-js");
    expectFunction(grpcJs.Client?.prototype, "@grpc/grpc-js.Client", "makeUnaryRequest", "tools/check/pack-thread.ts");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
    const messages = [
        "AnalyzeRequest",
        "AnalyzeStackRequest",
        "AnalyzeResponse",
        "AnalyzeDiagnostic",
        "RemediateResponse",
        "AnalyzerInfo",
        "PolicyConfig",
        "ConfigureAnalyzerRequest",
        "AnalyzerStackConfigureRequest",
    ];
    for (const message of messages) {
        if (typeof analyzerPb[message] !== "function")
            problems.push(`@pulumi/pulumi/proto/analyzer_pb.${message} is gone (tools/check reads or builds it)`);
    }
    for (const level of ["ADVISORY", "MANDATORY", "DISABLED", "REMEDIATE"]) {
        if (typeof analyzerPb.EnforcementLevel?.[level] !== "number")
            problems.push(
                `@pulumi/pulumi/proto/analyzer_pb.EnforcementLevel.${level} is gone (tools/check/requests.ts maps levels)`,
            );
    }
    return problems;
}
