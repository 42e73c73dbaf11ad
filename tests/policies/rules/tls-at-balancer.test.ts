import { tlsAtBalancer } from "../../../policies/rules/tls-at-balancer";
import { UNKNOWN_ARRAY, UNKNOWN_BOOLEAN, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { T, awsTier, doTier, pick, without } from "../fixtures";

describe("webtier-tls-at-balancer on AWS", () => {
    it("accepts HTTPS with a certificate and a modern policy, HTTP redirecting, HTTP targets", async () => {
        assertNone(await validateStack(tlsAtBalancer, awsTier()));
    });

    it("refuses an HTTPS listener without a certificate", async () => {
        const stack = awsTier();
        delete pick(stack, "https").props.certificateArn;
        assertViolation(await validateStack(tlsAtBalancer, stack), "listener \"https\"", "no certificateArn");
    });

    it("reads an absent sslPolicy as the provider default ELBSecurityPolicy-2016-08, and refuses it", async () => {
        const stack = awsTier();
        delete pick(stack, "https").props.sslPolicy;
        assertViolation(await validateStack(tlsAtBalancer, stack), "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS13-1-2-2021-06");
    });

    it("accepts a policy from a configured allowedTlsPolicies list", async () => {
        const stack = awsTier();
        pick(stack, "https").props.sslPolicy = "ELBSecurityPolicy-TLS-1-2-2017-01";
        assertViolation(await validateStack(tlsAtBalancer, stack), "not an allowed TLS policy");
        assertNone(await validateStack(tlsAtBalancer, stack, { allowedTlsPolicies: ["ELBSecurityPolicy-TLS-1-2-2017-01"] }));
    });

    it("does not pass an sslPolicy unknown during preview", async () => {
        const stack = awsTier();
        pick(stack, "https").props.sslPolicy = UNKNOWN_STRING;
        assertViolation(await validateStack(tlsAtBalancer, stack), "unknown during preview");
    });

    it("refuses an HTTP listener that forwards instead of redirecting", async () => {
        const stack = awsTier();
        pick(stack, "http").props.defaultActions = [{ type: "forward", targetGroupArn: "arn:tg" }];
        assertViolation(await validateStack(tlsAtBalancer, stack), "listener \"http\"", "does not only redirect");
    });

    it("reads a redirect without a protocol as #{protocol} (HTTP), which is not a redirect to HTTPS", async () => {
        const stack = awsTier();
        pick(stack, "http").props.defaultActions = [{ type: "redirect", redirect: { statusCode: "HTTP_301" } }];
        assertViolation(await validateStack(tlsAtBalancer, stack), "does not only redirect");
    });

    it("reads an absent listener protocol as HTTP", async () => {
        const stack = awsTier();
        delete pick(stack, "http").props.protocol;
        pick(stack, "http").props.defaultActions = [{ type: "forward", targetGroupArn: "arn:tg" }];
        assertViolation(await validateStack(tlsAtBalancer, stack), "plain HTTP");
    });

    it("refuses a balancer with only HTTP listeners unless allowHttpOnly is set", async () => {
        const stack = without(awsTier(), "https");
        pick(stack, "http").props.defaultActions = [{ type: "forward", targetGroupArn: "arn:tg" }];
        const v = await validateStack(tlsAtBalancer, stack);
        assertViolation(v, "load balancer \"lb\"", "no HTTPS listener", "allowHttpOnly");
        assertNone(await validateStack(tlsAtBalancer, stack, { allowHttpOnly: true }));
    });

    it("refuses a forwarding listener rule on the HTTP listener", async () => {
        const stack = awsTier();
        stack.push({ type: T.listenerRule, name: "api", props: { listenerArn: "arn:http", actions: [{ type: "forward", targetGroupArn: "arn:tg" }] }, deps: { listenerArn: ["http"] } });
        assertViolation(await validateStack(tlsAtBalancer, stack), "listener rule \"api\"", "HTTPS listener");
    });

    it("refuses HTTPS target groups", async () => {
        const stack = awsTier();
        pick(stack, "tg").props.protocol = "HTTPS";
        assertViolation(await validateStack(tlsAtBalancer, stack), "target group \"tg\"", "protocol to \"HTTP\"");
    });
});

describe("webtier-tls-at-balancer on DigitalOcean", () => {
    it("accepts https with a certificate, http targets and redirectHttpToHttps", async () => {
        assertNone(await validateStack(tlsAtBalancer, doTier()));
    });

    it("reads an absent redirectHttpToHttps as false, and refuses it", async () => {
        const stack = doTier();
        delete pick(stack, "lb").props.redirectHttpToHttps;
        assertViolation(await validateStack(tlsAtBalancer, stack), "redirectHttpToHttps to true");
    });

    it("refuses TLS passthrough, https targets and a missing certificate", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules[0] = { entryProtocol: "https", entryPort: 443, targetProtocol: "https", targetPort: 443, tlsPassthrough: true };
        const v = await validateStack(tlsAtBalancer, stack);
        assertViolation(v, "forwardingRules[0]", "passes TLS through");
        assertViolation(v, "forwardingRules[0]", "targetProtocol to \"http\"");
        assertViolation(v, "forwardingRules[0]", "without a certificate");
    });

    it("refuses an http-only balancer unless allowHttpOnly is set", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules = [{ entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 }];
        pick(stack, "lb").props.redirectHttpToHttps = false;
        assertViolation(await validateStack(tlsAtBalancer, stack), "no https forwarding rule");
        assertNone(await validateStack(tlsAtBalancer, stack, { allowHttpOnly: true }));
    });

    it("does not pass forwarding rules or passthrough unknown during preview", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules[0].tlsPassthrough = UNKNOWN_BOOLEAN;
        assertViolation(await validateStack(tlsAtBalancer, stack), "may pass TLS through");
        pick(stack, "lb").props.forwardingRules = UNKNOWN_ARRAY;
        assertViolation(await validateStack(tlsAtBalancer, stack), "unknown during preview");
    });
});
