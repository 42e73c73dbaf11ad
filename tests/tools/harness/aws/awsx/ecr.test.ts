// awsx's ECR components under the harness: the resources the awsx provider's Construct builds
// (pulumi-awsx awsx/ecr/*.ts), registered inside the component with its names and inputs.
import * as assert from "assert";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { credentialsFrom, registryIdOf } from "../../../../../tools/harness/aws/awsx/ecr/auth";
import { Image } from "../../../../../tools/harness/aws/awsx/ecr/image";
import { createUniqueImageName, removeTagFromRef } from "../../../../../tools/harness/aws/awsx/ecr/imageName";
import { convertRules } from "../../../../../tools/harness/aws/awsx/ecr/lifecyclePolicy";
import { RegistryImage } from "../../../../../tools/harness/aws/awsx/ecr/registryImage";
import { Repository } from "../../../../../tools/harness/aws/awsx/ecr/repository";
import { evaluate } from "../../../../../tools/harness/evaluate";
import { only } from "../registered";

const REPO = "aws:ecr/repository:Repository";
const POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const DOCKER_BUILD = "docker-build:index:Image";

describe("awsx.ecr.Repository under the harness", () => {
    it("builds a lowercased repository and a lifecycle policy keeping one untagged image", async () => {
        const e = await evaluate({
            program: () => void new Repository("AppRepo", { forceDelete: true, imageTagMutability: "IMMUTABLE" }),
        });
        const component = only(e, "awsx:ecr:Repository", "AppRepo");
        const repo = only(e, REPO, "apprepo");
        assert.strictEqual(repo.parent, component.urn);
        assert.deepStrictEqual([repo.inputs.forceDelete, repo.inputs.imageTagMutability], [true, "IMMUTABLE"]);
        const policy = only(e, POLICY, "apprepo");
        assert.strictEqual(policy.parent, component.urn);
        assert.strictEqual(policy.inputs.repository, repo.state.name);
        assert.deepStrictEqual(policy.inputs.policy, {
            rules: [
                {
                    rulePriority: 1,
                    description: "remove untagged images",
                    selection: { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 },
                    action: { type: "expire" },
                },
            ],
        });
        assert.strictEqual(policy.inputs.region, undefined);
    });

    it("puts the policy in the repository's region, skips it when asked, and outputs the URL", async () => {
        let url: string | undefined;
        const e = await evaluate({
            program: () => {
                new Repository("west", { region: "us-west-2" });
                const skipped = new Repository("bare", { lifecyclePolicy: { skip: true } });
                skipped.url.apply((u) => (url = u));
            },
        });
        assert.strictEqual(only(e, POLICY, "west").inputs.region, "us-west-2");
        assert.strictEqual(e.resources.filter((r) => r.type === POLICY && r.name === "bare").length, 0);
        assert.strictEqual(url, only(e, REPO, "bare").state.repositoryUrl);
    });

    it("numbers given rules, the `any` rule last, as the source converts them", () => {
        const doc = convertRules([
            { tagStatus: "any", maximumAgeLimit: 30 },
            { tagStatus: "tagged", tagPrefixList: ["v"], maximumNumberOfImages: 5 },
        ]);
        assert.deepStrictEqual(
            (doc.rules as any[]).map((r) => [
                r.rulePriority,
                r.selection.tagStatus,
                r.selection.countType,
                r.selection.countUnit,
            ]),
            [
                [1, "tagged", "imageCountMoreThan", undefined],
                [2, "any", "sinceImagePushed", "days"],
            ],
        );
        assert.throws(() => convertRules([{ tagStatus: "tagged" }]), /tagPrefixList cannot be empty\./);
        assert.throws(
            () =>
                convertRules([
                    { tagStatus: "any", maximumAgeLimit: 1 },
                    { tagStatus: "any", maximumAgeLimit: 2 },
                ]),
            /At most one \[selection: "any"\] rule can be provided\./,
        );
    });
});

describe("awsx.ecr.Image under the harness", () => {
    const repositoryUrl = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app";

    it("builds a docker-build image tagged in the repository, pushed with the registry's ECR credentials", async () => {
        const e = await evaluate({
            program: () =>
                void new Image("img", {
                    repositoryUrl,
                    context: "./app",
                    dockerfile: "./app/Dockerfile",
                    imageTag: "v1",
                    platform: "linux/amd64",
                    args: { MODE: "prod" },
                }),
        });
        const component = only(e, "awsx:ecr:Image", "img");
        const image = only(e, DOCKER_BUILD, "v1");
        assert.strictEqual(image.parent, component.urn);
        assert.strictEqual(image.version, "0.0.14");
        const canonical = `${repositoryUrl}:v1`;
        assert.deepStrictEqual(image.inputs.tags, [canonical]);
        assert.deepStrictEqual(image.inputs.context, { location: "./app" });
        assert.deepStrictEqual(image.inputs.dockerfile, { location: "./app/Dockerfile" });
        assert.deepStrictEqual(image.inputs.buildArgs, { MODE: "prod" });
        assert.deepStrictEqual(image.inputs.platforms, ["linux/amd64"]);
        assert.deepStrictEqual(image.inputs.cacheFrom, [{ registry: { ref: canonical } }]);
        assert.deepStrictEqual(image.inputs.cacheTo, [{ inline: {} }]);
        assert.deepStrictEqual(
            [image.inputs.push, image.inputs.buildOnPreview, image.inputs.network],
            [true, true, "default"],
        );
        const token = e.calls.find((c) => c.token === "aws:ecr/getAuthorizationToken:getAuthorizationToken");
        assert.deepStrictEqual(token?.inputs, { registryId: "123456789012" }, "the account of the URL's host");
        // The login the token lookup gives, secret as ECR's credentials are (the wire's secret
        // signature wraps the list, as the deserialized inputs hold it).
        assert.ok(token?.answered);
        assert.ok(isRpcSecret(image.inputs.registries), "the registry login is secret");
        assert.deepStrictEqual(
            (image.inputs.registries as { value: { address: string; username: string }[] }).value.map((r) => [
                r.address,
                r.username,
            ]),
            [["https://123456789012.dkr.ecr.us-east-1.amazonaws.com", "AWS"]],
        );
    });

    it("names an untagged image by a hash of its build, and builds from '.' by default", async () => {
        const e = await evaluate({ program: () => void new Image("img", { repositoryUrl }), stack: "dev" });
        const expected = createUniqueImageName({}, "dev");
        assert.match(expected, /^[0-9a-f]{8}-container$/);
        const image = only(e, DOCKER_BUILD, expected);
        assert.deepStrictEqual(image.inputs.context, { location: "." });
        assert.deepStrictEqual(image.inputs.tags, [`${repositoryUrl}:${expected}`]);
    });

    it("registers no image in a preview while the repository's URL is unknown, as the provider builds inside an apply", async () => {
        const e = await evaluate({
            preview: true,
            program: () => {
                const repo = new Repository("app", {});
                new Image("img", { repositoryUrl: repo.url });
            },
        });
        assert.strictEqual(e.resources.filter((r) => r.type === DOCKER_BUILD).length, 0);
        only(e, "awsx:ecr:Image", "img");
    });

    it("refuses an image without a repository URL, as the SDK class does", () => {
        assert.throws(() => new Image("img", {} as any), /Missing required property 'repositoryUrl'/);
    });

    it("reads the registry id, and refuses an answered token without credentials", () => {
        assert.strictEqual(registryIdOf("https://111122223333.dkr.ecr.eu-west-1.amazonaws.com/x"), "111122223333");
        assert.deepStrictEqual(
            credentialsFrom({ id: "r", proxyEndpoint: "https://e", userName: "AWS", password: "p" }),
            {
                address: "https://e",
                username: "AWS",
                password: "p",
            },
        );
        assert.throws(() => credentialsFrom({ id: "r", proxyEndpoint: "https://e" }), /Invalid credentials/);
        assert.strictEqual(removeTagFromRef("r/app:v1@sha256:abc"), "r/app@sha256:abc");
    });
});

describe("awsx.ecr.RegistryImage under the harness", () => {
    it("tags the source image in the repository and pushes it through a docker provider of its name", async () => {
        const repositoryUrl = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app";
        const e = await evaluate({
            program: () =>
                void new RegistryImage("mirror", {
                    repositoryUrl,
                    sourceImage: "nginx:1.27",
                    tag: "v2",
                    triggers: { release: "7" },
                }),
        });
        const component = only(e, "awsx:ecr:RegistryImage", "mirror");
        const provider = only(e, "pulumi:providers:docker", "mirror");
        assert.notStrictEqual(provider.parent, component.urn, "the provider gives it no parent");
        const tag = only(e, "docker:index/tag:Tag", "mirror");
        assert.strictEqual(tag.parent, component.urn);
        assert.strictEqual(tag.inputs.targetImage, `${repositoryUrl}:v2`);
        const image = only(e, "docker:index/registryImage:RegistryImage", "mirror");
        assert.strictEqual(image.inputs.name, `${repositoryUrl}:v2`);
        // The source image's id joins the triggers; the mocks do not answer docker's lookup, so it is left out.
        assert.deepStrictEqual(image.inputs.triggers, { release: "7" });
        assert.strictEqual(image.inputs.repositoryUrl, undefined, "docker's class sends only its own inputs");
        assert.ok(image.provider?.startsWith(provider.urn));
        assert.ok(
            e.calls.some(
                (c) => c.token === "docker:index/getRemoteImage:getRemoteImage" && c.inputs.name === "nginx:1.27",
            ),
        );
    });
});
