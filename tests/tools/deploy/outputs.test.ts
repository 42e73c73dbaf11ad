import * as assert from "assert";
import { writeFileSync } from "fs";
import { join } from "path";
import { parseDeployTarget, readOutputsFile, readStackOutputs } from "../../../tools/deploy/outputs";
import { validOutputs } from "./fakes";
import { scratchDir } from "../../support/scratch";

describe("deploy outputs", () => {
    it("reads the cloud, the balancer and every server from the stack outputs", () => {
        const target = parseDeployTarget(validOutputs(), "test");
        assert.strictEqual(target.cloud, "digitalocean");
        assert.strictEqual(target.loadBalancer.address, "192.0.2.10");
        assert.deepStrictEqual(
            target.servers.map((s) => s.id),
            ["101", "102"],
            "numeric droplet ids become strings",
        );
        assert.strictEqual(target.servers[0].publicIp, "203.0.113.5");
    });

    it("reads the DigitalOcean in-rotation tag when the outputs carry it, and refuses an empty one", () => {
        const balancer = { ...validOutputs().loadBalancer, memberTag: "prod-lb" };
        assert.strictEqual(
            parseDeployTarget(validOutputs({ loadBalancer: balancer }), "x").loadBalancer.memberTag,
            "prod-lb",
        );
        assert.strictEqual(
            parseDeployTarget(validOutputs(), "x").loadBalancer.memberTag,
            undefined,
            "older outputs have none",
        );
        assert.throws(
            () => parseDeployTarget(validOutputs({ loadBalancer: { ...balancer, memberTag: "" } }), "x"),
            /\$\.loadBalancer\.memberTag: must not be empty/,
        );
    });

    it("reads the balancer's id and target group, which the contract carries", () => {
        const target = parseDeployTarget(validOutputs(), "x");
        assert.strictEqual(target.loadBalancer.id, validOutputs().loadBalancer.id);
        const aws = {
            ...validOutputs().loadBalancer,
            targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/app/1",
        };
        assert.strictEqual(
            parseDeployTarget(validOutputs({ loadBalancer: aws }), "x").loadBalancer.targetGroupArn,
            aws.targetGroupArn,
        );
    });

    it("accepts secret outputs printed as [secret] (read without --show-secrets), and still requires them", () => {
        assert.doesNotThrow(() => parseDeployTarget(validOutputs(), "x"));
        assert.throws(() => parseDeployTarget(validOutputs({ database: undefined }), "x"), /\$\.database: is required/);
        assert.throws(
            () => parseDeployTarget(validOutputs({ region: "[secret]", cloud: "[secret]" }), "x"),
            /\$\.cloud: must be one of "aws", "digitalocean", got "\[secret\]"/,
        );
    });

    it("names every missing or malformed key in one error", () => {
        const raw = validOutputs({
            cloud: "gcp",
            loadBalancer: {},
            servers: [{ name: "web-1", id: "i-1", zone: "a" }, "nope"],
        });
        assert.throws(
            () => parseDeployTarget(raw, "outputs.json"),
            (error: Error) => {
                assert.match(error.message, /^outputs\.json is not a valid webtier outputs document/);
                assert.match(error.message, /\$\.cloud: must be one of "aws", "digitalocean", got "gcp"/);
                assert.match(error.message, /\$\.loadBalancer\.address: is required/);
                assert.match(error.message, /\$\.servers\[0\]\.privateIp: is required/);
                assert.match(error.message, /\$\.servers\[1\]: expected object, got string/);
                assert.match(error.message, /Produce it with `pulumi stack output --json --stack <name>`/);
                return true;
            },
        );
    });

    it("refuses outputs of a newer contract version, saying to update the tool", () => {
        assert.throws(
            () => parseDeployTarget(validOutputs({ contractVersion: 2 }), "x"),
            (error: Error) => {
                assert.match(
                    error.message,
                    /\$\.contractVersion: got 2 \(this deploy tool understands version 1; update it\)/,
                );
                assert.strictEqual(
                    error.message.match(/\n {2}- /g)?.length,
                    1,
                    "the version alone: the rest cannot be judged",
                );
                return true;
            },
        );
        assert.throws(
            () => parseDeployTarget(validOutputs({ contractVersion: 0 }), "x"),
            /\$\.contractVersion: got 0 \(expected 1; is this a webtier stack\?\)/,
        );
        assert.throws(
            () => parseDeployTarget(validOutputs({ contractVersion: undefined }), "x"),
            /\$\.contractVersion: is required/,
        );
    });

    it("refuses a server list with the same id twice", () => {
        const servers = [validOutputs().servers[0], validOutputs().servers[0]];
        assert.throws(() => parseDeployTarget(validOutputs({ servers }), "x"), /\$\.servers: id "101" appears twice/);
    });

    it("reads an --outputs file, and says when it is not JSON", () => {
        const dir = scratchDir("outputs-");
        writeFileSync(join(dir, "good.json"), JSON.stringify(validOutputs()));
        writeFileSync(join(dir, "bad.json"), "Current stack outputs (3):");
        assert.strictEqual(readOutputsFile(join(dir, "good.json")).servers.length, 2);
        assert.throws(() => readOutputsFile(join(dir, "bad.json")), /bad\.json is not JSON/);
    });

    it("asks the Pulumi CLI for the stack's outputs as JSON, without secrets", async () => {
        const calls: string[][] = [];
        const target = await readStackOutputs("prod", async (file, args) => {
            calls.push([file, ...args]);
            return JSON.stringify(validOutputs());
        });
        assert.deepStrictEqual(calls, [["pulumi", "stack", "output", "--json", "--stack", "prod"]]);
        assert.strictEqual(target.region, "nyc3");
    });

    it("points to --outputs when the Pulumi CLI is not installed", async () => {
        const missing = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
        await assert.rejects(
            readStackOutputs("prod", async () => Promise.reject(missing)),
            /Pulumi CLI is not installed.*--outputs FILE.*pulumi stack output --json --stack prod > outputs.json/,
        );
    });
});
