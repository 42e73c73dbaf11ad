/**
 * `awsx:ecr:RegistryImage`, built as the awsx provider builds it (follows pulumi-awsx
 * awsx/ecr/registryImage.ts): an existing image (`sourceImage`) tagged `<repositoryUrl>:<tag>`
 * ("latest" by default) and pushed, through a docker provider of the component's name logged in
 * to the registry. The provider gives that docker provider no parent (so it sits at the stack),
 * looks the source image up (`docker.getRemoteImage`) to push again when it changes, and
 * registers a docker Tag and RegistryImage inside the component with that provider.
 *
 * The docker resources are registered as `@pulumi/docker`'s SDK classes register them, without
 * loading that package (the awsx provider bundles it; the project does not depend on it), with
 * the version the provider bundles (pulumi-awsx awsx/package.json: @pulumi/docker 4.6.0).
 */
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType } from "../../../component-args";
import { sdkArgs } from "../../../component-args";
import { getDockerCredentials } from "./auth";

const TYPE = "awsx:ecr:RegistryImage";
export const DOCKER_VERSION = "4.6.0";

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.ecr.RegistryImageArgs)[] = [
    "insecureSkipVerify",
    "keepRemotely",
    "repositoryUrl",
    "sourceImage",
    "tag",
    "triggers",
];

/** The trigger the source adds so that a changed source image is pushed again. */
export const SOURCE_IMAGE_TRIGGER = "@pulumi/awsx/internal/sourceImage";

/** docker's Provider, as its SDK class registers it: list-valued settings go as JSON text. */
class DockerProvider extends pulumi.ProviderResource {
    constructor(name: string, registryAuth: pulumi.Input<unknown>[]) {
        super(
            "docker",
            name,
            {
                host: process.env.DOCKER_HOST,
                registryAuth: pulumi.output(registryAuth).apply((auth) => JSON.stringify(auth)),
            },
            { version: DOCKER_VERSION },
        );
    }
}

/** docker's Tag, as its SDK class registers it (`sourceImageId` out). */
class DockerTag extends pulumi.CustomResource {
    declare readonly targetImage: pulumi.Output<string>;

    constructor(
        name: string,
        args: { sourceImage: pulumi.Input<string | undefined>; targetImage: pulumi.Input<string> },
        opts: pulumi.CustomResourceOptions,
    ) {
        super(
            "docker:index/tag:Tag",
            name,
            { sourceImage: args.sourceImage, targetImage: args.targetImage, sourceImageId: undefined },
            { version: DOCKER_VERSION, ...opts },
        );
    }
}

/** docker's RegistryImage, as its SDK class registers it (its inputs, and `sha256Digest` out). */
class DockerRegistryImage extends pulumi.CustomResource {
    constructor(name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
        super(
            "docker:index/registryImage:RegistryImage",
            name,
            {
                authConfig: args.authConfig,
                build: args.build,
                insecureSkipVerify: args.insecureSkipVerify,
                keepRemotely: args.keepRemotely,
                name: args.name,
                triggers: args.triggers,
                sha256Digest: undefined,
            },
            { version: DOCKER_VERSION, ...opts },
        );
    }
}

export class RegistryImage extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is RegistryImage {
        return hasPulumiType(obj, TYPE);
    }

    /** docker's RegistryImage (typed loosely: the project does not depend on @pulumi/docker). */
    readonly image: pulumi.Output<pulumi.CustomResource>;

    /**
     * @param args the SDK's RegistryImageArgs: `repositoryUrl` and `sourceImage` (required), `tag`,
     *   `triggers`, `insecureSkipVerify`, `keepRemotely`.
     */
    constructor(name: string, args: awsx.ecr.RegistryImageArgs, opts?: pulumi.ComponentResourceOptions) {
        // The SDK class's own checks, before anything is registered.
        if (args?.repositoryUrl === undefined && !opts?.urn)
            throw new Error("Missing required property 'repositoryUrl'");
        if (args?.sourceImage === undefined && !opts?.urn) throw new Error("Missing required property 'sourceImage'");
        super(TYPE, name, {}, opts);
        const sent = sdkArgs(args, SDK_ARGS);

        const creds = pulumi
            .output(sent.repositoryUrl)
            .apply((url) => getDockerCredentials({ repositoryUrl: url }, { parent: this }));
        // docker's Provider sends its list-valued settings as JSON text, as its SDK class does.
        const provider = new DockerProvider(name, [creds]);

        const sourceImage = pulumi.runtime.invokeOutput<{ id?: string }>(
            "docker:index/getRemoteImage:getRemoteImage",
            { name: sent.sourceImage },
            { parent: this, provider, version: DOCKER_VERSION },
        );
        const tagName = sent.tag ? sent.tag : "latest";
        const tag = new DockerTag(
            name,
            { sourceImage: sourceImage.id, targetImage: pulumi.interpolate`${sent.repositoryUrl}:${tagName}` },
            { parent: this, provider },
        );

        const image = new DockerRegistryImage(
            name,
            {
                ...sent,
                name: tag.targetImage,
                // Spread as the source spreads it: a plain map of triggers is what it expects.
                triggers: {
                    ...(sent.triggers as Record<string, pulumi.Input<string>> | undefined),
                    [SOURCE_IMAGE_TRIGGER]: sourceImage.id,
                },
            },
            { parent: this, provider },
        );
        this.image = pulumi.output(image);
    }
}
