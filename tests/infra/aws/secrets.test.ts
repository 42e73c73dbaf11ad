import { strict as assert } from "assert";
import { PARAMETER_READ_ACTIONS, serverSecretsPolicy } from "../../../infra/aws/iam-documents";
import { envParameterName, pathArnPattern, secretsPath } from "../../../infra/aws/secrets";
import * as pulumi from "@pulumi/pulumi";
import { awsPlatform } from "../../../infra/aws";
import { parseConfig } from "../../../infra/config/parse";
import { WebTier } from "../../../infra/webtier";
import { evaluate } from "../../../tools/harness/evaluate";
import { build, STACKS } from "./fixture";

const PARAMETER_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/webtier/aws-prod/laravel-env";
const PATH_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/webtier/aws-prod/*";
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("AWS server secrets: names and the role's access (pure)", () => {
    it("keeps each stack's secrets under /webtier/<stack>/", () => {
        assert.equal(secretsPath("aws-prod"), "/webtier/aws-prod/");
        assert.equal(envParameterName("aws-prod"), "/webtier/aws-prod/laravel-env");
        assert.throws(() => secretsPath("../other"), /cannot be a Parameter Store path segment/);
    });

    it("derives the path's ARN pattern from any parameter of the stack (parameter ARNs drop the leading slash)", () => {
        assert.equal(pathArnPattern(PARAMETER_ARN, "/webtier/aws-prod/"), PATH_ARN);
        assert.equal(
            pathArnPattern("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/webtier/x/laravel-env", "/webtier/x/"),
            "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/webtier/x/*",
        );
        assert.throws(() => pathArnPattern("arn:aws:s3:::bucket", "/webtier/x/"), /not an SSM parameter ARN/);
    });

    it("lets the servers read the stack's parameters and nothing else, and decrypt them only through Parameter Store", () => {
        const doc = serverSecretsPolicy(PATH_ARN, KEY_ARN, "eu-west-1");
        const allows = doc.Statement.filter((s) => s.Effect === "Allow");
        assert.deepEqual(
            allows.map((s) => [s.Action, s.Resource]),
            [
                ["ssm:GetParameter", PATH_ARN],
                ["kms:Decrypt", KEY_ARN],
            ],
        );
        assert.deepEqual(allows[1].Condition, { StringEquals: { "kms:ViaService": "ssm.eu-west-1.amazonaws.com" } });
        const deny = doc.Statement.find((s) => s.Effect === "Deny")!;
        assert.deepEqual(deny.Action, PARAMETER_READ_ACTIONS);
        assert.equal(deny.NotResource, PATH_ARN, "every other parameter is refused, whatever another policy allows");
        assert.equal(deny.Resource, undefined);
    });
});

describe("AWS platform without a .env renderer", () => {
    it("refuses to build before registering any resource, naming what is missing", async () => {
        await build("dev"); // one evaluation at a time: wait for the fixture's
        const config = parseConfig(STACKS.dev, "dev");
        const evaluation = evaluate({
            stack: "dev",
            program: () => {
                new WebTier(config.name, awsPlatform, { config, userData: () => pulumi.output("#cloud-config\n") });
            },
        });
        await assert.rejects(evaluation, /needs WebTierArgs\.laravelEnv/);
    });
});
