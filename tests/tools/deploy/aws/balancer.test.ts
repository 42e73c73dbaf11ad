import * as assert from "assert";
import { AwsBalancer, ElbCommand, ElbSender } from "../../../../tools/deploy/aws/balancer";
import { memberHealthFromTarget } from "../../../../infra/balancer-health/aws";
import { FakeClock } from "../fakes";

const TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/prod-app/abc";
const LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/prod-lb/def";

type Handler = (name: string, input: Record<string, unknown>) => unknown;

/** Records every SDK command (class name and input) and answers from `handler`. */
function stubElb(handler: Handler) {
    const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
    const elb: ElbSender = {
        async send(command: ElbCommand) {
            const call = { name: command.constructor.name, input: command.input as unknown as Record<string, unknown> };
            calls.push(call);
            return handler(call.name, call.input);
        },
    };
    return { elb, calls };
}

function target(id: string, state: string, reason?: string) {
    return { Target: { Id: id, Port: 80 }, TargetHealth: { State: state, Reason: reason } };
}

describe("AWS balancer adapter", () => {
    it("finds the target group from the balancer's DNS name, then lists its targets with their health", async () => {
        const { elb, calls } = stubElb((name, input) => {
            if (name === "DescribeLoadBalancersCommand") {
                return input.Marker
                    ? { LoadBalancers: [{ LoadBalancerArn: LB, DNSName: "prod-lb-1.us-east-1.elb.amazonaws.com" }] }
                    : {
                          LoadBalancers: [{ LoadBalancerArn: "other", DNSName: "other.elb.amazonaws.com" }],
                          NextMarker: "page2",
                      };
            }
            if (name === "DescribeTargetGroupsCommand")
                return { TargetGroups: [{ TargetGroupArn: TG, TargetType: "instance" }] };
            return {
                TargetHealthDescriptions: [
                    target("i-1", "healthy"),
                    target("i-2", "initial", "Elb.InitialHealthChecking"),
                    target("i-3", "draining"),
                ],
            };
        });
        const balancer = new AwsBalancer({
            elb,
            address: "prod-lb-1.us-east-1.elb.amazonaws.com",
            clock: new FakeClock(),
        });
        const members = await balancer.listMembers();
        assert.deepStrictEqual(calls, [
            { name: "DescribeLoadBalancersCommand", input: { Marker: undefined, PageSize: 400 } },
            { name: "DescribeLoadBalancersCommand", input: { Marker: "page2", PageSize: 400 } },
            { name: "DescribeTargetGroupsCommand", input: { LoadBalancerArn: LB } },
            { name: "DescribeTargetHealthCommand", input: { TargetGroupArn: TG, Targets: undefined } },
        ]);
        assert.deepStrictEqual(
            members.map((m) => [m.id, m.health]),
            [
                ["i-1", "healthy"],
                ["i-2", "pending"],
                ["i-3", "draining"],
            ],
        );
    });

    it("uses the target group ARN from the outputs without looking anything up", async () => {
        const { elb, calls } = stubElb(() => ({ TargetHealthDescriptions: [] }));
        await new AwsBalancer({ elb, address: "x", targetGroupArn: TG, clock: new FakeClock() }).listMembers();
        assert.deepStrictEqual(
            calls.map((c) => c.name),
            ["DescribeTargetHealthCommand"],
        );
    });

    it("refuses to guess between several instance target groups", async () => {
        const { elb } = stubElb(() => ({
            TargetGroups: [
                { TargetGroupArn: "tg-a", TargetType: "instance" },
                { TargetGroupArn: "tg-b", TargetType: "instance" },
            ],
        }));
        const balancer = new AwsBalancer({ elb, address: "x", loadBalancerArn: LB, clock: new FakeClock() });
        await assert.rejects(
            balancer.listMembers(),
            /2 instance target groups \(tg-a, tg-b\); choose the app's with --target-group/,
        );
    });

    it("takes a target out with DeregisterTargets on its registered port and waits until it is no longer registered", async () => {
        const answers = [
            target("i-1", "draining", "Target.DeregistrationInProgress"),
            target("i-1", "draining"),
            target("i-1", "unused", "Target.NotRegistered"),
        ];
        const { elb, calls } = stubElb((name, input) => {
            if (name === "DescribeTargetHealthCommand")
                return { TargetHealthDescriptions: input.Targets ? [answers.shift()] : [target("i-1", "healthy")] };
            return {};
        });
        const clock = new FakeClock();
        const balancer = new AwsBalancer({ elb, address: "x", targetGroupArn: TG, clock, pollIntervalMs: 5000 });
        await balancer.listMembers();
        await balancer.removeAndDrain("i-1", 60_000);
        assert.deepStrictEqual(calls.slice(1), [
            { name: "DeregisterTargetsCommand", input: { TargetGroupArn: TG, Targets: [{ Id: "i-1", Port: 80 }] } },
            { name: "DescribeTargetHealthCommand", input: { TargetGroupArn: TG, Targets: [{ Id: "i-1", Port: 80 }] } },
            { name: "DescribeTargetHealthCommand", input: { TargetGroupArn: TG, Targets: [{ Id: "i-1", Port: 80 }] } },
            { name: "DescribeTargetHealthCommand", input: { TargetGroupArn: TG, Targets: [{ Id: "i-1", Port: 80 }] } },
        ]);
        assert.strictEqual(clock.time, 10_000);
    });

    it("gives up draining after the timeout, naming the state it last saw", async () => {
        const { elb } = stubElb((name) =>
            name === "DescribeTargetHealthCommand"
                ? { TargetHealthDescriptions: [target("i-1", "draining", "Target.DeregistrationInProgress")] }
                : {},
        );
        const clock = new FakeClock();
        const balancer = new AwsBalancer({ elb, address: "x", targetGroupArn: TG, clock });
        await assert.rejects(
            balancer.removeAndDrain("i-1", 30_000),
            /i-1 was still draining: Target.DeregistrationInProgress .* after 30s/,
        );
        assert.strictEqual(clock.time, 30_000);
    });

    it("treats an InvalidTarget answer as not registered", async () => {
        const { elb } = stubElb(() => {
            const error = new Error("The following targets are not valid");
            error.name = "InvalidTargetException";
            throw error;
        });
        const status = await new AwsBalancer({ elb, address: "x", targetGroupArn: TG, clock: new FakeClock() }).health(
            "i-9",
        );
        assert.strictEqual(status.health, "absent");
    });

    it("puts a target back with RegisterTargets", async () => {
        const { elb, calls } = stubElb(() => ({}));
        await new AwsBalancer({ elb, address: "x", targetGroupArn: TG, clock: new FakeClock() }).add("i-1");
        assert.deepStrictEqual(calls, [
            { name: "RegisterTargetsCommand", input: { TargetGroupArn: TG, Targets: [{ Id: "i-1" }] } },
        ]);
    });

    it("counts only 'healthy' targets as serving, and an unregistered one as absent", () => {
        assert.strictEqual(memberHealthFromTarget("healthy", undefined), "healthy");
        assert.strictEqual(memberHealthFromTarget("initial", "Elb.RegistrationInProgress"), "pending");
        assert.strictEqual(memberHealthFromTarget("unhealthy.draining", undefined), "draining");
        assert.strictEqual(memberHealthFromTarget("unused", "Target.NotRegistered"), "absent");
        assert.strictEqual(memberHealthFromTarget("unused", "Target.NotInUse"), "unhealthy");
        assert.strictEqual(memberHealthFromTarget("unavailable", "Target.HealthCheckDisabled"), "unhealthy");
    });
});
