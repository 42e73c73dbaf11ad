// A Kubernetes tier on EKS, in the shape of pulumi/examples' aws-ts-eks and aws-ts-eks-gpu-dra:
// awsx's VPC, an eks.Cluster whose default node group is left out, and a managed node group in
// the private subnets that a team made reachable over SSH for debugging with a key pair and no
// source security groups. EKS then opens port 22 on the nodes to 0.0.0.0/0 through a security
// group of its own, outside the program (EKS User Guide, "remoteAccess"). The eks provider builds
// the cluster's roles, security groups, addons and node group; the check builds them as it does.
import * as awsx from "@pulumi/awsx";
import * as eks from "@pulumi/eks";

const vpc = new awsx.ec2.Vpc("k8s", { numberOfAvailabilityZones: 2 });

const cluster = new eks.Cluster("k8s", {
    vpcId: vpc.vpcId,
    publicSubnetIds: vpc.publicSubnetIds,
    privateSubnetIds: vpc.privateSubnetIds,
    authenticationMode: eks.AuthenticationMode.Api,
    skipDefaultNodeGroup: true,
    createInstanceRole: true,
});

new eks.ManagedNodeGroup("workers", {
    cluster,
    nodeRoleArn: cluster.core.apply((core) => core.instanceRoles[0].arn),
    subnetIds: vpc.privateSubnetIds,
    instanceTypes: ["t3.large"],
    scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 },
    remoteAccess: { ec2SshKey: "ops" },
});

export const kubeconfig = cluster.kubeconfig;
