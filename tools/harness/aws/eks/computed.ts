/**
 * What AWS computes for an `aws:eks/cluster:Cluster` once it exists (the EKS DescribeCluster fields
 * terraform-provider-aws's aws_eks_cluster reads back), for the harness's AWS mocks to fill in: the
 * eks provider reads them all (the kubeconfig's server and CA, the OIDC issuer, the service CIDR
 * its node user data passes to the bootstrap, the EKS-made cluster security group). Called by the
 * AWS mocks' `created` (aws.ts).
 *
 * Shapes as EKS returns them: an endpoint `https://<32 uppercase hex>.gr7.<region>.eks.amazonaws.com`,
 * an issuer `https://oidc.eks.<region>.amazonaws.com/id/<32 uppercase hex>`, and, unless the
 * cluster names one, a service CIDR EKS picks so that it does not overlap the VPC: 10.100.0.0/16,
 * or 172.20.0.0/16 for a VPC in 10.0.0.0/8 (the subnets' VPC is not known here: 10.100.0.0/16 when
 * it cannot be told). The Kubernetes version EKS defaults to changes over time: it stays unset
 * unless the cluster names one.
 */
import { createHash } from "crypto";

/** 32 uppercase hex digits stable for the cluster's id, as EKS's endpoint and issuer ids look. */
function clusterHex(id: string): string {
    return createHash("sha256").update(id).digest("hex").slice(0, 32).toUpperCase();
}

/** Fills in `state` (the cluster's inputs) with what EKS computes for the created cluster. */
export function eksClusterComputed(
    state: Record<string, any>,
    id: string,
    region: string,
    vpcCidr?: string,
    clusterSecurityGroupId?: string,
): void {
    const hex = clusterHex(id);
    state.endpoint = `https://${hex}.gr7.${region}.eks.amazonaws.com`;
    state.certificateAuthority = {
        data: Buffer.from(`-----BEGIN CERTIFICATE-----\nMOCK${hex}\n-----END CERTIFICATE-----\n`).toString("base64"),
    };
    state.identities = [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${hex}` }] }];
    const network = { ...(state.kubernetesNetworkConfig ?? {}) };
    network.ipFamily = network.ipFamily ?? "ipv4";
    if (network.ipFamily === "ipv4" && network.serviceIpv4Cidr === undefined)
        network.serviceIpv4Cidr = vpcCidr?.startsWith("10.") ? "172.20.0.0/16" : "10.100.0.0/16";
    state.kubernetesNetworkConfig = network;
    state.vpcConfig = {
        ...(state.vpcConfig ?? {}),
        clusterSecurityGroupId: clusterSecurityGroupId ?? `sg-${hex.slice(0, 17).toLowerCase()}`,
    };
    state.accessConfig = { authenticationMode: "CONFIG_MAP", ...(state.accessConfig ?? {}) };
    state.platformVersion = "eks.1";
    state.status = "ACTIVE";
}

/**
 * A new launch template's versions, as EC2 numbers them: the first is 1, and the default and
 * latest version of a new template (the self-managed node groups' autoscaling group names it).
 */
export function launchTemplateComputed(state: Record<string, any>): void {
    state.latestVersion = state.latestVersion ?? 1;
    state.defaultVersion = state.defaultVersion ?? 1;
}

/** The computed fields of the types the eks provider reads, by type, for the AWS mocks' `created`. */
export const EKS_COMPUTED: Readonly<Record<string, (state: Record<string, any>, id: string, region: string) => void>> =
    {
        "aws:eks/cluster:Cluster": (state, id, region) => eksClusterComputed(state, id, region),
        "aws:ec2/launchTemplate:LaunchTemplate": (state) => launchTemplateComputed(state),
    };
