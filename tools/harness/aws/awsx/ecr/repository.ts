/**
 * `awsx:ecr:Repository`, built as the awsx provider builds it (follows pulumi-awsx
 * awsx/ecr/repository.ts): an ECR repository named as the component, lowercased (ECR takes no
 * capitals), with the program's arguments, and unless `lifecyclePolicy.skip`, a lifecycle policy
 * of the same name (lifecyclePolicy.ts), in the repository's region when one is given.
 */
import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { hasPulumiType } from "../../../component-args";
import { sdkArgs } from "../../../component-args";
import { buildLifecyclePolicy } from "./lifecyclePolicy";

const TYPE = "awsx:ecr:Repository";

/** The inputs the SDK class sends (awsx 3.9's generated constructor). */
const SDK_ARGS: readonly (keyof awsx.ecr.RepositoryArgs)[] = [
    "encryptionConfigurations",
    "forceDelete",
    "imageScanningConfiguration",
    "imageTagMutability",
    "imageTagMutabilityExclusionFilters",
    "lifecyclePolicy",
    "name",
    "region",
    "tags",
];

export class Repository extends pulumi.ComponentResource {
    /** @internal */
    static readonly __pulumiType = TYPE;

    static isInstance(obj: unknown): obj is Repository {
        return hasPulumiType(obj, TYPE);
    }

    /** The lifecycle policy; undefined when skipped. */
    readonly lifecyclePolicy: pulumi.Output<aws.ecr.LifecyclePolicy | undefined>;
    readonly repository: pulumi.Output<aws.ecr.Repository>;
    /** The repository's URL (`repositoryUrl`). */
    readonly url: pulumi.Output<string>;

    /**
     * @param args the SDK's RepositoryArgs: the ECR repository's arguments plus `lifecyclePolicy`
     *   (`rules`, or `skip`).
     */
    constructor(name: string, args?: awsx.ecr.RepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const lowerCaseName = name.toLowerCase();
        const { lifecyclePolicy, ...repoArgs } = sdkArgs(args, SDK_ARGS);

        const repository = new aws.ecr.Repository(lowerCaseName, repoArgs, { parent: this });

        let policy: aws.ecr.LifecyclePolicy | undefined;
        if (!lifecyclePolicy?.skip) {
            policy = new aws.ecr.LifecyclePolicy(
                lowerCaseName,
                {
                    repository: repository.name,
                    policy: buildLifecyclePolicy(lifecyclePolicy),
                    // The source threads the component's region to the policy (pulumi-awsx #1935).
                    ...(repoArgs.region !== undefined ? { region: repoArgs.region } : {}),
                },
                { parent: this },
            );
        }

        this.repository = pulumi.output(repository);
        this.url = repository.repositoryUrl;
        this.lifecyclePolicy = pulumi.output(policy);
        // What the provider's component registers as its outputs.
        this.registerOutputs({ repository, lifecyclePolicy: policy });
    }
}
