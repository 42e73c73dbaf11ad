/**
 * The StorageClasses a cluster creates at the user's request (follows pulumi-eks v4.3.0
 * nodejs/eks/cluster/storageclass.ts, Apache-2.0): a `kubernetes.io/aws-ebs` class with the EBS
 * volume type and options as its parameters, annotated as the default class when asked.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as k8sInputs from "@pulumi/kubernetes/types/input";
import * as pulumi from "@pulumi/pulumi";

/** The EBS volume types an EKS storage class takes. */
export type EBSVolumeType = "io1" | "gp2" | "sc1" | "st1";

export interface StorageClass {
    type: pulumi.Input<EBSVolumeType>;
    zones?: pulumi.Input<pulumi.Input<string>[]>;
    iopsPerGb?: pulumi.Input<number>;
    encrypted?: pulumi.Input<boolean>;
    kmsKeyId?: pulumi.Input<string>;
    default?: pulumi.Input<boolean>;
    allowVolumeExpansion?: pulumi.Input<boolean>;
    metadata?: pulumi.Input<k8sInputs.meta.v1.ObjectMeta>;
    mountOptions?: pulumi.Input<string[]>;
    reclaimPolicy?: pulumi.Input<string>;
    volumeBindingMode?: pulumi.Input<string>;
}

/** The class's metadata: the user's, with the default-class annotation when `isDefault`. */
export function storageClassMetadata(m: Record<string, any>, isDefault: boolean | undefined): Record<string, any> {
    if (isDefault) {
        m.annotations = { ...(m.annotations || {}), "storageclass.kubernetes.io/is-default-class": "true" };
    }
    return m;
}

/** One Kubernetes StorageClass. */
export function createStorageClass(
    name: string,
    storageClass: StorageClass,
    opts: pulumi.CustomResourceOptions,
): k8s.storage.v1.StorageClass {
    const metadata = pulumi
        .all([storageClass.metadata || {}, storageClass.default])
        .apply(([m, isDefault]) => storageClassMetadata(m as Record<string, any>, isDefault));

    const parameters: { [key: string]: pulumi.Input<string> } = { type: storageClass.type };
    if (storageClass.zones) {
        parameters["zones"] = pulumi.output(storageClass.zones).apply((v) => v.join(", "));
    }
    if (storageClass.iopsPerGb) {
        parameters["iopsPerGb"] = pulumi.output(storageClass.iopsPerGb).apply((v) => `${v}`);
    }
    if (storageClass.encrypted) {
        parameters["encrypted"] = pulumi.output(storageClass.encrypted).apply((v) => `${v}`);
    }
    if (storageClass.kmsKeyId) {
        parameters["kmsKeyId"] = storageClass.kmsKeyId;
    }

    return new k8s.storage.v1.StorageClass(
        name,
        {
            metadata,
            provisioner: "kubernetes.io/aws-ebs",
            parameters,
            allowVolumeExpansion: storageClass.allowVolumeExpansion,
            mountOptions: storageClass.mountOptions,
            reclaimPolicy: storageClass.reclaimPolicy,
            volumeBindingMode: storageClass.volumeBindingMode,
        },
        opts,
    );
}
