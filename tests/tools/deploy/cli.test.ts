import * as assert from "assert";
import { main } from "../../../tools/deploy/cli";
import { parseDeployTarget } from "../../../tools/deploy/outputs";
import { validOutputs, world } from "./fakes";

/** Runs the CLI against a fake balancer and runner built from `w`; captures stdout and stderr. */
async function run(argv: string[], w = world(2)) {
    const out: string[] = [];
    const err: string[] = [];
    const servers = w.servers.map((s) => ({ ...s }));
    const code = await main(argv, {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        clock: w.clock,
        readOutputsFile: () => parseDeployTarget(validOutputs({ servers }), "outputs.json"),
        readStackOutputs: async () => parseDeployTarget(validOutputs({ servers }), "stack"),
        createPlatform: () => ({ balancer: w.balancer, runner: w.runner }),
    });
    return { code, out: out.join("\n"), err: err.join("\n"), w };
}

describe("deploy CLI", () => {
    it("prints the plan on --dry-run and changes nothing", async () => {
        const { code, out, w } = await run(["--outputs", "outputs.json", "--ref", "v2.0.0", "--dry-run"]);
        assert.strictEqual(code, 0);
        assert.match(out, /Rolling deploy of v2\.0\.0 behind fake-lb, one server at a time\./);
        assert.match(out, /Each server runs \(via fake-runner\): \/usr\/local\/bin\/webtier-release 'v2\.0\.0'/);
        assert.match(
            out,
            /1\. web-1 \(i-1, zone-a\): take out of the balancer and wait until drained \(now healthy\); run the release; put back; wait until healthy\.\n {2}2\. web-2/,
        );
        assert.match(out, /Dry run: nothing was changed\./);
        assert.deepStrictEqual(w.events, []);
    });

    it("deploys every server and exits 0", async () => {
        const { code, out, w } = await run([
            "--stack",
            "prod",
            "--ref",
            "main",
            "--release-command",
            "deploy.sh --ref {ref}",
        ]);
        assert.strictEqual(code, 0);
        assert.match(out, /Deployed main to all 2 server\(s\): web-1, web-2\./);
        assert.ok(w.events.includes("run:i-1:deploy.sh --ref 'main'"));
    });

    it("exits 1 and says where each server is when the deploy stops", async () => {
        const w = world(3);
        w.runner.results.set("i-2", { exitCode: 1, output: "npm ERR! build failed" });
        const { code, err } = await run(["--stack", "prod", "--ref", "main"], w);
        assert.strictEqual(code, 1);
        assert.match(err, /Deploy of main STOPPED at web-2 \(i-2\): the release failed \(exit 1\)/);
        assert.match(err, /web-2 is out of the balancer, in whatever state the release left it\./);
        assert.match(err, /On main: web-1\./);
        assert.match(err, /Untouched \(still on the previous release, in service\): web-3\./);
    });

    it("exits 1 without changing anything when too few servers are healthy", async () => {
        const w = world(2);
        w.balancer.members.set("i-1", { health: "unhealthy" });
        const { code, err } = await run(["--stack", "prod", "--ref", "main"], w);
        assert.strictEqual(code, 1);
        assert.match(err, /Nothing was changed\./);
        assert.deepStrictEqual(w.events, []);
    });

    it("exits 2 with the usage text on a bad command line", async () => {
        const { code, err } = await run(["--stack", "prod"]);
        assert.strictEqual(code, 2);
        assert.match(err, /--ref <git ref> is required[\s\S]*Usage: /);
    });

    it("exits 2 naming the bad keys when the outputs are not webtier's", async () => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(["--stack", "prod", "--ref", "main"], {
            out: (l) => out.push(l),
            err: (l) => err.push(l),
            readStackOutputs: async () =>
                parseDeployTarget(
                    { contractVersion: 1, cloud: "aws", region: "us-east-1" },
                    'the outputs of stack "prod"',
                ),
        });
        assert.strictEqual(code, 2);
        assert.match(err.join("\n"), /\$\.loadBalancer: is required[\s\S]*\$\.servers: is required/);
    });
});
