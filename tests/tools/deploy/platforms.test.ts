// The deploy tool finds each cloud's adapter through the tools registry (tools/clouds.ts): the
// stack's outputs name the cloud, and the adapter registered for it drives the rollout.
import * as assert from "assert";
import { CLOUDS } from "../../../infra/clouds";
import { parseCliArgs } from "../../../tools/deploy/args";
import { AwsBalancer } from "../../../tools/deploy/aws/balancer";
import { SsmRunner } from "../../../tools/deploy/aws/ssm-runner";
import { DigitalOceanBalancer } from "../../../tools/deploy/digitalocean/balancer";
import { DeployTarget } from "../../../tools/deploy/outputs";
import { createPlatform } from "../../../tools/deploy/platforms";
import { SshRunner } from "../../../tools/deploy/ssh-runner";
import { TOOL_CLOUDS } from "../../../tools/clouds";
import { FakeClock } from "./fakes";

function target(cloud: DeployTarget["cloud"]): DeployTarget {
    return {
        cloud,
        region: cloud === "aws" ? "eu-west-1" : "ams3",
        loadBalancer: { address: "lb.example.com", id: "lb-1", memberTag: "web-lb" },
        servers: [{ name: "web-0", id: "1", privateIp: "10.0.0.5", zone: "a" }],
    };
}

describe("the deploy tool's adapter per cloud", () => {
    const args = parseCliArgs(["--stack", "prod", "--ref", "main"]);

    it("drives an AWS stack through ELBv2 and SSM Run Command", () => {
        const platform = createPlatform(target("aws"), args, {}, new FakeClock());
        assert.ok(platform.balancer instanceof AwsBalancer, platform.balancer.constructor.name);
        assert.ok(platform.runner instanceof SsmRunner, platform.runner.constructor.name);
    });

    it("drives a DigitalOcean stack through its load balancer API and SSH", () => {
        const platform = createPlatform(target("digitalocean"), args, { DIGITALOCEAN_TOKEN: "t" }, new FakeClock());
        assert.ok(platform.balancer instanceof DigitalOceanBalancer, platform.balancer.constructor.name);
        assert.ok(platform.runner instanceof SshRunner, platform.runner.constructor.name);
    });

    it("has an adapter, prices, mocks and CI credentials for every cloud infra/ registers", () => {
        assert.deepStrictEqual(Object.keys(TOOL_CLOUDS), [...CLOUDS]);
        for (const cloud of CLOUDS) {
            const tools = TOOL_CLOUDS[cloud];
            assert.strictEqual(typeof tools.deploy(), "function", cloud);
            assert.strictEqual(tools.cost.table.cloud, cloud);
            assert.ok(Object.keys(tools.cost.pricers).length > 0, `${cloud} prices something`);
            assert.ok(tools.credentials.required.length > 0, `${cloud} names its credentials`);
        }
    });
});
