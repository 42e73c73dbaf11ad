// A VPC whose default (main) route table is managed to send 0.0.0.0/0 to the internet gateway;
// the database's subnets have no association of their own, so they use it and are public.
import * as aws from "@pulumi/aws";

export = function program() {
    const vpc = new aws.ec2.Vpc("flat-vpc", { cidrBlock: "10.50.0.0/16" });
    const igw = new aws.ec2.InternetGateway("flat-igw", { vpcId: vpc.id });
    new aws.ec2.DefaultRouteTable("flat-main", {
        defaultRouteTableId: vpc.defaultRouteTableId,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
    });
    const subnets = ["eu-west-1a", "eu-west-1b"].map(
        (zone, i) =>
            new aws.ec2.Subnet(`flat-data-${i + 1}`, {
                vpcId: vpc.id,
                cidrBlock: `10.50.${i}.0/24`,
                availabilityZone: zone,
            }),
    );
    const app = new aws.ec2.SecurityGroup("flat-app-sg", { vpcId: vpc.id });
    new aws.ec2.Instance("flat-app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.small",
        subnetId: subnets[0].id,
        vpcSecurityGroupIds: [app.id],
    });
    const db = new aws.ec2.SecurityGroup("flat-db-sg", {
        vpcId: vpc.id,
        ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: [app.id] }],
    });
    const group = new aws.rds.SubnetGroup("flat-db-subnets", { subnetIds: subnets.map((s) => s.id) });
    new aws.rds.Instance("flat-db", {
        engine: "mysql",
        instanceClass: "db.t4g.small",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
        dbSubnetGroupName: group.name,
        vpcSecurityGroupIds: [db.id],
        storageEncrypted: true,
        skipFinalSnapshot: true,
    });
}
