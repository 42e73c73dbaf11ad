/**
 * The program's one escape hatch, `runWebtier({ transform })`, on both clouds: it reaches every
 * child resource the tier creates, each through its own component's key, and a transform deep
 * in any component changes what is registered (args and resource options).
 */
import * as assert from "assert";
import { evaluate, Evaluation, RegisteredResource } from "../../tools/harness/evaluate";
import { RawConfig } from "../../infra/config/parse";
import { Cloud } from "../../infra/config/types";
import { TierTransform } from "../../infra/platforms";
import { runWebtier, WebtierProgramOptions } from "../../infra/program";
import { CREDENTIAL_VARIABLES } from "../../infra/digitalocean/provider";

const APP_KEY = `base64:${"T".repeat(43)}=`;
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockTransform ops@example.com";

/** Stack configs that, together, make every optional child of each cloud exist. */
const STACKS: Record<Cloud, Record<string, RawConfig>> = {
    aws: {
        /** Domain in a Route 53 zone, 3 zones (a NAT gateway each), SQS, CDN, CORS, SSH, every alert destination. */
        "t-aws-prod": {
            cloud: "aws",
            region: "eu-west-1",
            environment: "prod",
            domain: "app.example.com",
            dnsZone: "example.com",
            zones: "3",
            servers: JSON.stringify({ count: 2, sshPublicKey: SSH_KEY, allowSshFrom: ["203.0.113.0/24"] }),
            queue: JSON.stringify({ driver: "sqs" }),
            storage: JSON.stringify({ cdn: true, corsOrigins: ["https://app.example.com"] }),
            alerts: JSON.stringify({
                emails: ["ops@example.com"],
                httpsEndpoint: "https://events.example.net/integration/abc/enqueue",
            }),
        },
        /** A domain whose DNS is hosted elsewhere: the certificate's validation without a record. */
        "t-aws-stage": { cloud: "aws", region: "eu-west-1", environment: "staging", domain: "staging.example.org" },
        /** No domain: the plain HTTP forwarding listener. */
        "t-aws-dev": { cloud: "aws", region: "eu-west-1", environment: "dev" },
    },
    digitalocean: {
        /** Domain, CDN, CORS, SSH key, email and Slack alerts. */
        "t-do-prod": {
            cloud: "digitalocean",
            region: "ams3",
            environment: "prod",
            domain: "app.example.com",
            dnsZone: "example.com",
            servers: JSON.stringify({ count: 2, sshPublicKey: SSH_KEY, allowSshFrom: ["203.0.113.0/24"] }),
            storage: JSON.stringify({ cdn: true, corsOrigins: ["https://app.example.com"] }),
            alerts: JSON.stringify({
                emails: ["ops@example.com"],
                slack: { url: "https://hooks.slack.com/services/T000/B000/XXXX", channel: "#ops" },
            }),
        },
        "t-do-dev": { cloud: "digitalocean", region: "ams3", environment: "dev" },
    },
};

/** Evaluates the real program entry for a stack config with program options, as `pulumi up` would. */
async function evaluateProgram(stack: string, raw: RawConfig, options: WebtierProgramOptions): Promise<Evaluation> {
    const config: Record<string, string> = { "webtier:appKey": APP_KEY };
    for (const [key, value] of Object.entries(raw)) if (value !== undefined) config[`webtier:${key}`] = value;
    // Stand-in DigitalOcean credentials keep the provider's warning out of the output.
    const saved = Object.values(CREDENTIAL_VARIABLES).map((name) => [name, process.env[name]] as const);
    for (const [name] of saved) process.env[name] = process.env[name] || "test-stand-in";
    try {
        return await evaluate({
            program: () => runWebtier(options),
            config,
            secretKeys: ["webtier:appKey"],
            stack,
        });
    } finally {
        for (const [name, value] of saved) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    }
}

/** One call of a child's transform, as the recording transform saw it. */
interface Call {
    component: string;
    child: string;
    name: string;
}

/**
 * A transform for every component and every child name anyone may ask for: it records each call
 * and changes nothing. Built as proxies, so it holds no list of children that could itself miss one.
 */
function recordingTransform(calls: Call[]): object {
    const recorder = (component: string, child: string) => (_args: unknown, _opts: unknown, name: string) => {
        calls.push({ component, child, name });
    };
    const children = (component: string) =>
        new Proxy(
            {},
            { get: (_target, child) => (typeof child === "string" ? recorder(component, child) : undefined) },
        );
    return new Proxy(
        {},
        {
            get: (_target, key) => {
                if (typeof key !== "string") return undefined;
                // The provider is a child of the tier itself, not of a component.
                return key === "provider" ? recorder("tier", "provider") : children(key);
            },
        },
    );
}

/** Which component type a platform's transform key stands for, on each cloud. */
const COMPONENT_TYPES: Record<Cloud, Record<string, string>> = {
    aws: {
        tier: "webtier:index:WebTier",
        network: "webtier:aws:Network",
        database: "webtier:aws:Database",
        cache: "webtier:aws:Cache",
        storage: "webtier:aws:Storage",
        queue: "webtier:aws:Queue",
        loadBalancer: "webtier:aws:LoadBalancer",
        accessLogs: "webtier:aws:AccessLogs",
        agent: "webtier:aws:CloudWatchAgentSetup",
        secrets: "webtier:aws:ServerSecrets",
        servers: "webtier:aws:Servers",
        rules: "webtier:aws:NetworkRules",
        alerts: "webtier:aws:Alerts",
    },
    digitalocean: {
        tier: "webtier:index:WebTier",
        network: "webtier:digitalocean:Network",
        database: "webtier:digitalocean:Database",
        cache: "webtier:digitalocean:Cache",
        storage: "webtier:digitalocean:Storage",
        accessLogs: "webtier:digitalocean:AccessLogs",
        queue: "webtier:digitalocean:Queue",
        loadBalancer: "webtier:digitalocean:LoadBalancer",
        servers: "webtier:digitalocean:Servers",
        rules: "webtier:digitalocean:NetworkRules",
        alerts: "webtier:digitalocean:Alerts",
    },
};

for (const cloud of ["aws", "digitalocean"] as const) {
    describe(`tier transform on ${cloud}: every child is reachable from the program`, () => {
        for (const [stack, raw] of Object.entries(STACKS[cloud])) {
            it(`passes each of ${stack}'s child resources through its own component's transform, once`, async () => {
                const calls: Call[] = [];
                const ev = await evaluateProgram(stack, raw, {
                    transform: { [cloud]: recordingTransform(calls) },
                });
                const children = ev.resources.filter((r) => r.custom);
                assert.ok(children.length > 10, `${stack} registers its resources (${children.length})`);
                assert.deepStrictEqual(
                    calls.map((c) => c.name).sort(),
                    children.map((r) => r.name).sort(),
                    "every registered resource went through exactly one transform call",
                );
                const byUrn = new Map(ev.resources.map((r) => [r.urn, r]));
                for (const call of calls) {
                    const parents = children.filter((r) => r.name === call.name).map((r) => byUrn.get(r.parent!)?.type);
                    assert.ok(
                        parents.includes(COMPONENT_TYPES[cloud][call.component]),
                        `${call.component}.${call.child} (${call.name}) is a child of ${COMPONENT_TYPES[cloud][call.component]}, not of ${parents.join(", ")}`,
                    );
                }
            });
        }
    });
}

/** The registered resource called `name` of `type`, exactly one. */
function resource(ev: Evaluation, type: string, name: string): RegisteredResource {
    const found = ev.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(found.length, 1, `one ${type} named ${name}, found ${found.length}`);
    return found[0];
}

describe("tier transform on aws: a child deep in each component, args and options", () => {
    let ev: Evaluation;
    let plain: Evaluation;
    const stack = "t-aws-prod";
    const transform: TierTransform = {
        aws: {
            provider: (args) => {
                args.maxRetries = 12;
            },
            network: {
                // The route of the third zone's private subnet only: the name tells the children apart.
                route: (_args, opts, name) => {
                    if (name === "t-aws-prod-private-default-3") opts.retainOnDelete = true;
                },
                natIp: { tags: { Name: "nat", team: "network" } },
            },
            database: {
                instance: { performanceInsightsEnabled: true },
                parameterGroup: (args) => ({
                    ...args,
                    parameters: [{ name: "log_min_duration_statement", value: "500" }],
                }),
            },
            cache: { replicationGroup: { snapshotWindow: "03:00-05:00" } },
            storage: { distribution: { priceClass: "PriceClass_All" } },
            queue: { deadLetterQueue: { messageRetentionSeconds: 86400 } },
            loadBalancer: {
                aliasRecord: (_args, opts, name) => {
                    if (name.endsWith("-alias-aaaa")) opts.ignoreChanges = ["aliases"];
                },
                redirectListener: (args) => {
                    args.tags = { purpose: "redirect" };
                },
            },
            agent: { policyAttachment: (_args, opts) => void (opts.protect = true) },
            secrets: { parameter: { tier: "Advanced" } },
            servers: {
                instance: (args, _opts, name) => {
                    if (name === "t-aws-prod-app-2") args.instanceType = "t3.large";
                },
                healthGate: { pollIntervalSeconds: 30 },
            },
            rules: {
                ingressRule: (args, _opts, name) => {
                    if (name === "t-aws-prod-app-in-80-lb") args.description = "web traffic from the balancer";
                },
            },
            alerts: {
                alarm: (args, _opts, name) => {
                    if (name === "t-aws-prod-alarm-db-cpu") args.threshold = 95;
                },
                httpsSubscription: { rawMessageDelivery: true },
            },
        },
        // Another cloud's transforms are ignored on this one.
        digitalocean: { servers: { droplet: { backups: true } } },
    };

    before(async () => {
        ev = await evaluateProgram(stack, STACKS.aws[stack], {
            transform,
            platforms: { aws: { tags: { team: "web" } } },
        });
        plain = await evaluateProgram(stack, STACKS.aws[stack], {});
    });

    it("adjusts the stack's provider, next to the platform's other options (tags)", () => {
        const provider = resource(ev, "pulumi:providers:aws", "t-aws-prod-aws");
        assert.strictEqual(String(provider.inputs.maxRetries), "12");
        // Provider inputs travel JSON-encoded.
        const defaultTags = JSON.parse(provider.inputs.defaultTags as string) as { tags: Record<string, string> };
        assert.strictEqual(
            defaultTags.tags.team,
            "web",
            "the platforms option reaches the platform with the transform",
        );
        assert.strictEqual(defaultTags.tags["managed-by"], "pulumi");
        assert.strictEqual(resource(plain, "pulumi:providers:aws", "t-aws-prod-aws").inputs.maxRetries, undefined);
    });

    it("sets an option on one route of the network, and the NAT addresses' tags", () => {
        const route = (e: Evaluation, n: number) =>
            resource(e, "aws:ec2/route:Route", `t-aws-prod-private-default-${n}`);
        assert.strictEqual(route(ev, 3).retainOnDelete, true);
        assert.strictEqual(route(ev, 2).retainOnDelete, false, "the other zones' routes are untouched");
        assert.strictEqual(route(plain, 3).retainOnDelete, false);
        for (const eip of ev.resources.filter((r) => r.type === "aws:ec2/eip:Eip"))
            assert.deepStrictEqual(eip.inputs.tags, { Name: "nat", team: "network" });
    });

    it("adjusts the database instance and replaces its parameter group's parameters", () => {
        assert.strictEqual(
            resource(ev, "aws:rds/instance:Instance", "t-aws-prod-db").inputs.performanceInsightsEnabled,
            true,
        );
        const params = resource(ev, "aws:rds/parameterGroup:ParameterGroup", "t-aws-prod-db-params").inputs.parameters;
        assert.deepStrictEqual(
            params.map((p: { name: string }) => p.name),
            ["log_min_duration_statement"],
        );
    });

    it("adjusts the cache, the CDN, the dead-letter queue and the server secrets", () => {
        assert.strictEqual(
            resource(ev, "aws:elasticache/replicationGroup:ReplicationGroup", "t-aws-prod-cache").inputs.snapshotWindow,
            "03:00-05:00",
        );
        assert.strictEqual(
            resource(ev, "aws:cloudfront/distribution:Distribution", "t-aws-prod-cdn").inputs.priceClass,
            "PriceClass_All",
        );
        assert.strictEqual(
            resource(ev, "aws:sqs/queue:Queue", "t-aws-prod-jobs-dlq").inputs.messageRetentionSeconds,
            86400,
        );
        assert.strictEqual(
            resource(ev, "aws:ssm/parameter:Parameter", "t-aws-prod-laravel-env").inputs.tier,
            "Advanced",
        );
    });

    it("sets options on the balancer's AAAA alias only, and tags its redirect listener", () => {
        assert.deepStrictEqual(resource(ev, "aws:route53/record:Record", "t-aws-prod-alias-aaaa").ignoreChanges, [
            "aliases",
        ]);
        assert.deepStrictEqual(resource(ev, "aws:route53/record:Record", "t-aws-prod-alias-a").ignoreChanges, []);
        assert.deepStrictEqual(resource(ev, "aws:lb/listener:Listener", "t-aws-prod-http").inputs.tags, {
            purpose: "redirect",
        });
    });

    it("protects the CloudWatch agent's policy attachment", () => {
        const attachment = resource(ev, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "t-aws-prod-app-cwagent");
        assert.strictEqual(attachment.protect, true);
    });

    it("resizes the second server only, and slows every health gate's polling", () => {
        const size = (n: number) =>
            resource(ev, "aws:ec2/instance:Instance", `t-aws-prod-app-${n}`).inputs.instanceType;
        assert.deepStrictEqual([size(1), size(2)], ["t3.small", "t3.large"]);
        const gates = ev.resources.filter((r) => r.name.endsWith("-healthy"));
        assert.strictEqual(gates.length, 2);
        for (const gate of gates) assert.strictEqual(gate.inputs.pollIntervalSeconds, 30);
    });

    it("rewords one security-group rule and raises one alarm's threshold", () => {
        assert.strictEqual(
            resource(ev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "t-aws-prod-app-in-80-lb").inputs
                .description,
            "web traffic from the balancer",
        );
        const alarm = (e: Evaluation) =>
            resource(e, "aws:cloudwatch/metricAlarm:MetricAlarm", "t-aws-prod-alarm-db-cpu").inputs.threshold;
        assert.deepStrictEqual([alarm(ev), alarm(plain)], [95, 80]);
        assert.strictEqual(
            resource(ev, "aws:sns/topicSubscription:TopicSubscription", "t-aws-prod-alerts-https").inputs
                .rawMessageDelivery,
            true,
        );
    });
});

describe("tier transform on digitalocean: a child deep in each component, args and options", () => {
    let ev: Evaluation;
    const stack = "t-do-prod";
    const transform: TierTransform = {
        digitalocean: {
            provider: { httpRetryMax: 12 },
            network: { vpc: { description: "shared with the office VPN" } },
            database: { user: { name: "laravel" } },
            cache: {
                cluster: (args) => {
                    args.evictionPolicy = "volatile_lru";
                },
            },
            storage: { key: (_args, opts) => void (opts.retainOnDelete = true) },
            loadBalancer: { dnsRecord: { ttl: 60 } },
            servers: {
                droplet: (args, _opts, name) => {
                    if (name === "t-do-prod-app-2") args.backups = true;
                },
                healthGate: { pollIntervalSeconds: 20 },
            },
            rules: {
                cacheFirewall: (args) => ({ ...args, rules: [{ type: "ip_addr", value: "10.20.0.5" }] }),
            },
            alerts: {
                uptimeAlert: (args, _opts, name) => {
                    if (name === "t-do-prod-alert-uptime-down") args.period = "5m";
                },
            },
        },
        aws: { servers: { instance: { instanceType: "t3.large" } } },
    };

    before(async () => {
        ev = await evaluateProgram(stack, STACKS.digitalocean[stack], { transform });
    });

    it("adjusts the provider and the VPC", () => {
        assert.strictEqual(
            String(resource(ev, "pulumi:providers:digitalocean", "t-do-prod-provider").inputs.httpRetryMax),
            "12",
        );
        assert.strictEqual(
            resource(ev, "digitalocean:index/vpc:Vpc", "t-do-prod-vpc").inputs.description,
            "shared with the office VPN",
        );
    });

    it("renames the app's database user, and the outputs follow", () => {
        assert.strictEqual(
            resource(ev, "digitalocean:index/databaseUser:DatabaseUser", "t-do-prod-db-user").inputs.name,
            "laravel",
        );
        assert.strictEqual(ev.outputs.database.user, "laravel");
    });

    it("adjusts the cache cluster, and keeps the Spaces key on delete", () => {
        assert.strictEqual(
            resource(ev, "digitalocean:index/databaseCluster:DatabaseCluster", "t-do-prod-cache").inputs.evictionPolicy,
            "volatile_lru",
        );
        assert.strictEqual(
            resource(ev, "digitalocean:index/spacesKey:SpacesKey", "t-do-prod-uploads-key").retainOnDelete,
            true,
        );
    });

    it("shortens the domain record's TTL", () => {
        assert.strictEqual(resource(ev, "digitalocean:index/dnsRecord:DnsRecord", "t-do-prod-dns").inputs.ttl, 60);
    });

    it("turns on backups for the second droplet only, and slows every health gate's polling", () => {
        const backups = (n: number) =>
            resource(ev, "digitalocean:index/droplet:Droplet", `t-do-prod-app-${n}`).inputs.backups;
        assert.deepStrictEqual([backups(1), backups(2)], [undefined, true]);
        const gates = ev.resources.filter((r) => r.name.endsWith("-healthy"));
        assert.strictEqual(gates.length, 2);
        for (const gate of gates) assert.strictEqual(gate.inputs.pollIntervalSeconds, 20);
    });

    it("replaces the cache firewall's rules, and one uptime alert's period", () => {
        assert.deepStrictEqual(
            resource(ev, "digitalocean:index/databaseFirewall:DatabaseFirewall", "t-do-prod-cache-firewall").inputs
                .rules,
            [{ type: "ip_addr", value: "10.20.0.5" }],
        );
        assert.strictEqual(
            resource(ev, "digitalocean:index/uptimeAlert:UptimeAlert", "t-do-prod-alert-uptime-down").inputs.period,
            "5m",
        );
    });
});
