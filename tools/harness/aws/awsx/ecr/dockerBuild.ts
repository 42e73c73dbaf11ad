/**
 * The docker-build provider's Image, registered as `@pulumi/docker-build`'s SDK class registers
 * it, without loading that package (the awsx provider bundles it; the project does not depend on
 * it): the type token, the inputs the class sends (its defaults `buildOnPreview: true` and
 * `network: "default"` included), its output properties, and the SDK version the awsx provider
 * bundles (pulumi-awsx awsx/package.json: @pulumi/docker-build 0.0.14), which names the engine's
 * default docker-build provider. Under the harness it is mocked as any resource of an unknown
 * provider is.
 */
import * as pulumi from "@pulumi/pulumi";

export const DOCKER_BUILD_VERSION = "0.0.14";

/** The docker-build Image arguments the awsx image sets (docker-build's ImageArgs, in part). */
export interface DockerBuildImageArgs {
    tags?: pulumi.Input<pulumi.Input<string>[]>;
    buildArgs?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    cacheFrom?: pulumi.Input<pulumi.Input<Record<string, any>>[]>;
    cacheTo?: pulumi.Input<pulumi.Input<Record<string, any>>[]>;
    context?: pulumi.Input<{ location: pulumi.Input<string> }>;
    dockerfile?: pulumi.Input<{ location?: pulumi.Input<string> }>;
    platforms?: pulumi.Input<pulumi.Input<string>[]>;
    target?: pulumi.Input<string>;
    push: pulumi.Input<boolean>;
    registries?: pulumi.Input<pulumi.Input<Record<string, any>>[]>;
}

/** docker-build's `Image`: what its SDK class registers for these arguments. */
export class DockerBuildImage extends pulumi.CustomResource {
    declare readonly ref: pulumi.Output<string>;
    declare readonly digest: pulumi.Output<string>;

    constructor(name: string, args: DockerBuildImageArgs, opts: pulumi.CustomResourceOptions) {
        if (args.push === undefined) throw new Error("Missing required property 'push'");
        super(
            "docker-build:index:Image",
            name,
            {
                buildArgs: args.buildArgs,
                buildOnPreview: true,
                cacheFrom: args.cacheFrom,
                cacheTo: args.cacheTo,
                context: args.context,
                dockerfile: args.dockerfile,
                network: "default",
                platforms: args.platforms,
                push: args.push,
                registries: args.registries,
                tags: args.tags,
                target: args.target,
                contextHash: undefined,
                digest: undefined,
                ref: undefined,
            },
            { version: DOCKER_BUILD_VERSION, ...opts },
        );
    }
}
