/**
 * The names an awsx image is built and pushed under (follows pulumi-awsx awsx/ecr/image.ts,
 * computeImageFromAsset / createUniqueImageName / removeTagFromRef, and utils.ts sha1hash). Pure.
 */
import { sha1hash } from "../../utils";

/** The build inputs the unique name hashes. */
export interface BuildSignatureInputs {
    context?: string;
    dockerfile?: string;
    args?: Record<string, string>;
}

/**
 * The name an image with neither `imageName` nor `imageTag` gets: a hash of its context,
 * Dockerfile, build args and the stack's name, so that it changes when they do.
 */
export function createUniqueImageName(inputs: BuildSignatureInputs, stack: string): string {
    const { context, dockerfile, args } = inputs;
    let buildSig = context ?? ".";
    if (dockerfile) buildSig += `;dockerfile=${dockerfile}`;
    if (args) for (const arg of Object.keys(args)) buildSig += `;arg[${arg}]=${args[arg]}`;
    buildSig += stack;
    return `${sha1hash(buildSig)}-container`;
}

/** The image's name: `imageName`, else `imageTag`, else the unique name. */
export function imageNameOf(
    args: BuildSignatureInputs & { imageName?: string; imageTag?: string },
    stack: string,
): string {
    return args.imageName ? args.imageName : args.imageTag ? args.imageTag : createUniqueImageName(args, stack);
}

/** An image reference without its tag (`repo:tag@sha256:…` to `repo@sha256:…`). */
export function removeTagFromRef(ref: string): string {
    return ref.replace(/^(.*):([^@]+)(@sha256:.+)$/, "$1$3");
}

/** The image URI the component outputs: by digest when known, else the untagged ref, else the name. */
export function imageUriOf(repositoryUrl: string, canonicalImageName: string, ref?: string, digest?: string): string {
    if (digest) return `${repositoryUrl}@${digest}`;
    if (ref) return removeTagFromRef(ref);
    return canonicalImageName;
}
