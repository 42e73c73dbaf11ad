// Three ways a Laravel tier runs without instances of its own, each admitted to its database by
// the group its compute really sits in: an EKS managed node group (the cluster security group EKS
// makes and puts the nodes in), an App Runner service's VPC connector (all its outbound traffic to
// the VPC), and an Elastic Beanstalk worker environment's instances (its SecurityGroups launch
// configuration option). The fourth database admits a group nothing runs in. Only it is refused.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { network } from "./network";

export = function program() {
    const net = network("managed");
    const privateIds = net.privateSubnets.map((s) => s.id);
    const database = (name: string, from: pulumi.Input<string>) => {
        const group = new aws.ec2.SecurityGroup(`${name}-db-sg`, { vpcId: net.vpc.id, description: `${name} database` });
        new aws.vpc.SecurityGroupIngressRule(`${name}-db-in`, {
            securityGroupId: group.id,
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            referencedSecurityGroupId: from,
        });
        const subnets = new aws.rds.SubnetGroup(`${name}-db-subnets`, { subnetIds: privateIds });
        new aws.rds.Instance(`${name}-db`, {
            engine: "postgres",
            instanceClass: "db.t4g.small",
            allocatedStorage: 20,
            username: "laravel",
            manageMasterUserPassword: true,
            dbSubnetGroupName: subnets.name,
            vpcSecurityGroupIds: [group.id],
            storageEncrypted: true,
        });
    };

    const cluster = new aws.eks.Cluster("managed-eks", {
        roleArn: "arn:aws:iam::123456789012:role/eks",
        vpcConfig: { subnetIds: privateIds, endpointPrivateAccess: true, endpointPublicAccess: false },
    });
    new aws.eks.NodeGroup("managed-nodes", {
        clusterName: cluster.name,
        nodeRoleArn: "arn:aws:iam::123456789012:role/eks-node",
        subnetIds: privateIds,
        scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
    });
    database("eks", cluster.vpcConfig.clusterSecurityGroupId);

    const runner = new aws.ec2.SecurityGroup("managed-runner-sg", { vpcId: net.vpc.id, description: "App Runner egress" });
    const connector = new aws.apprunner.VpcConnector("managed-connector", {
        vpcConnectorName: "managed-connector",
        subnets: privateIds,
        securityGroups: [runner.id],
    });
    new aws.apprunner.Service("managed-runner", {
        serviceName: "managed-runner",
        sourceConfiguration: { imageRepository: { imageIdentifier: "public.ecr.aws/nginx/nginx:latest", imageRepositoryType: "ECR_PUBLIC" } },
        networkConfiguration: { egressConfiguration: { egressType: "VPC", vpcConnectorArn: connector.arn } },
    });
    database("runner", runner.id);

    const instances = new aws.ec2.SecurityGroup("managed-eb-sg", { vpcId: net.vpc.id, description: "Beanstalk instances" });
    const app = new aws.elasticbeanstalk.Application("managed-app", {});
    // The queue workers: a worker tier environment (no balancer, no public port).
    new aws.elasticbeanstalk.Environment("managed-env", {
        application: app.name,
        tier: "Worker",
        solutionStackName: "64bit Amazon Linux 2023 v4.3.0 running PHP 8.3",
        settings: [
            { namespace: "aws:ec2:vpc", name: "VPCId", value: net.vpc.id },
            { namespace: "aws:autoscaling:launchconfiguration", name: "SecurityGroups", value: instances.id },
        ],
    });
    database("eb", instances.id);

    const idle = new aws.ec2.SecurityGroup("managed-idle-sg", { vpcId: net.vpc.id, description: "nothing runs here" });
    database("idle", idle.id);
}
