/**
 * The eks provider's small helpers (follows pulumi-eks v4.3.0 nodejs/eks/utilities.ts, Apache-2.0):
 * the region an ARN names, which the kubeconfig's `aws eks get-token --region` takes from the
 * cluster's ARN, and the plain-object test the VPC CNI's configuration merge uses. `getVersion`
 * (the provider's own package version) has no counterpart here: nothing registered depends on it.
 */

/** Whether `obj` is a non-null object that is not an array. */
export function isObject(obj: unknown): obj is Record<string, any> {
    return obj !== null && typeof obj === "object" && !Array.isArray(obj);
}

/** The region field of an ARN ("arn:aws:eks:us-west-2:..." gives "us-west-2"); throws on a malformed one. */
export function getRegionFromArn(arn: string): string {
    const arnParts = arn.split(":");
    if (arnParts.length < 4 || arnParts[0] !== "arn") {
        throw new Error(`Invalid ARN: '${arn}'`);
    }
    return arnParts[3];
}
