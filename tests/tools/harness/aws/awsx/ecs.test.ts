// awsx's ECS components built by the harness as the awsx provider builds them (pulumi-awsx
// awsx/ecs): each asserted on the resources the program registers, in `pulumi up` and preview.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { EC2Service } from "../../../../../tools/harness/aws/awsx/ecs/ec2Service";
import { EC2TaskDefinition } from "../../../../../tools/harness/aws/awsx/ecs/ec2TaskDefinition";
import { FargateService } from "../../../../../tools/harness/aws/awsx/ecs/fargateService";
import { FargateTaskDefinition } from "../../../../../tools/harness/aws/awsx/ecs/fargateTaskDefinition";
import { Evaluation, evaluate, RegisteredResource } from "../../../../../tools/harness/evaluate";

const SERVICE = "aws:ecs/service:Service";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const DEFAULT_SUBNETS = ["subnet-0d0d0d0d0d0d0d0da", "subnet-0d0d0d0d0d0d0d0db", "subnet-0d0d0d0d0d0d0d0dc"];
const TRUST =
    '{"Version":"2012-10-17","Statement":[{"Action":"sts:AssumeRole","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Effect":"Allow","Sid":""}]}';
// subnets looked up one by one as AWS answers them.

/** `entries` in tree()'s order. */
function sorted(entries: [string, string, string | undefined][]): [string, string, string | undefined][] {
    return [...entries].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The one resource of `type` named `name`. */
function resource(e: Evaluation, type: string, name: string): RegisteredResource {
    const found = e.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(
        found.length,
        1,
        `one ${type} "${name}" in ${e.resources.map((r) => `${r.type} ${r.name}`).join(", ")}`,
    );
    return found[0];
}

/**
 * Every resource as [type, name, parent's name], the stack left out, sorted: the SDK registers
 * asynchronously, so the order interleaves between components.
 */
function tree(e: Evaluation): [string, string, string | undefined][] {
    const byUrn = new Map(e.resources.map((r) => [r.urn, r]));
    return e.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r): [string, string, string | undefined] => {
            const parent = r.parent ? byUrn.get(r.parent) : undefined;
            return [r.type, r.name, parent?.type === "pulumi:pulumi:Stack" ? undefined : parent?.name];
        })
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The message a program fails with: an error its body throws, or its first unhandled rejection. */
async function failure(program: () => void, preview = false): Promise<string> {
    const reasons: unknown[] = [];
    let signal: (reason: unknown) => void = () => undefined;
    const failed = new Promise<unknown>((resolve) => (signal = resolve));
    const listener = (reason: unknown) => {
        reasons.push(reason);
        signal(reason);
    };
    process.on("unhandledRejection", listener);
    try {
        await evaluate({ program, preview, failed });
    } catch (err) {
        return err instanceof Error ? err.message : String(err);
    } finally {
        await new Promise((resolve) => setTimeout(resolve, 10));
        process.off("unhandledRejection", listener);
    }
    if (reasons.length === 0) assert.fail("the program did not fail");
    return reasons[0] instanceof Error ? reasons[0].message : String(reasons[0]);
}

/** The pulumi/examples shape: one container behind a target group. */
function examplesService(extra: Partial<ConstructorParameters<typeof FargateService>[1]> = {}): () => void {
    return () => {
        const tg = new aws.lb.TargetGroup("tg", { port: 80, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1" });
        new FargateService("svc", {
            assignPublicIp: true,
            taskDefinitionArgs: {
                container: {
                    name: "web",
                    image: "nginx:latest",
                    cpu: 512,
                    memory: 128,
                    essential: true,
                    portMappings: [{ targetGroup: tg }],
                    environment: [{ name: "MODE", value: "prod" }],
                    secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/db" }],
                },
            },
            ...extra,
        });
    };
}

describe("awsx ecs components built by the harness", () => {
    describe("FargateService with taskDefinitionArgs.container", () => {
        let e: Evaluation;
        before(async () => {
            e = await evaluate({ program: examplesService() });
        });

        it("builds the provider's children, names and parents: task definition component, log group, roles, security group, service", () => {
            assert.deepStrictEqual(
                tree(e),
                sorted([
                    ["awsx:ecs:FargateService", "svc", undefined],
                    ["aws:lb/targetGroup:TargetGroup", "tg", undefined],
                    ["awsx:ecs:FargateTaskDefinition", "svc", "svc"],
                    [LOG_GROUP, "svc", "svc"],
                    [ROLE, "svc-task", "svc"],
                    [ROLE, "svc-execution", "svc"],
                    [
                        ATTACHMENT,
                        `svc-execution-${createHash("sha1").update(EXECUTION_POLICY).digest("hex").slice(0, 8)}`,
                        "svc",
                    ],
                    [SECURITY_GROUP, "svc-sg", "svc"],
                    [TASK_DEFINITION, "svc", "svc"],
                    [SERVICE, "svc", "svc"],
                ]),
            );
            const inner = resource(e, "awsx:ecs:FargateTaskDefinition", "svc");
            assert.strictEqual(resource(e, TASK_DEFINITION, "svc").parent, inner.urn);
            assert.strictEqual(resource(e, SERVICE, "svc").parent, resource(e, "awsx:ecs:FargateService", "svc").urn);
            assert.strictEqual(
                resource(e, SECURITY_GROUP, "svc-sg").parent,
                resource(e, "awsx:ecs:FargateService", "svc").urn,
            );
            assert.strictEqual(resource(e, LOG_GROUP, "svc").parent, inner.urn);
        });

        it("renders the container definitions JSON as the provider does: keys as they reach it, ports from the target group, secrets as references, awslogs to the log group", () => {
            const td = resource(e, TASK_DEFINITION, "svc").inputs;
            const group = resource(e, LOG_GROUP, "svc").state.name as string;
            assert.ok(group, "the log group's name");
            assert.strictEqual(
                td.containerDefinitions,
                JSON.stringify([
                    {
                        cpu: 512,
                        environment: [{ name: "MODE", value: "prod" }],
                        essential: true,
                        image: "nginx:latest",
                        memory: 128,
                        name: "web",
                        portMappings: [{ containerPort: 80, hostPort: 80 }],
                        secrets: [
                            { name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/db" },
                        ],
                        logConfiguration: {
                            logDriver: "awslogs",
                            options: {
                                "awslogs-group": group,
                                "awslogs-region": "us-east-1",
                                "awslogs-stream-prefix": "web",
                            },
                        },
                    },
                ]),
            );
            const hash = createHash("sha1").update(`test${td.containerDefinitions}`).digest("hex").slice(0, 8);
            assert.strictEqual(td.family, `svc-${hash}`, "the family hashes the stack and the JSON");
        });

        it("makes a Fargate task definition: awsvpc, the task size the containers need, the two roles", () => {
            const td = resource(e, TASK_DEFINITION, "svc");
            assert.deepStrictEqual(td.inputs.requiresCompatibilities, ["FARGATE"]);
            assert.strictEqual(td.inputs.networkMode, "awsvpc");
            assert.strictEqual(td.inputs.cpu, "512");
            assert.strictEqual(td.inputs.memory, "1024");
            assert.strictEqual(td.inputs.taskRoleArn, resource(e, ROLE, "svc-task").state.arn);
            assert.strictEqual(td.inputs.executionRoleArn, resource(e, ROLE, "svc-execution").state.arn);
        });

        it("trusts ECS tasks in both roles, attaches the execution policy to the execution role only", () => {
            for (const name of ["svc-task", "svc-execution"]) {
                assert.strictEqual(resource(e, ROLE, name).inputs.assumeRolePolicy, TRUST);
            }
            const attachments = e.resources.filter((r) => r.type === ATTACHMENT);
            assert.deepStrictEqual(
                attachments.map((a) => a.inputs),
                [{ role: resource(e, ROLE, "svc-execution").state.name, policyArn: EXECUTION_POLICY }],
            );
        });

        it("runs the service on Fargate, one task, waiting for steady state, behind the container's target group", () => {
            const service = resource(e, SERVICE, "svc").inputs;
            assert.strictEqual(service.launchType, "FARGATE");
            assert.strictEqual(service.desiredCount, 1);
            assert.strictEqual(service.waitForSteadyState, true);
            assert.strictEqual(service.taskDefinition, resource(e, TASK_DEFINITION, "svc").state.arn);
            assert.deepStrictEqual(service.loadBalancers, [
                {
                    containerName: "web",
                    containerPort: 80,
                    targetGroupArn: resource(e, "aws:lb/targetGroup:TargetGroup", "tg").state.arn,
                },
            ]);
        });

        it("puts the service in the default VPC's public subnets with assignPublicIp, behind a security group open to all", () => {
            const service = resource(e, SERVICE, "svc").inputs;
            const sg = resource(e, SECURITY_GROUP, "svc-sg");
            assert.deepStrictEqual(service.networkConfiguration, {
                assignPublicIp: true,
                securityGroups: [sg.id],
                subnets: DEFAULT_SUBNETS,
            });
            assert.strictEqual(sg.inputs.vpcId, "vpc-0d0d0d0d0d0d0d0d0");
            assert.deepStrictEqual(sg.inputs.ingress, [
                { cidrBlocks: ["0.0.0.0/0"], fromPort: 0, ipv6CidrBlocks: ["::/0"], protocol: "-1", toPort: 0 },
            ]);
            assert.deepStrictEqual(sg.inputs.egress, [
                { cidrBlocks: ["0.0.0.0/0"], fromPort: 0, ipv6CidrBlocks: ["::/0"], protocol: "tcp", toPort: 65535 },
            ]);
        });
    });

    it("registers the same resources in a preview, with what is computed unknown", async () => {
        const up = await evaluate({ program: examplesService() });
        const preview = await evaluate({ program: examplesService(), preview: true });
        assert.deepStrictEqual(tree(preview), tree(up));
        const service = resource(preview, SERVICE, "svc");
        assert.ok(service.unknownInputs.includes("taskDefinition"));
        assert.ok(service.unknownInputs.includes("loadBalancers"), "the target group's ARN is not known yet");
        assert.strictEqual(service.inputs.launchType, "FARGATE");
        assert.strictEqual(resource(preview, TASK_DEFINITION, "svc").inputs.cpu, "512");
    });

    it("exposes the SDK's outputs: the service and task definition resources, the task definition's children", async () => {
        const urn = (r: pulumi.Output<pulumi.Resource | undefined>) => r.apply((x) => x?.urn);
        const e = await evaluate({
            program: () => {
                const svc = new FargateService("svc", {
                    assignPublicIp: true,
                    taskDefinitionArgs: { container: { name: "web", image: "nginx" } },
                });
                const td = new FargateTaskDefinition("td", { container: { name: "web", image: "nginx" } });
                assert.ok(FargateService.isInstance(svc) && !FargateService.isInstance(td));
                assert.ok(FargateTaskDefinition.isInstance(td));
                return {
                    service: urn(svc.service),
                    taskDefinition: urn(svc.taskDefinition),
                    tdResource: urn(td.taskDefinition),
                    logGroup: urn(td.logGroup),
                    taskRole: urn(td.taskRole),
                    executionRole: urn(td.executionRole),
                    loadBalancers: td.loadBalancers,
                };
            },
        });
        assert.deepStrictEqual(e.outputs, {
            service: resource(e, SERVICE, "svc").urn,
            taskDefinition: resource(e, TASK_DEFINITION, "svc").urn,
            tdResource: resource(e, TASK_DEFINITION, "td").urn,
            logGroup: resource(e, LOG_GROUP, "td").urn,
            taskRole: resource(e, ROLE, "td-task").urn,
            executionRole: resource(e, ROLE, "td-execution").urn,
            loadBalancers: [],
        });
    });

    it("is what the installed @pulumi/awsx's ecs classes are under the harness", async () => {
        const e = await evaluate({
            program: () => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const awsx = require("@pulumi/awsx");
                new awsx.ecs.FargateService("svc", {
                    assignPublicIp: true,
                    taskDefinitionArgs: { container: { name: "web", image: "nginx" } },
                });
            },
        });
        const component = resource(e, "awsx:ecs:FargateService", "svc");
        assert.strictEqual(component.remote, undefined);
        assert.strictEqual(resource(e, SERVICE, "svc").parent, component.urn);
    });

    describe("defaults and checks", () => {
        it("refuses a service without assignPublicIp in the default VPC, whose subnets are all public", async () => {
            const message = await failure(() => {
                new FargateService("svc", { taskDefinitionArgs: { container: { name: "web", image: "nginx" } } });
            });
            assert.match(message, /The default VPC does not have any private subnets\. Set `assignPublicIp` to `true`/);
        });

        it("takes a given networkConfiguration as is, with no security group, and refuses it with assignPublicIp", async () => {
            const networkConfiguration = { subnets: ["subnet-1"], securityGroups: ["sg-1"], assignPublicIp: false };
            const e = await evaluate({
                program: () => {
                    new FargateService("svc", {
                        networkConfiguration,
                        taskDefinitionArgs: { container: { name: "web", image: "nginx" } },
                    });
                },
            });
            assert.deepStrictEqual(resource(e, SERVICE, "svc").inputs.networkConfiguration, networkConfiguration);
            assert.ok(!e.resources.some((r) => r.type === SECURITY_GROUP));
            assert.strictEqual(
                await failure(() => {
                    new FargateService("svc", {
                        networkConfiguration,
                        assignPublicIp: true,
                        taskDefinition: "arn:td",
                    });
                }),
                "Only one of `networkConfiguration` or `assignPublicIp` can be provided.",
            );
        });

        it("refuses task definition arguments that cannot be built, with the provider's messages", async () => {
            assert.strictEqual(
                await failure(() => {
                    new FargateService("svc", { assignPublicIp: true });
                }),
                "Either `taskDefinition` or `taskDefinitionArgs` must be provided.",
            );
            assert.strictEqual(
                await failure(() => {
                    new FargateService("svc", {
                        taskDefinition: "arn:td",
                        taskDefinitionArgs: { container: { name: "web", image: "nginx" } },
                    });
                }),
                "Only one of `taskDefinition` or `taskDefinitionArgs` can be provided.",
            );
            assert.strictEqual(
                await failure(() => {
                    new FargateTaskDefinition("td", {});
                }),
                "Exactly one of [container] or [containers] must be provided",
            );
        });

        it("fails a task definition whose containers need more than Fargate offers", async () => {
            const message = await failure(() => {
                new FargateTaskDefinition("td", { container: { name: "web", image: "nginx", cpu: 40 * 1024 } });
            });
            assert.match(
                message,
                /Requested resources exceed the maximum allowed for Fargate\. Requested: 40 vCPU and 0GB\. Max: 32 vCPU and 244GB\./,
            );
        });

        it("keeps a given task size, log group, roles and family; skips what is skipped", async () => {
            const e = await evaluate({
                program: () => {
                    new FargateTaskDefinition("td", {
                        cpu: "1024",
                        memory: "4096",
                        family: "mine",
                        logGroup: { skip: true },
                        taskRole: { roleArn: "arn:aws:iam::123456789012:role/existing" },
                        executionRole: { args: { name: "exec", policyArns: ["arn:aws:iam::aws:policy/Custom"] } },
                        container: { name: "web", image: "nginx" },
                    });
                },
            });
            const td = resource(e, TASK_DEFINITION, "td").inputs;
            assert.strictEqual(td.cpu, "1024");
            assert.strictEqual(td.memory, "4096");
            assert.strictEqual(td.family, "mine");
            assert.strictEqual(td.taskRoleArn, "arn:aws:iam::123456789012:role/existing");
            assert.ok(!e.resources.some((r) => r.type === LOG_GROUP));
            assert.strictEqual(JSON.parse(td.containerDefinitions)[0].logConfiguration, undefined);
            assert.deepStrictEqual(
                e.resources.filter((r) => r.type === ROLE).map((r) => [r.name, r.inputs.name]),
                [["td-execution", "exec"]],
            );
            assert.deepStrictEqual(
                e.resources.filter((r) => r.type === ATTACHMENT).map((r) => r.inputs.policyArn),
                ["arn:aws:iam::aws:policy/Custom"],
            );
        });

        it("orders several containers by name in the JSON and derives a load balancer from each target group", async () => {
            const e = await evaluate({
                program: () => {
                    const tg = new aws.lb.TargetGroup("tg", {
                        port: 8080,
                        protocol: "HTTP",
                        targetType: "ip",
                        vpcId: "vpc-1",
                    });
                    const td = new FargateTaskDefinition("td", {
                        containers: {
                            web: {
                                name: "web",
                                image: "nginx",
                                portMappings: [{ containerPort: 8080, targetGroup: tg }],
                            },
                            app: { name: "app", image: "php", memoryReservation: 3000 },
                        },
                    });
                    return { loadBalancers: td.loadBalancers, tg: tg.arn };
                },
            });
            assert.deepStrictEqual(e.outputs.loadBalancers, [
                { containerName: "web", containerPort: 8080, targetGroupArn: e.outputs.tg },
            ]);
            const td = resource(e, TASK_DEFINITION, "td").inputs;
            const definitions = JSON.parse(td.containerDefinitions) as { name: string; portMappings?: unknown }[];
            assert.deepStrictEqual(
                definitions.map((d) => [d.name, d.portMappings]),
                [
                    ["app", undefined],
                    ["web", [{ containerPort: 8080, hostPort: 8080 }]],
                ],
            );
            assert.strictEqual(td.memory, "3072", "3000 MiB reserved fits 3 GB");
            assert.strictEqual(td.cpu, "512", "the smallest vCPU with 3 GB");
        });

        it("honours continueBeforeSteadyState, capacity provider strategies and a cluster given as a resource", async () => {
            const e = await evaluate({
                program: () => {
                    const cluster = new aws.ecs.Cluster("cluster");
                    new FargateService("svc", {
                        cluster: cluster as unknown as string,
                        continueBeforeSteadyState: true,
                        capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
                        desiredCount: 3,
                        assignPublicIp: true,
                        taskDefinition: "arn:td",
                    });
                },
            });
            const service = resource(e, SERVICE, "svc").inputs;
            assert.strictEqual(service.waitForSteadyState, false);
            assert.strictEqual(service.launchType, undefined);
            assert.strictEqual(service.desiredCount, 3);
            assert.strictEqual(service.cluster, resource(e, "aws:ecs/cluster:Cluster", "cluster").state.arn);
            assert.strictEqual(service.taskDefinition, "arn:td");
            assert.ok(!e.resources.some((r) => r.type === "awsx:ecs:FargateTaskDefinition"));
        });
    });

    describe("EC2Service and EC2TaskDefinition", () => {
        let e: Evaluation;
        before(async () => {
            e = await evaluate({
                program: () => {
                    new EC2Service("api", {
                        cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                        taskDefinitionArgs: { container: { name: "api", image: "api:1", memory: 256 } },
                    });
                    new EC2TaskDefinition("bridge", { networkMode: "bridge", container: { name: "x", image: "x" } });
                },
            });
        });

        it("builds the EC2 task definition component, its log group and roles, and the service, as the provider names them", () => {
            const attachment = `api-execution-${createHash("sha1").update(EXECUTION_POLICY).digest("hex").slice(0, 8)}`;
            assert.deepStrictEqual(
                tree(e).filter(([, , parent]) => parent !== "bridge"),
                sorted([
                    ["awsx:ecs:EC2Service", "api", undefined],
                    ["awsx:ecs:EC2TaskDefinition", "api", "api"],
                    [LOG_GROUP, "api", "api"],
                    [ROLE, "api-task", "api"],
                    [ROLE, "api-execution", "api"],
                    [ATTACHMENT, attachment, "api"],
                    [TASK_DEFINITION, "api", "api"],
                    [SERVICE, "api", "api"],
                    ["awsx:ecs:EC2TaskDefinition", "bridge", undefined],
                ]),
            );
        });

        it("runs on EC2 with no default desired count or networking, and no task size computed", () => {
            const service = resource(e, SERVICE, "api").inputs;
            assert.strictEqual(service.launchType, "EC2");
            assert.strictEqual(service.desiredCount, undefined);
            assert.strictEqual(service.networkConfiguration, undefined);
            assert.strictEqual(service.waitForSteadyState, true);
            assert.deepStrictEqual(service.loadBalancers, []);
            const td = resource(e, TASK_DEFINITION, "api").inputs;
            assert.deepStrictEqual(td.requiresCompatibilities, ["EC2"]);
            assert.strictEqual(td.networkMode, "awsvpc");
            assert.strictEqual(td.cpu, undefined);
            assert.strictEqual(td.memory, undefined);
            assert.ok(!e.resources.some((r) => r.type === SECURITY_GROUP));
        });

        it("lets the program choose another network mode for an EC2 task definition", () => {
            const td = resource(e, TASK_DEFINITION, "bridge");
            assert.strictEqual(td.inputs.networkMode, "bridge");
            assert.strictEqual(td.parent, resource(e, "awsx:ecs:EC2TaskDefinition", "bridge").urn);
        });
    });
});
