// The pure parts of the awsx ECS emulation, each against what pulumi-awsx's awsx/ecs source
// computes: the Fargate task size, port mappings, container definitions, load balancers, the
// default subnets, log group ARNs, and arguments as they reach the provider.
import * as assert from "assert";
import {
    containerDefinition,
    getMappingInputs,
    loadBalancersOf,
} from "../../../../../tools/harness/aws/awsx/ecs/containers";
import {
    calculateFargateMemoryAndCPU,
    maxMemGB,
    maxVCPU,
} from "../../../../../tools/harness/aws/awsx/ecs/fargateMemoryAndCpu";
import { subnetsFor } from "../../../../../tools/harness/aws/awsx/ecs/fargateService";
import { idFromArn } from "../../../../../tools/harness/aws/awsx/cloudwatch/logGroup";
import { sha1hash } from "../../../../../tools/harness/aws/utils";
import { definedOnly, onTheWire } from "../../../../../tools/harness/component-args";

describe("awsx ecs emulation: pure parts", () => {
    describe("Fargate task size (fargateMemoryAndCpu.ts)", () => {
        it("has the source's maxima: 32 vCPU and 244 GB", () => {
            assert.strictEqual(maxVCPU, 32);
            assert.strictEqual(maxMemGB, 244);
        });

        it("gives containers that ask nothing the smallest size, 256 CPU units and 512 MiB", () => {
            assert.deepStrictEqual(calculateFargateMemoryAndCPU([{}]), { cpu: "256", memory: "512" });
        });

        it("sums the containers and rounds up to a supported size, as the source's own tests expect", () => {
            assert.deepStrictEqual(calculateFargateMemoryAndCPU([{ cpu: 8192, memory: 20480 }]), {
                cpu: "8192",
                memory: "20480",
            });
            assert.deepStrictEqual(calculateFargateMemoryAndCPU([{ cpu: 8000, memory: 21000 }]), {
                cpu: "8192",
                memory: "21504",
            });
            assert.deepStrictEqual(
                calculateFargateMemoryAndCPU([
                    { cpu: 256, memory: 512 },
                    { cpu: 256, memory: 512 },
                ]),
                { cpu: "512", memory: "1024" },
            );
        });

        it("counts a memory reservation instead of the hard limit", () => {
            assert.deepStrictEqual(
                calculateFargateMemoryAndCPU([{ cpu: 1024, memory: 8192, memoryReservation: 1024 }]),
                {
                    cpu: "1024",
                    memory: "2048",
                },
            );
        });

        it("refuses more than Fargate offers with the source's message", () => {
            assert.throws(
                () =>
                    calculateFargateMemoryAndCPU([
                        { cpu: 17 * 1024, memory: 123 * 1024 },
                        { cpu: 17 * 1024, memory: 123 * 1024 },
                    ]),
                {
                    message:
                        "Requested resources exceed the maximum allowed for Fargate. Requested: 34 vCPU and 246GB. Max: 32 vCPU and 244GB.",
                },
            );
            assert.doesNotThrow(() => calculateFargateMemoryAndCPU([{ cpu: 32 * 1024, memory: 244 * 1024 }]));
        });
    });

    describe("container definitions (containers.ts)", () => {
        it("fills a port mapping's missing ports from each other or the target group's port, and drops the group", () => {
            assert.deepStrictEqual(getMappingInputs({ containerPort: 8080 }, undefined), {
                name: undefined,
                containerPortRange: undefined,
                appProtocol: undefined,
                containerPort: 8080,
                hostPort: 8080,
                protocol: undefined,
            });
            const fromGroup = getMappingInputs({ protocol: "tcp" }, 80);
            assert.strictEqual(fromGroup.containerPort, 80);
            assert.strictEqual(fromGroup.hostPort, 80);
            assert.strictEqual(
                getMappingInputs({ hostPort: 81 }, 80).containerPort,
                81,
                "the host port before the group's",
            );
        });

        it("names the definition after its key and logs to the log group unless the container configures logging", () => {
            const group = { logGroupName: "lg", logGroupRegion: "eu-west-1", arn: "arn" };
            const withDefault = containerDefinition("web", { image: "nginx", name: "other" }, undefined, group);
            assert.strictEqual(withDefault.name, "web");
            assert.deepStrictEqual(withDefault.logConfiguration, {
                logDriver: "awslogs",
                options: { "awslogs-group": "lg", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" },
            });
            const own = { logDriver: "json-file" };
            assert.strictEqual(
                containerDefinition("web", { logConfiguration: own }, undefined, group).logConfiguration,
                own,
            );
            assert.strictEqual(containerDefinition("web", {}, undefined, undefined).logConfiguration, undefined);
        });

        it("keeps the keys in the order they reach the provider: sorted, name and port mappings in place", () => {
            const wire = onTheWire({ name: "web", image: "nginx", cpu: 256, essential: true }) as Record<string, any>;
            const definition = containerDefinition("web", wire, [{ containerPort: 80 }], undefined);
            assert.deepStrictEqual(Object.keys(definition), ["cpu", "essential", "image", "name", "portMappings"]);
        });

        it("gives a load balancer per port mapping whose target group has an ARN and a port", () => {
            assert.deepStrictEqual(
                loadBalancersOf([
                    { containerName: "a", tgArn: "arn:tg", tgPort: 80 },
                    { containerName: "a" },
                    { containerName: "b", tgArn: "arn:tg2", tgPort: undefined },
                ]),
                [{ containerName: "a", containerPort: 80, targetGroupArn: "arn:tg" }],
            );
        });
    });

    describe("default networking (fargateService.ts)", () => {
        it("takes the private subnets, or the public ones with a public IP, and refuses when there are no private ones", () => {
            assert.deepStrictEqual(subnetsFor(false, ["pub"], ["priv"]), ["priv"]);
            assert.deepStrictEqual(subnetsFor(true, ["pub"], ["priv"]), ["pub"]);
            assert.throws(() => subnetsFor(false, ["pub"], []), {
                message:
                    "The default VPC does not have any private subnets. Set `assignPublicIp` to `true`, provide `networkConfiguration`, or add private subnets to the default VPC.",
            });
        });
    });

    describe("helpers (utils.ts, logGroup.ts)", () => {
        it("hashes as awsx's sha1hash: 8 hex digits of SHA-1", () => {
            assert.strictEqual(sha1hash("abc"), "a9993e36");
        });

        it("reads a log group's name and region from its ARN, and refuses another service's", () => {
            assert.deepStrictEqual(idFromArn("arn:aws:logs:eu-west-1:123456789012:log-group:app"), {
                arn: "arn:aws:logs:eu-west-1:123456789012:log-group:app",
                logGroupName: "app",
                logGroupRegion: "eu-west-1",
            });
            assert.throws(() => idFromArn("arn:aws:s3:::bucket"), { message: "Invalid log group ARN" });
        });
    });

    describe("arguments as the provider receives them (wire.ts)", () => {
        it("sorts keys at every depth by code unit and drops undefined ones, leaving class instances alone", () => {
            const date = new Date(0);
            const wire = onTheWire({ b: 1, a: { z: [{ y: 1, x: undefined, B: 2 }], date }, Z: undefined }) as any;
            assert.deepStrictEqual(Object.keys(wire), ["a", "b"]);
            assert.deepStrictEqual(Object.keys(wire.a.z[0]), ["B", "y"]);
            assert.strictEqual(wire.a.date, date);
        });

        it("drops undefined arguments at the top only", () => {
            assert.deepStrictEqual(definedOnly({ a: undefined, b: { c: undefined } }), { b: { c: undefined } });
        });
    });
});
