import { reliability } from "../../../policies/rules/reliability";
import * as assert from "assert";
import { FakeResource, UNKNOWN_NUMBER, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";
import { awsTier, doPoolTier, doTier, pick, without } from "../fixtures";

/** The AWS tier without its two instances and their target group attachments. */
function tierWithoutServers(): FakeResource[] {
    return ["web-0", "web-1", "web-0-tg", "web-1-tg"].reduce((stack, name) => without(stack, name), awsTier());
}

describe("webtier-reliability on AWS", () => {
    it("accepts two servers in two zones and a Multi-AZ, backed-up, protected database", async () => {
        assertNone(await validateStack(reliability, awsTier()));
    });

    it("flags a single server behind the balancer, unless minServers is 1", async () => {
        const stack = without(without(awsTier(), "web-1-tg"), "web-1");
        assertViolation(await validateStack(reliability, stack), "Only 1 server", "at least 2");
        assertNone(await validateStack(reliability, stack, { minServers: 1 }));
    });

    it("flags servers all in one zone", async () => {
        const stack = awsTier();
        pick(stack, "private-b").props.availabilityZone = "eu-west-1a";
        assertViolation(await validateStack(reliability, stack), "eu-west-1a", "two zones");
    });

    it("does not prove two zones from zones unknown during preview", async () => {
        const stack = awsTier();
        pick(stack, "web-0").props.availabilityZone = UNKNOWN_STRING;
        pick(stack, "private-a").props.availabilityZone = UNKNOWN_STRING;
        assertViolation(await validateStack(reliability, stack), "unknown during preview");
    });

    it("counts an ECS service's desired tasks behind the balancer, in its subnets' zones", async () => {
        const service = (desiredCount: number | undefined, subnets: string[]) => ({
            type: "aws:ecs/service:Service",
            name: "app",
            props: {
                desiredCount,
                launchType: "FARGATE",
                loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "app", containerPort: 80 }],
                networkConfiguration: { subnets: subnets.map((s) => `subnet-${s}`), assignPublicIp: false },
            },
            deps: { networkConfiguration: subnets.map((s) => `private-${s}`) },
        });
        const base = tierWithoutServers();
        assertNone(await validateStack(reliability, [...base, service(2, ["a", "b"])]));
        assertViolation(await validateStack(reliability, [...base, service(1, ["a", "b"])]), "Only 1 server");
        assertViolation(await validateStack(reliability, [...base, service(undefined, ["a", "b"])]), "Only 0 server");
        assertViolation(await validateStack(reliability, [...base, service(3, ["a"])]), "all run in eu-west-1a");
        // A service not behind the balancer counts for nothing.
        const unbalanced = { ...service(2, ["a", "b"]), props: { ...service(2, ["a", "b"]).props, loadBalancers: [] } };
        assertViolation(await validateStack(reliability, [...base, unbalanced]), "Only 0 server");
    });

    it("flags a server, group or service behind the balancer replaced delete-first, and only those", async () => {
        const stack = awsTier();
        pick(stack, "web-1").deleteBeforeReplace = true;
        const violations = await validateStack(reliability, stack);
        assertViolation(violations, 'EC2 instance "web-1" (an app server) has the deleteBeforeReplace option');
        assert.strictEqual(violations.length, 1);
        pick(stack, "web-1").deleteBeforeReplace = false;
        assertNone(await validateStack(reliability, stack));
        // What serves no request may be replaced as it likes.
        const elsewhere = awsTier();
        pick(elsewhere, "cache-sg").deleteBeforeReplace = true;
        assertNone(await validateStack(reliability, elsewhere));
    });

    it("flags an ECS rolling deployment that may stop every task, and an instance refresh that replaces every server", async () => {
        const base = tierWithoutServers();
        const service = (props: Record<string, any>): FakeResource => ({
            type: "aws:ecs/service:Service",
            name: "app",
            props: {
                desiredCount: 2,
                loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "app", containerPort: 80 }],
                networkConfiguration: { subnets: ["subnet-a", "subnet-b"] },
                ...props,
            },
            deps: { networkConfiguration: ["private-a", "private-b"] },
        });
        assertNone(await validateStack(reliability, [...base, service({})]));
        assertNone(await validateStack(reliability, [...base, service({ deploymentMinimumHealthyPercent: 50 })]));
        assertViolation(
            await validateStack(reliability, [...base, service({ deploymentMinimumHealthyPercent: 0 })]),
            'ECS service "app" has deploymentMinimumHealthyPercent 0',
        );
        assertViolation(
            await validateStack(reliability, [...base, service({ deploymentMinimumHealthyPercent: UNKNOWN_NUMBER })]),
            "deploymentMinimumHealthyPercent unknown during preview",
        );
        // Blue/green and CodeDeploy start the new tasks first.
        for (const props of [
            { deploymentConfiguration: { strategy: "BLUE_GREEN" } },
            { deploymentController: { type: "CODE_DEPLOY" } },
        ])
            assertNone(
                await validateStack(reliability, [...base, service({ deploymentMinimumHealthyPercent: 0, ...props })]),
            );
        assertViolation(
            await validateStack(reliability, [...base, { ...service({}), deleteBeforeReplace: true }]),
            "(the app's service) has the deleteBeforeReplace option",
        );

        const group = (instanceRefresh: unknown): FakeResource => ({
            type: "aws:autoscaling/group:Group",
            name: "app-asg",
            props: {
                minSize: 2,
                maxSize: 4,
                targetGroupArns: ["arn:tg"],
                vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
                instanceRefresh,
            },
        });
        assertNone(await validateStack(reliability, [...base, group(undefined)]));
        assertNone(await validateStack(reliability, [...base, group({ strategy: "Rolling" })]));
        assertNone(
            await validateStack(reliability, [
                ...base,
                group({ strategy: "Rolling", preferences: { minHealthyPercentage: 50 } }),
            ]),
        );
        assertViolation(
            await validateStack(reliability, [
                ...base,
                group({ strategy: "Rolling", preferences: { minHealthyPercentage: 0 } }),
            ]),
            'auto scaling group "app-asg" has an instance refresh with minHealthyPercentage 0',
        );
    });

    it("counts an auto scaling group joined to the balancer by any of the provider's four ways", async () => {
        const base = tierWithoutServers();
        const group = (props: Record<string, unknown>): FakeResource => ({
            type: "aws:autoscaling/group:Group",
            name: "app-asg",
            props: {
                id: "app-asg",
                name: "app-asg",
                minSize: 2,
                maxSize: 4,
                vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
                ...props,
            },
        });
        // Not joined to the balancer: no server behind it.
        assertViolation(await validateStack(reliability, [...base, group({})]), "Only 0 server(s)");
        for (const own of [
            { targetGroupArns: ["arn:tg"] },
            { loadBalancers: ["classic-elb"] },
            { trafficSources: [{ identifier: "arn:tg", type: "elbv2" }] },
        ])
            assertNone(await validateStack(reliability, [...base, group(own)]));
        for (const attachment of [
            {
                type: "aws:autoscaling/attachment:Attachment",
                props: { autoscalingGroupName: "app-asg", lbTargetGroupArn: "arn:tg" },
            },
            {
                type: "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment",
                props: { autoscalingGroupName: "app-asg", trafficSource: { identifier: "arn:tg", type: "elbv2" } },
            },
        ]) {
            const joined = [...base, group({ minSize: 1 }), { name: "join", ...attachment }];
            assertViolation(await validateStack(reliability, joined), "Only 1 server(s)");
            const two = [...base, group({}), { name: "join", ...attachment }];
            assertNone(await validateStack(reliability, two));
            assertViolation(
                await validateStack(reliability, [
                    ...base,
                    { ...group({}), deleteBeforeReplace: true },
                    { name: "join", ...attachment },
                ]),
                "(the app servers' group) has the deleteBeforeReplace option",
            );
        }
    });

    it("counts the instances a classic ELB lists or an aws.elb.Attachment attaches", async () => {
        // The tier's ALB and target group attachments replaced by a classic ELB.
        const classic = (props: Record<string, unknown>, extra: FakeResource[] = []) => [
            ...["lb", "https", "http", "web-0-tg", "web-1-tg"].reduce((stack, name) => without(stack, name), awsTier()),
            { type: "aws:elb/loadBalancer:LoadBalancer", name: "elb", props: { name: "elb", ...props } },
            ...extra,
        ];
        assertNone(await validateStack(reliability, classic({ instances: ["i-0", "i-1"] })));
        assertViolation(await validateStack(reliability, classic({ instances: ["i-0"] })), "Only 1 server(s)");
        assertViolation(await validateStack(reliability, classic({})), "Only 0 server(s)");
        const attached = (instance: string, name: string): FakeResource => ({
            type: "aws:elb/attachment:Attachment",
            name,
            props: { elb: "elb", instance },
        });
        assertNone(
            await validateStack(reliability, classic({}, [attached("i-0", "web-0-elb"), attached("i-1", "web-1-elb")])),
        );
        const oneZone = classic({ instances: ["i-0", "i-1"] });
        pick(oneZone, "web-1").props.subnetId = "subnet-a";
        assertViolation(await validateStack(reliability, oneZone), "all run in eu-west-1a");
    });

    it("reads absent multiAz, backupRetentionPeriod and deletionProtection as off", async () => {
        const stack = awsTier();
        const db = pick(stack, "db");
        delete db.props.multiAz;
        delete db.props.backupRetentionPeriod;
        delete db.props.deletionProtection;
        const v = await validateStack(reliability, stack);
        assertViolation(v, "not Multi-AZ");
        assertViolation(v, "absent means 0");
        assertViolation(v, "deletion protection");
    });

    it("does not pass a backup retention unknown during preview", async () => {
        const stack = awsTier();
        pick(stack, "db").props.backupRetentionPeriod = UNKNOWN_NUMBER;
        assertViolation(await validateStack(reliability, stack), "unknown number of");
    });
});

describe("webtier-reliability on DigitalOcean", () => {
    it("accepts two tagged droplets behind the balancer and a database with a standby", async () => {
        assertNone(await validateStack(reliability, doTier()));
    });

    it("flags one droplet behind the balancer", async () => {
        assertViolation(await validateStack(reliability, without(doTier(), "web-1")), "1 droplet(s)", "at least 2");
    });

    it("counts droplets behind a tag in a preview through the Tag resource the droplets and the balancer take it from", async () => {
        const preview = (droplets: number) => [
            {
                type: "digitalocean:index/tag:Tag",
                name: "web-tag",
                props: { name: "web-tag-1a2b3c4", id: UNKNOWN_STRING },
            },
            ...Array.from({ length: droplets }, (_, i) => ({
                type: "digitalocean:index/droplet:Droplet",
                name: `web-${i}`,
                props: { tags: [UNKNOWN_STRING] },
                deps: { tags: ["web-tag"] },
            })),
            {
                type: "digitalocean:index/loadBalancer:LoadBalancer",
                name: "lb",
                props: { dropletTag: "web-tag-1a2b3c4" },
                deps: { dropletTag: ["web-tag"] },
            },
        ];
        assertNone(await validateStack(reliability, preview(2)));
        assertViolation(await validateStack(reliability, preview(1)), "1 droplet(s)");
    });

    it("counts an autoscale pool behind the balancer's tag at its minInstances, or its targetNumberInstances", async () => {
        const sized = (config: Record<string, unknown>) => {
            const stack = doPoolTier();
            pick(stack, "web-pool").props.config = config;
            return stack;
        };
        assertNone(await validateStack(reliability, doPoolTier()));
        assertNone(await validateStack(reliability, sized({ targetNumberInstances: 3 })));
        assertViolation(
            await validateStack(reliability, sized({ minInstances: 1, maxInstances: 5 })),
            'load balancer "lb" has 1 droplet(s) behind it',
            "config.minInstances",
        );
        assertViolation(await validateStack(reliability, sized({ maxInstances: 5 })), "has 0 droplet(s) behind it");
        assertViolation(
            await validateStack(reliability, sized({ minInstances: UNKNOWN_NUMBER, maxInstances: 5 })),
            'droplet autoscale pool "web-pool" keeps a number of droplets unknown during preview',
        );
        // A pool whose template does not carry the balancer's tag is not behind it.
        const elsewhere = doPoolTier();
        pick(elsewhere, "web-pool").props.dropletTemplate.tags = ["workers"];
        assertViolation(await validateStack(reliability, elsewhere), "has 0 droplet(s) behind it");
    });

    it("counts a pool behind a tag in a preview through the Tag resource its template and the balancer take it from", async () => {
        const stack = [
            { type: "digitalocean:index/tag:Tag", name: "web-tag", props: { name: "webtier-app", id: UNKNOWN_STRING } },
            ...doPoolTier(),
        ];
        pick(stack, "web-pool").props.dropletTemplate.tags = [UNKNOWN_STRING];
        pick(stack, "web-pool").deps = { dropletTemplate: ["web-tag"] };
        Object.assign(pick(stack, "lb"), {
            props: { ...pick(stack, "lb").props, dropletTag: UNKNOWN_STRING },
            deps: { dropletTag: ["web-tag"] },
        });
        assertNone(await validateStack(reliability, stack));
        pick(stack, "web-pool").deps = {};
        assertViolation(await validateStack(reliability, stack), "has 0 droplet(s) behind it");
    });

    it("counts each App Platform service's instances (absent: one; with autoscaling, its minimum), not its workers", async () => {
        const app = (services: Record<string, unknown>[]) => [
            ...doTier(),
            {
                type: "digitalocean:index/app:App",
                name: "shop",
                props: {
                    spec: {
                        name: "shop",
                        services,
                        workers: [{ name: "queue", instanceCount: 1 }],
                    },
                },
            },
        ];
        assertNone(await validateStack(reliability, app([{ name: "web", instanceCount: 2 }])));
        assertNone(
            await validateStack(
                reliability,
                app([{ name: "web", autoscaling: { minInstanceCount: 2, maxInstanceCount: 6 } }]),
            ),
        );
        assertViolation(
            await validateStack(reliability, app([{ name: "web" }])),
            'App Platform app "shop": service "web" runs 1 instance(s)',
            "Set instanceCount to 2",
        );
        assertViolation(
            await validateStack(
                reliability,
                app([{ name: "api", instanceCount: 3, autoscaling: { minInstanceCount: 1, maxInstanceCount: 4 } }]),
            ),
            'service "api" runs 1 instance(s)',
            "autoscaling.minInstanceCount",
        );
        assertViolation(
            await validateStack(reliability, app([{ name: "web", instanceCount: UNKNOWN_NUMBER }])),
            "unknown during preview",
        );
        // minServers 1: a single instance is what the stack asked for.
        assertNone(await validateStack(reliability, app([{ name: "web" }]), { minServers: 1 }));
    });

    it("flags a droplet behind the balancer replaced delete-first", async () => {
        const stack = doTier();
        pick(stack, "web-0").deleteBeforeReplace = true;
        assertViolation(
            await validateStack(reliability, stack),
            'droplet "web-0" (an app server) has the deleteBeforeReplace option',
        );
    });

    it("flags an autoscale pool behind the balancer replaced delete-first", async () => {
        const stack = doPoolTier();
        pick(stack, "web-pool").deleteBeforeReplace = true;
        assertViolation(
            await validateStack(reliability, stack),
            'droplet autoscale pool "web-pool" (an app server) has the deleteBeforeReplace option',
        );
    });

    it("flags a database without a standby node, and one whose node count is unknown", async () => {
        const stack = doTier();
        pick(stack, "db").props.nodeCount = 1;
        assertViolation(await validateStack(reliability, stack), 'database cluster "db"', "nodeCount to 2");
        pick(stack, "db").props.nodeCount = UNKNOWN_NUMBER;
        assertViolation(await validateStack(reliability, stack), "unknown number of");
    });
});
