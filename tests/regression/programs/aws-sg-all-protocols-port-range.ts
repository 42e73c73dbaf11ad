// The app servers' group lets its members talk to each other on "everything", written as
// protocol "-1" over ports 0-65535, as in many examples: the provider creates the group, then
// refuses its rules ("must both be 0 to use the 'ALL' protocol"), and `pulumi up` stops halfway.
// (Port 80 from the other app servers is also more than the balancer.)
import * as aws from "@pulumi/aws";
import { network } from "./network";

export = function program() {
    const net = network("mesh");
    const app = new aws.ec2.SecurityGroup("mesh-app-sg", {
        vpcId: net.vpc.id,
        description: "app servers",
        ingress: [{ description: "app servers among themselves", protocol: "-1", fromPort: 0, toPort: 65535, self: true }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new aws.ec2.Instance("mesh-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: net.privateSubnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
}
