// Sound: SSH from a managed prefix list the stack defines (the office and VPN ranges, one
// inline, one added as a separate entry), all inside the policy config's allowSshFrom.
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("office");
    const offices = new aws.ec2.ManagedPrefixList("offices", {
        name: "offices",
        addressFamily: "IPv4",
        maxEntries: 5,
        entries: [{ cidr: "203.0.113.0/25", description: "HQ" }],
    });
    new aws.ec2.ManagedPrefixListEntry("offices-vpn", {
        prefixListId: offices.id,
        cidr: "203.0.113.128/26",
        description: "VPN",
    });
    const group = new aws.ec2.SecurityGroup("admin-sg", { vpcId: net.vpc.id });
    new aws.vpc.SecurityGroupIngressRule("admin-ssh", {
        securityGroupId: group.id,
        prefixListId: offices.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
    });
    new aws.ec2.Instance("admin", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [group.id],
    });
}
