import { port80OnlyFromBalancer } from "../../../policies/rules/port-80-only-from-balancer";
import { UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { T, awsTier, doTier, pick } from "../fixtures";

describe("webtier-port-80-only-from-balancer on AWS", () => {
    it("admits port 80 only from the balancer, and leaves the balancer's own open 80/443 alone", async () => {
        assertNone(await validateStack(port80OnlyFromBalancer, awsTier()));
    });

    it("refuses an app security group rule that opens port 80 to a CIDR (vpc ingress rule)", async () => {
        const stack = awsTier();
        stack.push({ type: T.ingress, name: "app-http-world", props: { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }, deps: { securityGroupId: ["app-sg"] } });
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(v, "app-http-world", "CIDR 0.0.0.0/0", "balancer's security group");
    });

    it("refuses an inline ingress block on the app group with a private CIDR on port 80", async () => {
        const stack = awsTier();
        pick(stack, "app-sg").props.ingress = [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.20.0.0/16"] }];
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "ingress[0]", "app-sg", "CIDR 10.20.0.0/16");
    });

    it("refuses an all-ports ec2.SecurityGroupRule from another security group", async () => {
        const stack = awsTier();
        stack.push({ type: T.sg, name: "bastion-sg", props: { id: "sg-bastion" } });
        stack.push({ type: T.sgRule, name: "app-all-from-bastion", props: { type: "ingress", securityGroupId: "sg-app", sourceSecurityGroupId: "sg-bastion", protocol: "-1", fromPort: 0, toPort: 0 }, deps: { securityGroupId: ["app-sg"], sourceSecurityGroupId: ["bastion-sg"] } });
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "app-all-from-bastion", "bastion-sg", "not the security group of a load balancer");
    });

    it("proves an unknown referenced group through its property dependency (preview)", async () => {
        const stack = awsTier();
        const rule = pick(stack, "app-http-from-lb");
        rule.props.referencedSecurityGroupId = UNKNOWN_STRING;
        rule.props.securityGroupId = UNKNOWN_STRING;
        pick(stack, "lb-sg").props.id = UNKNOWN_STRING;
        pick(stack, "lb").props.securityGroups = [UNKNOWN_STRING];
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
    });

    it("does not pass an unknown source with no dependency to trace", async () => {
        const stack = awsTier();
        const rule = pick(stack, "app-http-from-lb");
        rule.props.referencedSecurityGroupId = UNKNOWN_STRING;
        rule.deps = { securityGroupId: ["app-sg"] };
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "unknown during preview", "cannot be proven");
    });
});

describe("webtier-port-80-only-from-balancer on DigitalOcean", () => {
    it("admits inbound 80 from the load balancer's uid", async () => {
        assertNone(await validateStack(port80OnlyFromBalancer, doTier()));
    });

    it("refuses inbound 80 from addresses", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules.push({ protocol: "tcp", portRange: "80", sourceAddresses: ["0.0.0.0/0", "::/0"] });
        const v = await validateStack(port80OnlyFromBalancer, stack);
        assertViolation(v, "inboundRules[2]", "CIDR 0.0.0.0/0", "sourceLoadBalancerUids");
        assertViolation(v, "CIDR ::/0");
    });

    it("refuses an all-ports rule from a tag", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules.push({ protocol: "tcp", portRange: "1-65535", sourceTags: ["office"] });
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "tag office");
    });

    it("refuses a uid that is not a load balancer of this stack", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules[0].sourceLoadBalancerUids = ["lb-uid-elsewhere"];
        pick(stack, "app-fw").deps = {};
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "lb-uid-elsewhere", "not a load balancer in this stack");
    });

    it("proves an unknown uid through the firewall's dependency on the load balancer (preview)", async () => {
        const stack = doTier();
        pick(stack, "app-fw").props.inboundRules[0].sourceLoadBalancerUids = [UNKNOWN_STRING];
        assertNone(await validateStack(port80OnlyFromBalancer, stack));
        pick(stack, "app-fw").deps = {};
        assertViolation(await validateStack(port80OnlyFromBalancer, stack), "unknown during preview");
    });
});
