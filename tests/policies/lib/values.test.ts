import * as assert from "assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import {
    UNKNOWN,
    UNKNOWN_SENTINELS,
    fromResourceArgs,
    fromStackResources,
    isUnknown,
    plain,
    propOf,
    valueAtPath,
} from "../../../policies/lib/values";

// @pulumi/policy/proxy declares no types (its .d.ts exports nothing).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy");

describe("reading properties that may be unknown", () => {
    it("knows every unknown sentinel of the installed @pulumi/policy and @pulumi/pulumi", () => {
        for (const key of Object.keys(proxy).filter((k) => /^unknown.*Value$/.test(k))) {
            assert.ok(UNKNOWN_SENTINELS.includes(proxy[key]), `${key} missing`);
        }
        assert.ok(isUnknown(rpc.unknownValue));
    });

    it("copies through the policy proxy without throwing, marking unknowns", () => {
        const props = proxy.unknownCheckingProxy({
            a: proxy.unknownStringValue,
            b: [1, proxy.unknownNumberValue],
            c: { d: "x" },
        });
        assert.throws(() => props.a);
        const copy = plain(props);
        assert.strictEqual(copy.a, UNKNOWN);
        assert.deepStrictEqual(copy.b, [1, UNKNOWN]);
        assert.deepStrictEqual(copy.c, { d: "x" });
    });

    describe("a resource's view copies its properties only when a rule reads them", () => {
        // The raw properties as @pulumi/policy hands them over, counting reads under the proxy.
        const counted = () => {
            const reads: string[] = [];
            const raw = {
                id: "sg-1",
                name: proxy.unknownStringValue,
                ingress: [{ fromPort: 22, cidrBlocks: ["10.0.0.0/8"] }],
            };
            const watched = new Proxy(raw, {
                get: (target, key) => {
                    // The properties themselves (not the proxy and secret-box probes `plain` makes).
                    if (typeof key === "string" && Object.hasOwn(target, key)) reads.push(key);
                    return (target as any)[key];
                },
            });
            return { reads, props: proxy.unknownCheckingProxy(watched) };
        };

        it("from a resource validation", () => {
            const { reads, props } = counted();
            const res = fromResourceArgs({
                urn: "urn:a",
                type: "t",
                name: "a",
                props,
            } as unknown as ResourceValidationArgs);
            assert.deepStrictEqual(reads, [], "nothing read before a rule asks");
            assert.strictEqual(propOf(res, "id"), "sg-1");
            assert.strictEqual(propOf(res, "name"), UNKNOWN, "an unknown read alone is marked, not thrown");
            assert.deepStrictEqual(reads, ["id", "name"], "one property read, not the copy of all");
            assert.deepStrictEqual(res.props, {
                id: "sg-1",
                name: UNKNOWN,
                ingress: [{ fromPort: 22, cidrBlocks: ["10.0.0.0/8"] }],
            });
            assert.strictEqual(res.props, res.props, "copied once");
            assert.strictEqual(propOf(res, "ingress"), res.props.ingress, "after the copy, read from it");
        });

        it("from a stack validation", () => {
            const { reads, props } = counted();
            const upstream = { urn: "urn:b" };
            const [res] = fromStackResources([
                {
                    urn: "urn:a",
                    type: "t",
                    name: "a",
                    props,
                    propertyDependencies: { name: [upstream] },
                    dependencies: [upstream],
                },
            ] as unknown as PolicyResource[]);
            assert.deepStrictEqual(reads, []);
            assert.strictEqual(propOf(res, "name"), UNKNOWN);
            assert.deepStrictEqual(res.props.ingress, [{ fromPort: 22, cidrBlocks: ["10.0.0.0/8"] }]);
            assert.strictEqual(propOf(res, "missing"), undefined);
        });

        it("reads a plain view's property as it is", () => {
            assert.strictEqual(
                propOf(
                    { urn: "u", type: "t", name: "n", props: { id: "x" }, propertyDependencies: {}, dependencies: [] },
                    "id",
                ),
                "x",
            );
        });
    });

    describe("a stack validation's unknown outputs", () => {
        const view = (propertyDependencies: Record<string, { urn: string }[]>) =>
            fromStackResources([
                {
                    urn: "urn:sg",
                    type: "aws:ec2/securityGroup:SecurityGroup",
                    name: "sg",
                    props: proxy.unknownCheckingProxy({
                        vpcId: proxy.unknownStringValue,
                        ingress: proxy.unknownArrayValue,
                        egress: [{ fromPort: 0, cidrBlocks: [proxy.unknownStringValue] }],
                        description: "app",
                    }),
                    propertyDependencies,
                    dependencies: Object.values(propertyDependencies).flat(),
                },
            ] as unknown as PolicyResource[])[0];

        it("leave out what the provider computes (unknown, from no resource): it reads as an absent input", () => {
            const res = view({ vpcId: [{ urn: "urn:vpc" }] });
            assert.ok(!("ingress" in res.props), "the provider's own ingress is not the program's");
            assert.strictEqual(propOf(view({ vpcId: [{ urn: "urn:vpc" }] }), "ingress"), undefined);
            assert.strictEqual(res.props.vpcId, UNKNOWN, "an unknown the program set from the VPC stays unknown");
            assert.deepStrictEqual(
                res.props.egress,
                [{ fromPort: 0, cidrBlocks: [] }],
                "an unknown inside a property from no resource is the provider's too",
            );
            assert.deepStrictEqual(
                view({ egress: [{ urn: "urn:peer" }] }).props.egress,
                [{ fromPort: 0, cidrBlocks: [UNKNOWN] }],
                "inside a property from a resource, it stays",
            );
            assert.deepStrictEqual(propOf(view({}), "egress"), [{ fromPort: 0, cidrBlocks: [] }], "read alone too");
            assert.strictEqual(res.props.description, "app");
        });

        it("keep an unknown the program set from no resource (a data source's answer), as its inputs under Analyze show", () => {
            const stack = (urn: string) =>
                fromStackResources([
                    {
                        urn,
                        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                        name: "ssh",
                        props: proxy.unknownCheckingProxy({
                            cidrIpv4: proxy.unknownStringValue,
                            arn: proxy.unknownStringValue,
                            tags: { Name: proxy.unknownStringValue },
                        }),
                        propertyDependencies: {},
                        dependencies: [],
                    },
                ] as unknown as PolicyResource[])[0];
            const before = stack("urn:ssh-from-lookup");
            assert.ok(!("cidrIpv4" in before.props), "unanalyzed, it reads as the provider's");
            fromResourceArgs({
                urn: "urn:ssh-from-lookup",
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "ssh",
                props: proxy.unknownCheckingProxy({ cidrIpv4: proxy.unknownStringValue, tags: { Name: "ssh" } }),
            } as unknown as ResourceValidationArgs);
            const after = stack("urn:ssh-from-lookup");
            assert.strictEqual(after.props.cidrIpv4, UNKNOWN, "the program's input was unknown: it stays");
            assert.strictEqual(propOf(stack("urn:ssh-from-lookup"), "cidrIpv4"), UNKNOWN, "read alone too");
            assert.ok(!("arn" in after.props), "what the program left to the provider is still the provider's");
            assert.deepStrictEqual(after.props.tags, {}, "as is an unknown in an input the program knew");
            assert.ok(!("cidrIpv4" in stack("urn:other").props), "another resource's view is its own");
        });

        it("keep an unknown the program set from another resource's output", () => {
            const res = view({ ingress: [{ urn: "urn:lb-sg" }] });
            assert.strictEqual(res.props.ingress, UNKNOWN);
            assert.strictEqual(propOf(view({ ingress: [{ urn: "urn:lb-sg" }] }), "ingress"), UNKNOWN);
        });
    });
});

describe("valueAtPath", () => {
    it("reads a property or a path of nested objects; an unknown object on the way is unknown, an absent one absent", () => {
        const props = { name: "a", spec: { name: "b", env: UNKNOWN }, template: UNKNOWN, list: [{ x: 1 }] };
        assert.strictEqual(valueAtPath(props, "name"), "a");
        assert.strictEqual(valueAtPath(props, "spec.name"), "b");
        assert.strictEqual(valueAtPath(props, "template.userData"), UNKNOWN);
        assert.strictEqual(valueAtPath(props, "spec.env.key"), UNKNOWN);
        assert.strictEqual(valueAtPath(props, "missing.name"), undefined);
        assert.strictEqual(valueAtPath(props, "name.length"), undefined);
        assert.strictEqual(valueAtPath(props, "list.x"), undefined);
    });
});
