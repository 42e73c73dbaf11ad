// Prototype for issue #8 item 3 (not part of the repository): run webtier's compiled program through
// @pulumi/pulumi's own language-host entry point (cmd/run) in a child process, against an
// in-process ResourceMonitor + Engine gRPC server, and time it against the in-process mock harness.
const path = require("path");
const { spawn } = require("child_process");
const grpc = require("@grpc/grpc-js");
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const enginerpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engineproto = require("@pulumi/pulumi/proto/engine_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const ROOT = process.cwd();
const { mockCall, MockIds, mockState } = require(path.join(ROOT, "dist/tools/harness/mock-state"));
const { engineUrn } = require(path.join(ROOT, "dist/tools/harness/evaluate"));
const { readStackFile } = require(path.join(ROOT, "dist/tools/check/stack-config"));
const { evaluate } = require(path.join(ROOT, "dist/tools/harness/evaluate"));

async function serve(stack, project, preview) {
    const ids = new MockIds();
    let count = 0;
    let root = "";
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(resrpc.ResourceMonitorService, {
        supportsFeature: (call, cb) => { const r = new resproto.SupportsFeatureResponse(); r.setHassupport(call.request.getId() !== "outputValues"); cb(null, r); },
        getDeploymentInfo: (call, cb) => cb({ code: grpc.status.UNIMPLEMENTED }),
        registerResource: (call, cb) => {
            const req = call.request; count += 1;
            const urn = engineUrn(stack, project, req.getParent(), req.getType(), req.getName());
            const res = new resproto.RegisterResourceResponse();
            res.setUrn(urn);
            if (req.getCustom()) {
                const inputs = req.getObject() ? req.getObject().toJavaScript() : {};
                const st = mockState(req.getType(), req.getName(), inputs, ids, { preview, project, stack });
                res.setId(st.id);
                res.setObject(structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(st.state))));
            } else res.setObject(new structproto.Struct());
            cb(null, res);
        },
        registerResourceOutputs: (call, cb) => cb(null, new emptyproto.Empty()),
        invoke: (call, cb) => {
            const r = new resproto.ResourceInvokeResponse();
            r.setReturn(structproto.Struct.fromJavaScript(mockCall(call.request.getTok(), call.request.getArgs().toJavaScript(), ids)));
            cb(null, r);
        },
    });
    server.addService(enginerpc.EngineService, {
        log: (call, cb) => cb(null, new emptyproto.Empty()),
        getRootResource: (call, cb) => { const r = new engineproto.GetRootResourceResponse(); r.setUrn(root); cb(null, r); },
        setRootResource: (call, cb) => { root = call.request.getUrn(); cb(null, new engineproto.SetRootResourceResponse()); },
    });
    const port = await new Promise((res, rej) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => e ? rej(e) : res(p)));
    return { server, address: `127.0.0.1:${port}`, registered: () => count };
}

function withServers(config, n) {
    const c = { ...config.config }; const servers = JSON.parse(c["webtier:servers"] ?? "{}"); servers.count = n; c["webtier:servers"] = JSON.stringify(servers);
    return c;
}

async function viaLanguageHost(stackName, config, preview) {
    const { server, address, registered } = await serve(stackName, "webtier", preview);
    const started = Date.now();
    const code = await new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run"), `--monitor=${address}`, `--engine=${address}`, `--project=webtier`, `--stack=${stackName}`, `--dry-run=${preview}`, `--organization=organization`, path.join(ROOT, "dist/index.js")], {
            cwd: ROOT, env: { ...process.env, PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["webtier:appKey"]) }, stdio: ["ignore", "pipe", "pipe"],
        });
        let err = ""; child.stderr.on("data", (d) => (err += d)); child.stdout.on("data", () => undefined);
        child.on("exit", (c) => { if (c) console.error(err.slice(-2000)); resolve(c); });
    });
    const ms = Date.now() - started;
    server.forceShutdown();
    return { ms, registered: registered(), code };
}

async function inProcess(stackName, config, preview) {
    // The harness's own evaluation, the program already loaded (warm), as the check runs it.
    const program = require(path.join(ROOT, "dist/infra/program.js")).runWebtier;
    const started = Date.now();
    const ev = await evaluate({ program, config, secretKeys: ["webtier:appKey"], project: "webtier", stack: stackName, preview });
    return { ms: Date.now() - started, registered: ev.resources.length };
}

if (process.env.PROTO_EMPTY) {
    (async () => {
        const t = [];
        for (let i = 0; i < 3; i++) {
            const { server, address } = await serve("s", "webtier", false);
            const started = Date.now();
            await new Promise((resolve) => spawn(process.execPath, [path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run"), `--monitor=${address}`, `--engine=${address}`, "--project=webtier", "--stack=s", path.join(ROOT, ".proto/empty.js")], { cwd: ROOT, stdio: "ignore" }).on("exit", resolve));
            t.push(Date.now() - started);
            server.forceShutdown();
        }
        const cold = Date.now();
        require(path.join(ROOT, "dist/infra/program.js"));
        console.log(`empty program through the language host: ${t.join(", ")} ms; loading webtier's program modules in-process: ${Date.now() - cold} ms`);
    })();
} else (async () => {
    const stack = readStackFile(path.join(ROOT, "stacks/Pulumi.aws-prod.yaml"), { project: "webtier", requiredSecrets: ["appKey"] });
    Error.stackTraceLimit = 0;
    for (const n of [2, 10, 50]) {
        const config = withServers(stack, n);
        await inProcess("aws-prod", config, false); // warm-up
        const a = []; const b = [];
        for (let i = 0; i < 3; i++) { a.push(await inProcess("aws-prod", config, false)); b.push(await viaLanguageHost("aws-prod", config, false)); }
        const med = (xs) => xs.map((x) => x.ms).sort((p, q) => p - q)[1];
        console.log(`servers=${n}: in-process harness ${med(a)} ms (${a[0].registered} resources); language host + gRPC monitor ${med(b)} ms (${b[0].registered} registrations, exit ${b[0].code})`);
    }
})().catch((e) => { console.error(e); process.exit(1); });
