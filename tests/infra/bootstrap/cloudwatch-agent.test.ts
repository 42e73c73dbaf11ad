import * as assert from "assert";
import * as yaml from "js-yaml";
import {
    CLOUDWATCH_AGENT_KEY_FINGERPRINT,
    cloudWatchAgentParameterName,
    renderCloudWatchAgentConfig,
    renderCloudWatchAgentInstaller,
} from "../../../infra/bootstrap/cloudwatch-agent";
import { renderCloudConfig, ServerBootstrapValues } from "../../../infra/bootstrap/cloud-config";
import { BOOTSTRAP_SCRIPT } from "../../../infra/bootstrap/layout";
import { shellcheck } from "./validators";

const VALUES: ServerBootstrapValues = {
    stackName: "aws-prod",
    server: { index: 0, count: 2 },
    phpVersion: "8.3",
    databaseEngine: "mysql",
    queueDriver: "sqs",
    size: "small",
    vpcCidr: "10.20.0.0/16",
    healthCheckPath: "/up",
    branch: "main",
    env: { parameter: "/webtier/aws-prod/laravel-env", region: "eu-west-1" },
};

describe("the CloudWatch agent on AWS servers", () => {
    it("collects memory and root-disk use per instance, under the dimension the alarms use", () => {
        const config = JSON.parse(renderCloudWatchAgentConfig());
        assert.deepStrictEqual(config.metrics.metrics_collected.mem.measurement, ["used_percent"]);
        assert.deepStrictEqual(config.metrics.metrics_collected.disk.resources, ["/"]);
        assert.deepStrictEqual(config.metrics.append_dimensions, { InstanceId: "${aws:InstanceId}" });
        assert.deepStrictEqual(config.metrics.aggregation_dimensions, [["InstanceId"]]);
        assert.strictEqual(config.metrics.namespace, "CWAgent");
        assert.strictEqual(config.agent.run_as_user, "cwagent");
    });

    it("installs only a package signed by the key with AWS's published fingerprint", () => {
        const script = renderCloudWatchAgentInstaller(cloudWatchAgentParameterName("aws-prod"));
        assert.match(
            script,
            new RegExp(
                `gpg --export ${CLOUDWATCH_AGENT_KEY_FINGERPRINT} >k\\ngpgv --keyring ./k \\$a\\.deb\\.sig \\$a\\.deb\\ndpkg -i`,
            ),
        );
        assert.match(script, /^set -eu$/m);
        assert.match(script, /fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-aws-prod$/m);
    });

    it("passes shellcheck", function () {
        // What `bash -c` runs, as a script shellcheck can read.
        const result = shellcheck(`#!/bin/bash\n${renderCloudWatchAgentInstaller("AmazonCloudWatch-x")}`);
        assert.ok(result.ok, result.output);
    });

    it("refuses a parameter the agent's managed policy could not read", () => {
        assert.throws(() => renderCloudWatchAgentInstaller("webtier-aws-prod"), /AmazonCloudWatch-/);
    });

    it("runs the installer with bash before the app's bootstrap when asked, and not at all otherwise", () => {
        const parameter = cloudWatchAgentParameterName("aws-prod");
        const withAgent = yaml.load(
            renderCloudConfig({ ...VALUES, cloudWatchAgent: { configParameter: parameter } }),
        ) as any;
        assert.deepStrictEqual(withAgent.runcmd, [
            ["bash", "-c", renderCloudWatchAgentInstaller(parameter)],
            [BOOTSTRAP_SCRIPT],
        ]);
        const without = yaml.load(renderCloudConfig(VALUES)) as any;
        assert.deepStrictEqual(without.runcmd, [[BOOTSTRAP_SCRIPT]]);
        assert.ok(!JSON.stringify(without).includes("amazon-cloudwatch-agent"));
    });
});
