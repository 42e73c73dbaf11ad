// Transforms as the engine runs them. A platform-wide stack transform appends a vendor scanner's
// SSH rule (from anywhere) to every security group whose inline ingress is a list; the bastion's
// own SSH range is a secret inside that list, which the engine hands the transform where it sits
// (an output value), so the list is a list and the scanner's rule is added. The app group has its
// own transform narrowing SSH to the office, but its ingress names the balancer's group: the
// engine hands a property with dependencies to a resource's own transforms as an Output, not a
// list, so the narrowing never happens and SSH stays open to the world.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

pulumi.runtime.registerResourceTransform((args) => {
    if (args.type !== "aws:ec2/securityGroup:SecurityGroup" || !Array.isArray(args.props.ingress)) return undefined;
    const scanner = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "scanner" };
    return { props: { ...args.props, ingress: [...args.props.ingress, scanner] }, opts: args.opts };
});

new aws.ec2.SecurityGroup("bastion", {
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [pulumi.secret("203.0.113.0/24")] }],
});

const balancer = new aws.ec2.SecurityGroup("lb", {});
const narrowSsh = (args: pulumi.ResourceTransformArgs) => {
    if (!Array.isArray(args.props.ingress)) return undefined;
    const ingress = args.props.ingress.map((r: any) => (r.fromPort === 22 ? { ...r, cidrBlocks: ["203.0.113.0/24"] } : r));
    return { props: { ...args.props, ingress }, opts: args.opts };
};
new aws.ec2.SecurityGroup(
    "app",
    {
        ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [balancer.id] },
        ],
    },
    { transforms: [narrowSsh] },
);
