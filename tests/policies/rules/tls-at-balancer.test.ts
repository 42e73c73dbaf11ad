import * as assert from "assert";
import { tlsAtBalancer } from "../../../policies/rules/tls-at-balancer";
import {
    FakeResource,
    UNKNOWN_ARRAY,
    UNKNOWN_BOOLEAN,
    UNKNOWN_STRING,
    assertNone,
    assertViolation,
    validateStack,
} from "../helpers";
import { T, awsTier, doTier, pick, without } from "../fixtures";

describe("webtier-tls-at-balancer on AWS", () => {
    it("accepts HTTPS with a certificate and a modern policy, HTTP redirecting, HTTP targets", async () => {
        assertNone(await validateStack(tlsAtBalancer, awsTier()));
    });

    it("refuses an HTTPS listener without a certificate", async () => {
        const stack = awsTier();
        delete pick(stack, "https").props.certificateArn;
        assertViolation(await validateStack(tlsAtBalancer, stack), 'listener "https"', "no certificateArn");
    });

    it("reads an absent sslPolicy as the provider default ELBSecurityPolicy-2016-08, and refuses it", async () => {
        const stack = awsTier();
        delete pick(stack, "https").props.sslPolicy;
        assertViolation(
            await validateStack(tlsAtBalancer, stack),
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
        );
    });

    it("accepts a policy from a configured allowedTlsPolicies list", async () => {
        const stack = awsTier();
        pick(stack, "https").props.sslPolicy = "ELBSecurityPolicy-TLS-1-2-2017-01";
        assertViolation(await validateStack(tlsAtBalancer, stack), "not an allowed TLS policy");
        assertNone(
            await validateStack(tlsAtBalancer, stack, { allowedTlsPolicies: ["ELBSecurityPolicy-TLS-1-2-2017-01"] }),
        );
    });

    it("accepts the hybrid post-quantum policies, the console's default among them", async () => {
        const stack = awsTier();
        for (const policy of [
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
        ]) {
            pick(stack, "https").props.sslPolicy = policy;
            assertNone(await validateStack(tlsAtBalancer, stack));
        }
    });

    it("does not read a gateway load balancer's listener, which has no protocol, as plain HTTP", async () => {
        const stack = awsTier();
        const gateway: FakeResource = {
            type: "aws:lb/loadBalancer:LoadBalancer",
            name: "inspection",
            props: {
                id: "gwlb",
                arn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/gwy/inspection/1",
                loadBalancerType: "gateway",
            },
        };
        const listener: FakeResource = {
            type: "aws:lb/listener:Listener",
            name: "inspection-listener",
            props: {
                loadBalancerArn: gateway.props.arn,
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            },
        };
        assertNone(await validateStack(tlsAtBalancer, [...stack, gateway, listener]));
        // An application load balancer's listener without a protocol is HTTP.
        gateway.props.loadBalancerType = "application";
        assertViolation(
            await validateStack(tlsAtBalancer, [...stack, gateway, listener]),
            'listener "inspection-listener"',
            "plain HTTP",
        );
    });

    it("does not pass an sslPolicy unknown during preview", async () => {
        const stack = awsTier();
        pick(stack, "https").props.sslPolicy = UNKNOWN_STRING;
        assertViolation(await validateStack(tlsAtBalancer, stack), "unknown during preview");
    });

    it("refuses an HTTP listener that forwards instead of redirecting", async () => {
        const stack = awsTier();
        pick(stack, "http").props.defaultActions = [{ type: "forward", targetGroupArn: "arn:tg" }];
        assertViolation(await validateStack(tlsAtBalancer, stack), 'listener "http"', "does not only redirect");
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
        assertViolation(v, 'load balancer "lb"', "no HTTPS listener", "allowHttpOnly");
        assertNone(await validateStack(tlsAtBalancer, stack, { allowHttpOnly: true }));
    });

    it("refuses a forwarding listener rule on the HTTP listener", async () => {
        const stack = awsTier();
        stack.push({
            type: T.listenerRule,
            name: "api",
            props: { listenerArn: "arn:http", actions: [{ type: "forward", targetGroupArn: "arn:tg" }] },
            deps: { listenerArn: ["http"] },
        });
        assertViolation(await validateStack(tlsAtBalancer, stack), 'listener rule "api"', "HTTPS listener");
    });

    it("refuses HTTPS target groups", async () => {
        const stack = awsTier();
        pick(stack, "tg").props.protocol = "HTTPS";
        assertViolation(await validateStack(tlsAtBalancer, stack), 'target group "tg"', 'protocol to "HTTP"');
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

    it("accepts a balancer with only an https entry and no redirect: it serves no plain HTTP", async () => {
        const stack = doTier();
        const lb = pick(stack, "lb");
        lb.props.forwardingRules = lb.props.forwardingRules.filter(
            (rule: Record<string, unknown>) => rule.entryProtocol !== "http",
        );
        lb.props.redirectHttpToHttps = false;
        assertNone(await validateStack(tlsAtBalancer, stack));
    });

    it("refuses TLS passthrough once, with the whole fix; https targets and a missing certificate each", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules[0] = {
            entryProtocol: "https",
            entryPort: 443,
            targetProtocol: "https",
            targetPort: 443,
            tlsPassthrough: true,
        };
        const v = await validateStack(tlsAtBalancer, stack);
        const passthrough = v.filter((x) => x.message.includes("forwardingRules[0]"));
        assert.strictEqual(passthrough.length, 1, JSON.stringify(passthrough));
        assertViolation(v, "forwardingRules[0]", "passes TLS through", "certificateName", 'targetProtocol to "http"');
        pick(stack, "lb").props.forwardingRules[0] = {
            entryProtocol: "https",
            entryPort: 443,
            targetProtocol: "https",
            targetPort: 443,
        };
        const terminated = await validateStack(tlsAtBalancer, stack);
        assertViolation(terminated, "forwardingRules[0]", 'targetProtocol to "http"');
        assertViolation(terminated, "forwardingRules[0]", "without a certificate");
    });

    it("refuses an http-only balancer unless allowHttpOnly is set", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules = [
            { entryProtocol: "http", entryPort: 80, targetProtocol: "http", targetPort: 80 },
        ];
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

describe("webtier-tls-at-balancer on every AWS balancer type and listener", () => {
    const NLB = "aws:lb/loadBalancer:LoadBalancer";
    const ELB = "aws:elb/loadBalancer:LoadBalancer";
    function nlbStack(listener: Record<string, any>, targetProtocol = "TCP", targetPort = 80): FakeResource[] {
        return [
            { type: NLB, name: "nlb", props: { id: "arn:nlb", arn: "arn:nlb", loadBalancerType: "network" } },
            {
                type: T.targetGroup,
                name: "nlb-tg",
                props: {
                    arn: "arn:nlb-tg",
                    protocol: targetProtocol,
                    port: targetPort,
                    healthCheck: { protocol: "HTTP", path: "/up" },
                },
            },
            {
                type: T.listener,
                name: "nlb-listener",
                props: {
                    arn: "arn:nlb-l",
                    loadBalancerArn: "arn:nlb",
                    defaultActions: [{ type: "forward", targetGroupArn: "arn:nlb-tg" }],
                    ...listener,
                },
                deps: { loadBalancerArn: ["nlb"] },
            },
        ];
    }

    it("accepts a network load balancer ending TLS with a certificate and a modern policy, forwarding TCP to the servers", async () => {
        assertNone(
            await validateStack(
                tlsAtBalancer,
                nlbStack({
                    protocol: "TLS",
                    port: 443,
                    certificateArn: "arn:cert",
                    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                }),
            ),
        );
    });

    it("accepts plain listeners of an internal balancer API Gateway reaches through a VPC link, and no other", async () => {
        const albBehindHttpApi = (internal: boolean, connectionType: string): FakeResource[] => [
            {
                type: NLB,
                name: "alb",
                props: { id: "arn:alb", arn: "arn:alb", loadBalancerType: "application", internal },
            },
            {
                type: T.targetGroup,
                name: "alb-tg",
                props: { arn: "arn:alb-tg", protocol: "HTTP", port: 80, healthCheck: { path: "/up" } },
            },
            {
                type: T.listener,
                name: "alb-http",
                props: {
                    id: "arn:alb-l",
                    arn: "arn:alb-l",
                    loadBalancerArn: "arn:alb",
                    protocol: "HTTP",
                    port: 80,
                    defaultActions: [{ type: "forward", targetGroupArn: "arn:alb-tg" }],
                },
                deps: { loadBalancerArn: ["alb"] },
            },
            {
                type: "aws:apigatewayv2/integration:Integration",
                name: "api",
                props: { integrationType: "HTTP_PROXY", connectionType, integrationUri: "arn:alb-l" },
                deps: { integrationUri: ["alb-http"] },
            },
        ];
        assertNone(await validateStack(tlsAtBalancer, albBehindHttpApi(true, "VPC_LINK")));
        const publicAlb = await validateStack(tlsAtBalancer, albBehindHttpApi(false, "VPC_LINK"));
        assertViolation(publicAlb, 'listener "alb-http"', "does not only redirect to HTTPS");
        assertViolation(publicAlb, "has no HTTPS listener");
        assertViolation(
            await validateStack(tlsAtBalancer, albBehindHttpApi(true, "INTERNET")),
            'listener "alb-http"',
            "does not only redirect to HTTPS",
        );
        // A REST API's VPC link names the network load balancer itself.
        const rest = nlbStack({ protocol: "TCP", port: 80 });
        rest[0].props.internal = true;
        rest.push({
            type: "aws:apigateway/vpcLink:VpcLink",
            name: "rest-link",
            props: { targetArns: ["arn:nlb"] },
            deps: { targetArns: ["nlb"] },
        });
        assertNone(await validateStack(tlsAtBalancer, rest));
    });

    it("refuses an NLB TCP listener on 443 forwarding to the servers' 443 (TLS passthrough)", async () => {
        const v = await validateStack(tlsAtBalancer, nlbStack({ protocol: "TCP", port: 443 }, "TCP", 443));
        assertViolation(v, 'listener "nlb-listener"', "forwards raw TCP on port 443", "TLS passes through");
    });

    it("refuses an NLB serving plain HTTP through a TCP listener on 80, even next to a TLS listener", async () => {
        const stack = nlbStack({ protocol: "TCP", port: 80 });
        stack.push({
            type: T.listener,
            name: "nlb-tls",
            props: {
                arn: "arn:nlb-tls",
                loadBalancerArn: "arn:nlb",
                protocol: "TLS",
                port: 443,
                certificateArn: "arn:cert",
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                defaultActions: [],
            },
            deps: { loadBalancerArn: ["nlb"] },
        });
        assertViolation(
            await validateStack(tlsAtBalancer, stack, { allowHttpOnly: true }),
            "nlb-listener",
            "raw TCP on port 80",
        );
    });

    it("lets a dev stack's balancer without TLS serve plain TCP only under allowHttpOnly", async () => {
        const stack = nlbStack({ protocol: "TCP", port: 80 });
        assertViolation(await validateStack(tlsAtBalancer, stack), "raw TCP");
        assertNone(await validateStack(tlsAtBalancer, stack, { allowHttpOnly: true }));
    });

    it("refuses a TLS listener with an old or default policy, and without a certificate", async () => {
        const v = await validateStack(
            tlsAtBalancer,
            nlbStack({ protocol: "TLS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS-1-0-2015-04" }),
        );
        assertViolation(v, "nlb-listener", "sslPolicy ELBSecurityPolicy-TLS-1-0-2015-04", "not an allowed TLS policy");
        assertViolation(v, "nlb-listener", "is TLS but has no certificateArn");
        assertViolation(
            await validateStack(tlsAtBalancer, nlbStack({ protocol: "TLS", port: 443, certificateArn: "arn:cert" })),
            "ELBSecurityPolicy-2016-08",
        );
    });

    it("refuses a target group speaking TLS to the servers", async () => {
        const v = await validateStack(
            tlsAtBalancer,
            nlbStack(
                {
                    protocol: "TLS",
                    port: 443,
                    certificateArn: "arn:cert",
                    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                },
                "TLS",
                443,
            ),
        );
        assertViolation(v, 'target group "nlb-tg"', "speaks TLS to the servers");
    });

    it("refuses a classic ELB serving plain HTTP, which cannot redirect", async () => {
        const stack = [
            {
                type: ELB,
                name: "classic",
                props: {
                    name: "classic",
                    listeners: [{ lbProtocol: "http", lbPort: 80, instanceProtocol: "http", instancePort: 80 }],
                },
            },
        ];
        assertViolation(
            await validateStack(tlsAtBalancer, stack),
            'listeners[0] of classic load balancer "classic"',
            "classic load balancer cannot redirect",
        );
    });

    it("judges a classic ELB HTTPS listener by its SSL negotiation policy (the default allows TLS 1.0)", async () => {
        const stack: FakeResource[] = [
            {
                type: ELB,
                name: "classic",
                props: {
                    name: "classic",
                    listeners: [
                        {
                            lbProtocol: "https",
                            lbPort: 443,
                            instanceProtocol: "http",
                            instancePort: 80,
                            sslCertificateId: "arn:cert",
                        },
                    ],
                },
            },
        ];
        assertViolation(
            await validateStack(tlsAtBalancer, stack),
            "no SSL negotiation policy",
            "ELBSecurityPolicy-2016-08",
        );
        stack.push(
            {
                type: "aws:elb/loadBalancerPolicy:LoadBalancerPolicy",
                name: "tls12",
                props: {
                    loadBalancerName: "classic",
                    policyName: "tls12",
                    policyTypeName: "SSLNegotiationPolicyType",
                    policyAttributes: [
                        { name: "Reference-Security-Policy", value: "ELBSecurityPolicy-TLS-1-2-2017-01" },
                    ],
                },
            },
            {
                type: "aws:elb/listenerPolicy:ListenerPolicy",
                name: "tls12-443",
                props: { loadBalancerName: "classic", loadBalancerPort: 443, policyNames: ["tls12"] },
            },
        );
        // TLS 1.2 only is the newest a classic load balancer offers: modern for it.
        assertNone(await validateStack(tlsAtBalancer, stack));
        pick(stack, "tls12").props.policyAttributes = [
            { name: "Reference-Security-Policy", value: "ELBSecurityPolicy-TLS-1-1-2017-01" },
        ];
        assertViolation(
            await validateStack(tlsAtBalancer, stack),
            "the SSL negotiation policy ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-TLS-1-2-2017-01",
        );
        assertNone(
            await validateStack(tlsAtBalancer, stack, { allowedTlsPolicies: ["ELBSecurityPolicy-TLS-1-1-2017-01"] }),
        );
    });

    it("reads a classic ELB's policy set on its port by an SslNegotiationPolicy", async () => {
        const negotiation = (port: number, policy: string): FakeResource => ({
            type: "aws:elb/sslNegotiationPolicy:SslNegotiationPolicy",
            name: `negotiation-${port}`,
            props: {
                name: `negotiation-${port}`,
                loadBalancer: "classic",
                lbPort: port,
                attributes: [{ name: "Reference-Security-Policy", value: policy }],
            },
        });
        const balancer: FakeResource = {
            type: ELB,
            name: "classic",
            props: {
                name: "classic",
                listeners: [
                    {
                        lbProtocol: "https",
                        lbPort: 443,
                        instanceProtocol: "http",
                        instancePort: 80,
                        sslCertificateId: "arn:cert",
                    },
                ],
            },
        };
        assertNone(
            await validateStack(tlsAtBalancer, [balancer, negotiation(443, "ELBSecurityPolicy-TLS-1-2-2017-01")]),
        );
        assertViolation(
            await validateStack(tlsAtBalancer, [balancer, negotiation(443, "ELBSecurityPolicy-2016-08")]),
            "the SSL negotiation policy ELBSecurityPolicy-2016-08",
        );
        // On another port it sets nothing for this listener.
        assertViolation(
            await validateStack(tlsAtBalancer, [balancer, negotiation(8443, "ELBSecurityPolicy-TLS-1-2-2017-01")]),
            "no SSL negotiation policy",
        );
    });

    it("refuses a classic ELB that re-encrypts to the instances", async () => {
        const stack = [
            {
                type: ELB,
                name: "classic",
                props: {
                    name: "classic",
                    listeners: [
                        {
                            lbProtocol: "ssl",
                            lbPort: 443,
                            instanceProtocol: "ssl",
                            instancePort: 443,
                            sslCertificateId: "arn:cert",
                        },
                    ],
                },
            },
        ];
        assertViolation(
            await validateStack(tlsAtBalancer, stack, { allowedTlsPolicies: ["ELBSecurityPolicy-2016-08"] }),
            "speaks SSL to the instances",
        );
    });

    it("does not pass classic listeners unknown during preview", async () => {
        const stack = [{ type: ELB, name: "classic", props: { name: "classic", listeners: UNKNOWN_ARRAY } }];
        assertViolation(await validateStack(tlsAtBalancer, stack), "protocol unknown during preview");
    });
});

describe("webtier-tls-at-balancer on every DigitalOcean forwarding rule", () => {
    it("refuses an http entry on another port than 80 next to a compliant https rule", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules.push({
            entryProtocol: "http",
            entryPort: 8080,
            targetProtocol: "http",
            targetPort: 80,
        });
        assertViolation(
            await validateStack(tlsAtBalancer, stack),
            "forwardingRules[2]",
            "plain http on port 8080",
            "port 80 only",
        );
    });

    it("refuses a tcp entry forwarding to the droplets' 443", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules.push({
            entryProtocol: "tcp",
            entryPort: 8443,
            targetProtocol: "tcp",
            targetPort: 443,
        });
        assertViolation(
            await validateStack(tlsAtBalancer, stack),
            "forwardingRules[2]",
            "raw tcp on port 8443 to the droplets' port 443",
        );
    });

    it("does not pass an http entry whose port is unknown during preview", async () => {
        const stack = doTier();
        pick(stack, "lb").props.forwardingRules[1].entryPort = UNKNOWN_STRING;
        assertViolation(await validateStack(tlsAtBalancer, stack), "forwardingRules[1]", "port unknown during preview");
    });
});
