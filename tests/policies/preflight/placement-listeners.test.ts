// Listeners on a balancer type that does not speak their protocol or route to their target
// group's, which ELB refuses at create: judged through the stack (the listener, its balancer and
// its target groups are three resources).
import * as assert from "assert";
import { preflightPlacement } from "../../../policies/preflight";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";

const ARN = (name: string) => `arn:aws:elasticloadbalancing:eu-west-1:123456789012:${name}`;

const balancer = (name: string, loadBalancerType?: string): FakeResource => ({
    type: "aws:lb/loadBalancer:LoadBalancer",
    name,
    props: {
        id: ARN(`loadbalancer/${name}`),
        arn: ARN(`loadbalancer/${name}`),
        ...(loadBalancerType ? { loadBalancerType } : {}),
    },
});
const group = (name: string, protocol?: string, targetType = "instance"): FakeResource => ({
    type: "aws:lb/targetGroup:TargetGroup",
    name,
    props: {
        id: ARN(`targetgroup/${name}`),
        arn: ARN(`targetgroup/${name}`),
        targetType,
        ...(protocol ? { protocol, port: 80 } : {}),
    },
});
const listener = (name: string, lb: string, protocol: string | undefined, tg?: string): FakeResource => ({
    type: "aws:lb/listener:Listener",
    name,
    props: {
        loadBalancerArn: ARN(`loadbalancer/${lb}`),
        port: 443,
        ...(protocol !== undefined ? { protocol } : {}),
        defaultActions: tg
            ? [{ type: "forward", targetGroupArn: ARN(`targetgroup/${tg}`) }]
            : [{ type: "fixed-response" }],
    },
    deps: { loadBalancerArn: [lb], ...(tg ? { defaultActions: [tg] } : {}) },
});
const check = (stack: FakeResource[]) => validateStack(preflightPlacement, stack);

describe("webtier-preflight-placement: listener protocols", () => {
    it("refuses a TCP or TLS listener on an application load balancer (its type set or left to the default)", async () => {
        for (const type of ["application", undefined]) {
            const found = await check([balancer("web", type), listener("tls", "web", "TLS")]);
            assertViolation(
                found,
                'has protocol TLS on load balancer "web", an application load balancer, which takes HTTP and HTTPS listeners: ELB refuses it',
            );
            assert.strictEqual(found.length, 1, JSON.stringify(found));
        }
    });

    it("refuses an HTTP or HTTPS listener on a network load balancer", async () => {
        assertViolation(
            await check([balancer("nlb", "network"), listener("https", "nlb", "https")]),
            'has protocol HTTPS on load balancer "nlb", a network load balancer, which takes TCP, TLS, UDP and TCP_UDP listeners',
        );
    });

    it("passes what each type speaks, a listener left to the ALB's default, and what it cannot tell", async () => {
        assertNone(
            await check([
                balancer("web"),
                balancer("nlb", "network"),
                balancer("mystery", UNKNOWN_STRING),
                listener("http", "web", undefined),
                listener("https", "web", "HTTPS"),
                listener("tls", "nlb", "TLS"),
                listener("quic", "nlb", "QUIC"),
                listener("later", "web", UNKNOWN_STRING),
                listener("any", "mystery", "TCP"),
            ]),
        );
    });

    it("refuses a listener forwarding to a target group its balancer cannot route to, not a Lambda one", async () => {
        const found = await check([
            balancer("web"),
            balancer("nlb", "network"),
            group("tcp-tg", "TCP"),
            group("http-tg", "HTTP"),
            group("fn", undefined, "lambda"),
            listener("to-tcp", "web", "HTTPS", "tcp-tg"),
            listener("to-http", "nlb", "TCP", "http-tg"),
            listener("to-fn", "web", "HTTPS", "fn"),
        ]);
        assertViolation(
            found,
            'defaultActions[0].targetGroupArn forwards to target group "tcp-tg", a TCP target group, which load balancer "web", an application load balancer, cannot route to',
        );
        assertViolation(
            found,
            'forwards to target group "http-tg", a HTTP target group, which load balancer "nlb", a network load balancer, cannot route to; ELB refuses the listener. Give the target group protocol TCP, TLS, UDP or TCP_UDP.',
        );
        assert.deepStrictEqual(found.map((v) => v.name).sort(), ["to-http", "to-tcp"]);
    });
});
