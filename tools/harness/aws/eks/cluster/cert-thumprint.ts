/**
 * The thumbprint the cluster's IAM OIDC provider trusts (stands in for pulumi-eks v4.3.0
 * nodejs/eks/cluster/cert-thumprint.ts, Apache-2.0). The provider connects over TLS to
 * `https://oidc.eks.<region>.<dns suffix>` and takes the SHA-1 fingerprint of the root CA at the
 * top of the chain it is served. The check makes no network calls; every EKS OIDC issuer is served
 * under the same root CA (Amazon's, through Starfield), whose thumbprint AWS publishes and which
 * the provider's lookup returns for every region: "9e99a48a9960b14926bb7f3b02e22da2b0ab7280".
 */
import * as pulumi from "@pulumi/pulumi";

/** The published SHA-1 thumbprint of the root CA that serves every EKS OIDC issuer. */
export const EKS_OIDC_ROOT_CA_THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

/**
 * The issuer's root CA thumbprint, known once the issuer URL is (as the provider's lookup is made
 * from it), without the lookup.
 */
export function getIssuerCAThumbprint(issuerUrl: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.output(issuerUrl).apply(() => EKS_OIDC_ROOT_CA_THUMBPRINT);
}
