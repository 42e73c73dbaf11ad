// A first two-server tier written against one Availability Zone: both public subnets and both
// private subnets in eu-west-1a (the second pair was copied and only its CIDR changed). AWS
// refuses the application load balancer and the DB subnet group at create, after the VPC and
// subnets already exist. (The balancer has no listener yet, so the TLS rule refuses it too.)
import * as aws from "@pulumi/aws";

export = function program() {
    const vpc = new aws.ec2.Vpc("oz-vpc", { cidrBlock: "10.50.0.0/16", enableDnsHostnames: true });
    const subnet = (name: string, cidr: string) =>
        new aws.ec2.Subnet(name, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: "eu-west-1a" });
    const publicSubnets = [subnet("oz-public-1", "10.50.0.0/24"), subnet("oz-public-2", "10.50.1.0/24")];
    const privateSubnets = [subnet("oz-private-1", "10.50.10.0/24"), subnet("oz-private-2", "10.50.11.0/24")];
    const lbGroup = new aws.ec2.SecurityGroup("oz-lb-sg", { vpcId: vpc.id });
    new aws.lb.LoadBalancer("oz-alb", {
        loadBalancerType: "application",
        subnets: publicSubnets.map((s) => s.id),
        securityGroups: [lbGroup.id],
    });
    new aws.rds.SubnetGroup("oz-db-subnets", { subnetIds: privateSubnets.map((s) => s.id) });
};
