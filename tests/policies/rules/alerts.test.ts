import * as assert from "assert";
import { alerts } from "../../../policies/rules/alerts";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, REPO_ROOT } from "../../tools/check/paths";

const A = {
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    instance: "aws:ec2/instance:Instance",
    rds: "aws:rds/instance:Instance",
    redis: "aws:elasticache/replicationGroup:ReplicationGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
};
const D = {
    droplet: "digitalocean:index/droplet:Droplet",
    tag: "digitalocean:index/tag:Tag",
    lb: "digitalocean:index/loadBalancer:LoadBalancer",
    cluster: "digitalocean:index/databaseCluster:DatabaseCluster",
    monitor: "digitalocean:index/monitorAlert:MonitorAlert",
    check: "digitalocean:index/uptimeCheck:UptimeCheck",
    uptime: "digitalocean:index/uptimeAlert:UptimeAlert",
    dns: "digitalocean:index/dnsRecord:DnsRecord",
};
const POOL = "digitalocean:index/dropletAutoscale:DropletAutoscale";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:alerts";

function alarm(
    name: string,
    dimensions: Record<string, string>,
    deps: string[] = [],
    extra: Record<string, any> = {},
): FakeResource {
    return {
        type: A.alarm,
        name,
        props: { namespace: "AWS/X", metricName: "M", dimensions, alarmActions: [TOPIC_ARN], ...extra },
        deps: { ...(deps.length ? { dimensions: deps } : {}), alarmActions: ["topic"] },
    };
}

/** An AWS tier where every part has one alarm on the subscribed topic. */
function awsStack(): FakeResource[] {
    return [
        {
            type: A.lb,
            name: "alb",
            props: {
                id: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/alb/abc",
                arn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/alb/abc",
                arnSuffix: "app/alb/abc",
            },
        },
        { type: A.tg, name: "tg", props: { arn: "arn:tg", arnSuffix: "targetgroup/tg/def" } },
        { type: A.instance, name: "web-1", props: { id: "i-1" } },
        { type: A.instance, name: "web-2", props: { id: "i-2" } },
        {
            type: A.attachment,
            name: "web-1-tg",
            props: { targetGroupArn: "arn:tg", targetId: "i-1" },
            deps: { targetId: ["web-1"] },
        },
        {
            type: A.attachment,
            name: "web-2-tg",
            props: { targetGroupArn: "arn:tg", targetId: "i-2" },
            deps: { targetId: ["web-2"] },
        },
        { type: A.rds, name: "db", props: { id: "db-xyz", identifier: "db-xyz" } },
        { type: A.redis, name: "cache", props: { id: "cache-rg", replicationGroupId: "cache-rg" } },
        { type: A.topic, name: "topic", props: { arn: TOPIC_ARN, id: TOPIC_ARN } },
        {
            type: A.subscription,
            name: "ops-email",
            props: { topic: TOPIC_ARN, protocol: "email", endpoint: "ops@example.com" },
            deps: { topic: ["topic"] },
        },
        // A metric-math alarm: the balancer's dimension sits in the queries.
        {
            type: A.alarm,
            name: "alb-5xx",
            props: {
                alarmActions: [TOPIC_ARN],
                metricQueries: [
                    {
                        id: "e",
                        returnData: false,
                        metric: {
                            namespace: "AWS/ApplicationELB",
                            metricName: "HTTPCode_ELB_5XX_Count",
                            dimensions: { LoadBalancer: "app/alb/abc" },
                        },
                    },
                    { id: "rate", returnData: true, expression: "100 * e" },
                ],
            },
        },
        alarm("web-1-cpu", { InstanceId: "i-1" }),
        alarm("web-2-cpu", { InstanceId: "i-2" }),
        alarm("db-cpu", { DBInstanceIdentifier: "db-xyz" }),
        // ElastiCache publishes per node: <group id>-001.
        alarm("cache-memory", { CacheClusterId: "cache-rg-001" }),
    ];
}

function pick(stack: FakeResource[], name: string): FakeResource {
    const found = stack.find((r) => r.name === name);
    assert.ok(found, name);
    return found;
}
const without = (stack: FakeResource[], ...names: string[]) => stack.filter((r) => !names.includes(r.name));

/** A DigitalOcean tier: droplets by tag, balancer by an uptime check on its DNS name, clusters by id. */
function doStack(): FakeResource[] {
    const emails = { emails: ["ops@example.com"] };
    return [
        { type: D.tag, name: "app-tag", props: { id: "t-app", name: "t-app" } },
        { type: D.droplet, name: "web-1", props: { id: "501", tags: ["t-app", "t-lb"] }, deps: { tags: ["app-tag"] } },
        { type: D.droplet, name: "web-2", props: { id: "502", tags: ["t-app", "t-lb"] }, deps: { tags: ["app-tag"] } },
        { type: D.lb, name: "lb", props: { id: "lb-1", ip: "198.51.100.7", dropletTag: "t-lb" } },
        {
            type: D.dns,
            name: "dns",
            props: { domain: "example.com", name: "app", type: "A", value: "198.51.100.7" },
            deps: { value: ["lb"] },
        },
        { type: D.cluster, name: "db", props: { id: "db-1", engine: "mysql" } },
        { type: D.cluster, name: "cache", props: { id: "cache-1", engine: "valkey" } },
        {
            type: D.monitor,
            name: "cpu",
            props: { type: "v1/insights/droplet/cpu", tags: ["t-app"], alerts: emails, enabled: true },
            deps: { tags: ["app-tag"] },
        },
        {
            type: D.monitor,
            name: "db-cpu",
            props: { type: "v1/dbaas/alerts/cpu_alerts", entities: ["db-1"], alerts: emails },
            deps: { entities: ["db"] },
        },
        {
            type: D.monitor,
            name: "cache-memory",
            props: { type: "v1/dbaas/alerts/memory_utilization_alerts", entities: ["cache-1"], alerts: emails },
            deps: { entities: ["cache"] },
        },
        { type: D.check, name: "check", props: { id: "chk-1", target: "https://app.example.com/up", type: "https" } },
        {
            type: D.uptime,
            name: "down",
            props: { checkId: "chk-1", type: "down", notifications: [emails] },
            deps: { checkId: ["check"] },
        },
    ];
}

describe("webtier-alerts on AWS", () => {
    it("accepts a tier whose balancer, servers, database and cache each have an alarm on a subscribed topic", async () => {
        assertNone(await validateStack(alerts, awsStack()));
    });

    it("asks an auto scaling group joined to the balancer by an attachment for an alarm", async () => {
        const group = { type: "aws:autoscaling/group:Group", name: "app-asg", props: { id: "app-asg", minSize: 2 } };
        assertNone(await validateStack(alerts, [...awsStack(), group]));
        const joined = [
            ...awsStack(),
            group,
            {
                type: "aws:autoscaling/attachment:Attachment",
                name: "join",
                props: { autoscalingGroupName: "app-asg", lbTargetGroupArn: "arn:tg" },
            },
        ];
        assertViolation(await validateStack(alerts, joined), 'auto scaling group "app-asg"', "no CloudWatch alarm");
    });

    it("asks a classic ELB, and the instances it lists, for alarms", async () => {
        const elb = {
            type: "aws:elb/loadBalancer:LoadBalancer",
            name: "elb",
            props: { id: "elb", name: "elb", instances: ["i-late"] },
        };
        const late = { type: "aws:ec2/instance:Instance", name: "late", props: { id: "i-late" } };
        const violations = await validateStack(alerts, [...awsStack(), elb, late]);
        assertViolation(violations, 'classic load balancer "elb" (the balancer) has no CloudWatch alarm');
        assertViolation(violations, 'EC2 instance "late" (the app server) has no CloudWatch alarm');
    });

    it("asks an ECS service behind the balancer, of either provider, for an alarm on its ServiceName", async () => {
        const service = (type: string, props: Record<string, unknown>) => ({
            type,
            name: "shop",
            props: { loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "app", containerPort: 80 }], ...props },
        });
        for (const shop of [
            service("aws:ecs/service:Service", { name: "shop" }),
            service("aws-native:ecs:Service", { serviceName: "shop" }),
        ]) {
            assertViolation(
                await validateStack(alerts, [...awsStack(), shop]),
                'ECS service "shop" (the app server) has no CloudWatch alarm',
            );
            assertNone(
                await validateStack(alerts, [
                    ...awsStack(),
                    shop,
                    alarm("shop-cpu", { ClusterName: "shop-cluster", ServiceName: "shop" }),
                ]),
            );
        }
        // Not behind a balancer (a queue worker service): not asked.
        assertNone(
            await validateStack(alerts, [
                ...awsStack(),
                { type: "aws:ecs/service:Service", name: "worker", props: { name: "worker" } },
            ]),
        );
    });

    it("flags a server without an alarm, naming it", async () => {
        const violations = await validateStack(alerts, without(awsStack(), "web-2-cpu"));
        assertViolation(violations, `EC2 instance "web-2"`, "app server", "no CloudWatch alarm");
        assert.deepStrictEqual(
            violations.map((v) => v.name),
            ["web-2"],
        );
    });

    it("flags the balancer, database and cache when their alarms are gone", async () => {
        const violations = await validateStack(alerts, without(awsStack(), "alb-5xx", "db-cpu", "cache-memory"));
        assert.deepStrictEqual(violations.map((v) => v.name).sort(), ["alb", "cache", "db"]);
    });

    it("does not count an alarm whose topic nobody subscribes to, or whose actions are disabled", async () => {
        assertViolation(await validateStack(alerts, without(awsStack(), "ops-email")), "none notifies anyone");
        const disabled = awsStack();
        pick(disabled, "db-cpu").props.actionsEnabled = false;
        assertViolation(await validateStack(alerts, disabled), `RDS instance "db"`, "none notifies anyone");
        const noActions = awsStack();
        pick(noActions, "web-1-cpu").props.alarmActions = [];
        assertViolation(await validateStack(alerts, noActions), `EC2 instance "web-1"`, "none notifies anyone");
    });

    it("does not count a topic whose only subscribers are programs (a queue, a delivery stream)", async () => {
        for (const protocol of ["sqs", "firehose"]) {
            const stack = awsStack();
            pick(stack, "ops-email").props.protocol = protocol;
            assertViolation(await validateStack(alerts, stack), "none notifies anyone");
        }
        for (const protocol of ["https", "sms", "lambda"]) {
            const stack = awsStack();
            pick(stack, "ops-email").props.protocol = protocol;
            assertNone(await validateStack(alerts, stack));
        }
        // A native topic's inline subscriptions, likewise.
        const inline = without(awsStack(), "ops-email");
        pick(inline, "topic").props.subscription = [{ protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:1:q" }];
        assertViolation(await validateStack(alerts, inline), "none notifies anyone");
        pick(inline, "topic").props.subscription = [{ protocol: "email", endpoint: "ops@example.com" }];
        assertNone(await validateStack(alerts, inline));
    });

    it("counts an alarm without actions of its own when a composite alarm that notifies has it in its rule", async () => {
        const stack = awsStack();
        const cpu = pick(stack, "web-1-cpu");
        cpu.props.alarmActions = [];
        cpu.props.name = "web-1-cpu-high";
        delete cpu.deps;
        stack.push({
            type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
            name: "web-1-unwell",
            props: {
                alarmName: "web-1-unwell",
                alarmRule: 'ALARM("web-1-cpu-high") OR ALARM("other")',
                alarmActions: [TOPIC_ARN],
            },
            deps: { alarmActions: ["topic"] },
        });
        assertNone(await validateStack(alerts, stack));
        pick(stack, "web-1-unwell").props.alarmRule = 'ALARM("other")';
        assertViolation(await validateStack(alerts, stack), `EC2 instance "web-1"`, "none notifies anyone");
    });

    it("trusts an SNS topic outside the stack (a team's paging topic)", async () => {
        const stack = without(awsStack(), "topic", "ops-email");
        for (const r of stack.filter((r) => r.type === A.alarm)) {
            r.props.alarmActions = ["arn:aws:sns:eu-west-1:999999999999:team-pager"];
            delete r.deps;
        }
        assertNone(await validateStack(alerts, stack));
    });

    it("follows dependencies when dimensions and the topic are unknown during preview", async () => {
        const stack = awsStack();
        for (const r of stack.filter((r) => r.type === A.alarm && r.props.dimensions)) {
            const [key] = Object.keys(r.props.dimensions);
            const target = {
                InstanceId: r.name.replace("-cpu", ""),
                DBInstanceIdentifier: "db",
                CacheClusterId: "cache",
            }[key]!;
            r.props.dimensions = { [key]: UNKNOWN_STRING };
            r.props.alarmActions = [UNKNOWN_STRING];
            r.deps = { dimensions: [target], alarmActions: ["topic"] };
        }
        pick(stack, "ops-email").props.topic = UNKNOWN_STRING;
        assertNone(await validateStack(alerts, stack));
        // Unknown and without a dependency on web-1, its alarm proves nothing.
        delete pick(stack, "web-1-cpu").deps!.dimensions;
        assertViolation(await validateStack(alerts, stack), `EC2 instance "web-1"`);
    });

    it("holds MemoryDB and DAX clusters to the same, matched by ClusterName and ClusterId", async () => {
        const memorydb = {
            type: "aws:memorydb/cluster:Cluster",
            name: "sessions",
            props: { id: "sessions", name: "sessions" },
        };
        const dax = {
            type: "aws:dax/cluster:Cluster",
            name: "lookups",
            props: { id: "lookups", clusterName: "lookups" },
        };
        const bare = [...awsStack(), memorydb, dax];
        const violations = await validateStack(alerts, bare);
        assert.deepStrictEqual(violations.map((v) => v.name).sort(), ["lookups", "sessions"]);
        assertViolation(violations, "(the cache)", "MemoryDB: ClusterName");
        const watched = [
            ...bare,
            alarm("sessions-memory", { ClusterName: "sessions" }),
            alarm("lookups-cpu", { ClusterId: "lookups" }),
        ];
        assertNone(await validateStack(alerts, watched));
        // DAX reports its cluster name as clusterName: the id alone need not be it.
        const byName = watched.map((r) =>
            r === dax ? { ...dax, props: { id: "dax-0a1b", clusterName: "lookups" } } : r,
        );
        assertNone(await validateStack(alerts, byName));
    });

    it("holds an Amazon MQ broker to the same, as the queue broker, matched by its name or an active/standby instance", async () => {
        const broker = {
            type: "aws:mq/broker:Broker",
            name: "jobs",
            props: { id: "b-1234", arn: "arn:aws:mq:eu-west-1:123456789012:broker:jobs:b-1234", brokerName: "jobs" },
        };
        const bare = [...awsStack(), broker];
        const violations = await validateStack(alerts, bare);
        assert.deepStrictEqual(
            violations.map((v) => v.name),
            ["jobs"],
        );
        assertViolation(violations, 'Amazon MQ broker "jobs" (the queue broker)', "Broker dimension");
        assertNone(await validateStack(alerts, [...bare, alarm("jobs-memory", { Broker: "jobs" })]));
        // ActiveMQ's active/standby pair reports each instance: name-1 and name-2.
        assertNone(await validateStack(alerts, [...bare, alarm("jobs-cpu", { Broker: "jobs-2" })]));
        // ...and no other suffix: "jobs-3" is another broker's name.
        assertViolation(await validateStack(alerts, [...bare, alarm("other-cpu", { Broker: "jobs-3" })]), "jobs");
    });

    it("does not take another group's node for this cache's", async () => {
        const stack = awsStack();
        pick(stack, "cache-memory").props.dimensions = { CacheClusterId: "other-rg-001" };
        assertViolation(await validateStack(alerts, stack), `replication group "cache"`);
    });
});

describe("webtier-alerts on DigitalOcean", () => {
    it("accepts droplets watched by tag, the balancer by an uptime check on its DNS name, and clusters by id", async () => {
        assertNone(await validateStack(alerts, doStack()));
    });

    it("flags a droplet without the watched tag", async () => {
        const stack = doStack();
        pick(stack, "web-2").props.tags = ["t-lb"];
        delete pick(stack, "web-2").deps;
        const violations = await validateStack(alerts, stack);
        assert.deepStrictEqual(
            violations.map((v) => v.name),
            ["web-2"],
        );
    });

    it("asks an autoscale pool for an alert, met by a droplet alert policy on a tag of its template", async () => {
        const pool = (tags: string[], deps?: string[]): FakeResource => ({
            type: POOL,
            name: "web-pool",
            props: {
                id: "pool-1",
                config: { minInstances: 2, maxInstances: 5 },
                dropletTemplate: {
                    image: "ubuntu-24-04-x64",
                    region: "fra1",
                    size: "s-1vcpu-2gb",
                    sshKeys: ["1"],
                    tags,
                },
            },
            ...(deps ? { deps: { dropletTemplate: deps } } : {}),
        });
        assertNone(await validateStack(alerts, [...doStack(), pool(["t-app", "t-lb"])]));
        // Through the Tag resource when the template's and the alert's tags are unknown (preview).
        const preview = doStack();
        pick(preview, "cpu").props.tags = [UNKNOWN_STRING];
        assertNone(await validateStack(alerts, [...preview, pool([UNKNOWN_STRING], ["app-tag"])]));
        assert.deepStrictEqual(
            (await validateStack(alerts, [...preview, pool([UNKNOWN_STRING])])).map((v) => v.name),
            ["web-pool"],
        );
        const unwatched = await validateStack(alerts, [...doStack(), pool(["t-lb"])]);
        assert.deepStrictEqual(
            unwatched.map((v) => v.name),
            ["web-pool"],
        );
        assertViolation(
            unwatched,
            'droplet autoscale pool "web-pool" (the app server) has no alert',
            "dropletTemplate",
        );
        // A droplet alert's entities are droplet ids: naming the pool watches none of its droplets.
        const byEntity = [...doStack(), pool(["t-lb"])];
        pick(byEntity, "cpu").props.entities = ["pool-1"];
        pick(byEntity, "cpu").deps = { tags: ["app-tag"], entities: ["web-pool"] };
        assert.deepStrictEqual(
            (await validateStack(alerts, byEntity)).map((v) => v.name),
            ["web-pool"],
        );
    });

    it("flags alerts without an email or Slack destination, and disabled ones", async () => {
        const stack = doStack();
        pick(stack, "db-cpu").props.alerts = { emails: [] };
        assertViolation(await validateStack(alerts, stack), `database cluster "db"`, "none is enabled with an email");
        const disabled = doStack();
        pick(disabled, "cpu").props.enabled = false;
        assert.deepStrictEqual((await validateStack(alerts, disabled)).map((v) => v.name).sort(), ["web-1", "web-2"]);
    });

    it("flags the balancer when the uptime check looks at another host", async () => {
        const stack = doStack();
        pick(stack, "check").props.target = "https://status.example.org/up";
        assertViolation(await validateStack(alerts, stack), `load balancer "lb"`, "no alert");
    });

    it("accepts an uptime check on the balancer's IP, or a 5xx alert policy on its id", async () => {
        const byIp = doStack();
        pick(byIp, "check").props.target = "http://198.51.100.7/up";
        assertNone(await validateStack(alerts, without(byIp, "dns")));
        const byPolicy = without(doStack(), "check", "down");
        byPolicy.push({
            type: D.monitor,
            name: "lb-5xx",
            props: {
                type: "v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx",
                entities: ["lb-1"],
                alerts: { slacks: [{ channel: "#ops", url: "https://hooks.slack.com/x" }] },
            },
        });
        assertNone(await validateStack(alerts, byPolicy));
    });

    it("tells the cache from the database: a database alert does not cover the cache", async () => {
        const stack = doStack();
        pick(stack, "cache-memory").props.entities = ["db-1"];
        pick(stack, "cache-memory").deps = { entities: ["db"] };
        assertViolation(await validateStack(alerts, stack), `database cluster "cache"`, "(the cache)");
    });
});

describe("webtier-alerts on webtier's real stacks (offline check, prod policy config)", function () {
    this.timeout(240000);
    const alertViolations = async (stack: string, config: string[] = [], preview = false) => {
        const result = await runCheck({
            distRoot: DIST_ROOT,
            projectDir: REPO_ROOT,
            stacks: [stack],
            config,
            policyConfig: "policies/config/prod.json",
            preview,
        });
        assert.strictEqual(result.stacks[0].error, undefined, String(result.stacks[0].error));
        return result.stacks[0].violations.filter((v) => v.policy === "webtier-alerts");
    };

    for (const stack of ["aws-prod", "do-prod"]) {
        it(`${stack}: every part of the tier has an alert wired to a destination`, async () => {
            assert.deepStrictEqual(await alertViolations(stack), []);
        });

        it(`${stack}: the same under preview, where ids, ARNs and the topic are unknown (followed through dependencies)`, async () => {
            assert.deepStrictEqual(await alertViolations(stack, [], true), []);
            assert.strictEqual((await alertViolations(stack, ['webtier:alerts={"enabled":false}'], true)).length, 6);
        });

        it(`${stack}: with alerts turned off, the balancer, each server, the database and the cache are mandatory violations`, async () => {
            const violations = await alertViolations(stack, ['webtier:alerts={"enabled":false}']);
            assert.ok(violations.every((v) => v.level === "mandatory"));
            const types = violations.map((v) => v.type.split(":").pop()).sort();
            assert.deepStrictEqual(
                types,
                stack === "aws-prod"
                    ? ["Instance", "Instance", "Instance", "Instance", "LoadBalancer", "ReplicationGroup"]
                    : ["DatabaseCluster", "DatabaseCluster", "Droplet", "Droplet", "Droplet", "LoadBalancer"],
            );
        });
    }
});
