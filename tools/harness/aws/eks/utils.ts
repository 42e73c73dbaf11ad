/**
 * The eks provider's shared types (follows pulumi-eks v4.3.0 nodejs/eks/utils.ts, Apache-2.0): tags
 * that may hold Outputs, and the map of the StorageClasses a cluster creates for the user.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** A tag map whose values (or the map itself) may be computed. */
export type InputTags = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;

/**
 * The StorageClasses the cluster created at the user's request, by key (not the `gp2` class EKS
 * makes itself).
 */
export type UserStorageClasses = pulumi.Output<{ [key: string]: k8s.storage.v1.StorageClass }>;
