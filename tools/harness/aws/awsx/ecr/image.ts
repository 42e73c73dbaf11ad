/**
 * `awsx:ecr:Image`, built as the awsx provider builds it (follows pulumi-awsx awsx/ecr/image.ts):
 * once all its arguments are known (the provider builds inside an apply, so a preview with an
 * unknown repository URL registers no image, as under the engine), a docker-build Image named as
 * the image (imageName.ts), tagged `<repositoryUrl>:<name>`, built from `context` (default ".")
 * and pushed with the registry's ECR credentials (auth.ts), cached inline.
 */
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType } from "../../../component-args";
import { sdkArgs } from "../../../component-args";
import { getDockerCredentials } from "./auth";
import { DockerBuildImage, DockerBuildImageArgs } from "./dockerBuild";
import { imageNameOf, imageUriOf } from "./imageName";

const TYPE = "awsx:ecr:Image";

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.ecr.ImageArgs)[] = [
    "args",
    "builderVersion",
    "cacheFrom",
    "context",
    "dockerfile",
    "imageName",
    "imageTag",
    "platform",
    "registryId",
    "repositoryUrl",
    "target",
];

/** The docker-build arguments for the image (the source's `dockerImageArgs`). */
export function dockerImageArgs(
    args: pulumi.Unwrap<awsx.ecr.ImageArgs>,
    canonicalImageName: string,
    registryCredentials: pulumi.Input<Record<string, any>>,
): DockerBuildImageArgs {
    // The source uses an inline cache by default: the image's own tag.
    const cacheFrom = (args.cacheFrom ?? []).map((ref) => ({ registry: { ref } }));
    if (cacheFrom.length === 0) cacheFrom.push({ registry: { ref: canonicalImageName } });
    return {
        tags: [canonicalImageName],
        buildArgs: args.args,
        cacheFrom,
        cacheTo: [{ inline: {} }],
        context: { location: args.context !== undefined ? args.context : "." },
        dockerfile: { location: args.dockerfile },
        platforms: args.platform ? [args.platform] : [],
        target: args.target,
        push: true,
        registries: [registryCredentials],
    };
}

export class Image extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is Image {
        return hasPulumiType(obj, TYPE);
    }

    /** The pushed image's URI: `<repositoryUrl>@<digest>` once built. */
    readonly imageUri: pulumi.Output<string>;

    /**
     * @param args the SDK's ImageArgs: `repositoryUrl` (required), the build (`context`,
     *   `dockerfile`, `args`, `target`, `platform`, `cacheFrom`), and naming (`imageName`,
     *   `imageTag`, `registryId`).
     */
    constructor(name: string, args: awsx.ecr.ImageArgs, opts?: pulumi.ComponentResourceOptions) {
        // The SDK class's own check, before anything is registered.
        if (args?.repositoryUrl === undefined && !opts?.urn)
            throw new Error("Missing required property 'repositoryUrl'");
        super(TYPE, name, {}, opts);
        const sent = sdkArgs(args, SDK_ARGS);
        this.imageUri = pulumi.output(sent).apply((known) => this.build(known));
        this.registerOutputs({ imageUri: this.imageUri });
    }

    /** computeImageFromAsset: the docker-build image, and the URI it is pushed to. */
    private build(args: pulumi.Unwrap<awsx.ecr.ImageArgs>): pulumi.Output<string> {
        const { repositoryUrl, registryId } = args;
        const imageName = imageNameOf(args, pulumi.getStack());
        // The tag, if given, is part of the image name.
        const canonicalImageName = `${repositoryUrl}:${imageName}`;
        const registryCredentials = getDockerCredentials({ repositoryUrl, registryId }, { parent: this });
        const image = new DockerBuildImage(imageName, dockerImageArgs(args, canonicalImageName, registryCredentials), {
            parent: this,
        });
        return pulumi
            .all([image.ref, image.digest])
            .apply(([ref, digest]) => imageUriOf(repositoryUrl, canonicalImageName, ref, digest));
    }
}
