import * as assert from "assert";
import { awsAppPorts, awsListeners } from "../../../../policies/lib/aws/balancers";
import { UNKNOWN } from "../../../../policies/lib/values";
import { graphOf } from "../../helpers";

describe("AWS balancers: the app port and every listener", () => {
    it("reads the app port from target groups, attachments, ECS services and classic ELBs, skipping lambda targets", () => {
        const { ports, unknown } = awsAppPorts(
            graphOf([
                { type: "aws:lb/targetGroup:TargetGroup", name: "tg", props: { port: 8080 } },
                { type: "aws:lb/targetGroup:TargetGroup", name: "fn", props: { targetType: "lambda" } },
                { type: "aws:lb/targetGroupAttachment:TargetGroupAttachment", name: "att", props: { port: 8081 } },
                { type: "aws:ecs/service:Service", name: "svc", props: { loadBalancers: [{ containerPort: 3000 }] } },
                {
                    type: "aws:elb/loadBalancer:LoadBalancer",
                    name: "elb",
                    props: { listeners: [{ instancePort: 9000 }] },
                },
            ]),
        );
        assert.deepStrictEqual([...ports].sort(), [3000, 8080, 8081, 9000]);
        assert.strictEqual(unknown, false);
        assert.strictEqual(
            awsAppPorts(graphOf([{ type: "aws:lb/targetGroup:TargetGroup", name: "tg", props: { port: UNKNOWN } }]))
                .unknown,
            true,
        );
    });

    it("reads an ECS service's entries unknown during preview through the stack's target groups they came from", () => {
        const withService = (deps: Record<string, string[]>) =>
            awsAppPorts(
                graphOf([
                    { type: "aws:lb/targetGroup:TargetGroup", name: "tg", props: { port: 8000 } },
                    { type: "aws:ecs/service:Service", name: "svc", props: { loadBalancers: UNKNOWN }, deps },
                ]),
            );
        const traced = withService({ loadBalancers: ["tg"] });
        assert.deepStrictEqual([...traced.ports], [8000]);
        assert.strictEqual(traced.unknown, false);
        // From no target group of the stack: the port cannot be told.
        assert.strictEqual(withService({}).unknown, true);
    });

    it("normalises elbv2 listeners (HTTP by default) and each classic ELB listener", () => {
        const listeners = awsListeners(
            graphOf([
                { type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: { id: "arn:alb", arn: "arn:alb" } },
                { type: "aws:lb/listener:Listener", name: "plain", props: { loadBalancerArn: "arn:alb", port: 80 } },
                {
                    type: "aws:elb/loadBalancer:LoadBalancer",
                    name: "elb",
                    props: {
                        listeners: [{ lbProtocol: "ssl", lbPort: 443, instanceProtocol: "tcp", instancePort: 80 }],
                    },
                },
            ]),
        );
        assert.deepStrictEqual(
            listeners.map((l) => [l.owner.name, l.path, l.protocol, l.port, l.classic, l.balancers.map((b) => b.name)]),
            [
                ["plain", "", "HTTP", 80, false, ["alb"]],
                ["elb", "listeners[0]", "SSL", 443, true, ["elb"]],
            ],
        );
    });
});
