// SSH keys handed to managed services, which open port 22 in security groups of their own: an EKS
// node group given a key and no source groups (EKS opens 22 to the internet), a Beanstalk
// environment given a key pair and no SSHSourceRestriction (its group admits 22 from anywhere).
// The sound forms next to them: a node group whose SSH is limited to the bastion's group, a
// Beanstalk environment restricted to the office range. Both environments keep Beanstalk's
// default balancer (classic, HTTP only), which the TLS rule refuses.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("mk");
    const bastion = new aws.ec2.SecurityGroup("mk-bastion-sg", { vpcId: net.vpc.id });
    const cluster = new aws.eks.Cluster("mk-cluster", {
        roleArn: "arn:aws:iam::123456789012:role/eks-cluster",
        vpcConfig: { subnetIds: net.privateSubnets.map((s) => s.id) },
    });
    const nodes = (name: string, remoteAccess: aws.types.input.eks.NodeGroupRemoteAccess) =>
        new aws.eks.NodeGroup(name, {
            clusterName: cluster.name,
            nodeRoleArn: "arn:aws:iam::123456789012:role/eks-nodes",
            subnetIds: net.privateSubnets.map((s) => s.id),
            scalingConfig: { desiredSize: 2, maxSize: 3, minSize: 2 },
            remoteAccess,
        });
    nodes("mk-nodes-open", { ec2SshKey: "ops" });
    nodes("mk-nodes-bastion", { ec2SshKey: "ops", sourceSecurityGroupIds: [bastion.id] });

    const app = new aws.elasticbeanstalk.Application("mk-app", {});
    const environment = (name: string, extra: { name: string; value: string }[]) =>
        new aws.elasticbeanstalk.Environment(name, {
            application: app.name,
            solutionStackName: "64bit Amazon Linux 2023 v4.5.0 running PHP 8.3",
            settings: [
                { namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" },
                ...extra.map((s) => ({ namespace: "aws:autoscaling:launchconfiguration", ...s })),
            ],
        });
    environment("mk-web-open", []);
    environment("mk-web-office", [{ name: "SSHSourceRestriction", value: "tcp, 22, 22, 203.0.113.0/24" }]);
}
