import * as assert from "assert";
import { awsPorts } from "../../../policies/lib/aws/network-rules";
import { digitalOceanPorts } from "../../../policies/lib/digitalocean/firewall-rules";
import { admitsTcpPort, normaliseProtocol, rulesOf } from "../../../policies/lib/network";
import { sshFindings } from "../../../policies/lib/ssh";
import { Res, UNKNOWN } from "../../../policies/lib/values";

function res(type: string, props: Record<string, any>): Res {
    return { urn: `urn:${type}`, type, name: "x", props, propertyDependencies: {}, dependencies: [] };
}

describe("network rule normalisation", () => {
    it("reads -1, all and 6 as protocol names", () => {
        assert.strictEqual(normaliseProtocol("-1"), "all");
        assert.strictEqual(normaliseProtocol("ALL"), "all");
        assert.strictEqual(normaliseProtocol(6), "tcp");
        assert.strictEqual(normaliseProtocol(undefined), "all");
    });

    it("reads AWS port -1 and 0-0 as every port, and an all-protocol rule as every port", () => {
        assert.deepStrictEqual(awsPorts("tcp", -1, -1), { from: 0, to: 65535 });
        assert.deepStrictEqual(awsPorts("tcp", 0, 0), { from: 0, to: 65535 });
        assert.deepStrictEqual(awsPorts("all", 80, 80), { from: 0, to: 65535 });
        assert.deepStrictEqual(awsPorts("tcp", 80, 443), { from: 80, to: 443 });
    });

    it("reads DigitalOcean port ranges", () => {
        assert.deepStrictEqual(digitalOceanPorts("22"), { from: 22, to: 22 });
        assert.deepStrictEqual(digitalOceanPorts("8000-9000"), { from: 8000, to: 9000 });
        assert.deepStrictEqual(digitalOceanPorts("all"), { from: 0, to: 65535 });
        assert.deepStrictEqual(digitalOceanPorts("0"), { from: 0, to: 65535 });
        assert.deepStrictEqual(digitalOceanPorts(undefined), { from: 0, to: 65535 });
    });

    it("normalises all four shapes to the same sources", () => {
        const shapes = [
            res("aws:ec2/securityGroup:SecurityGroup", {
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
            }),
            res("aws:ec2/securityGroupRule:SecurityGroupRule", {
                type: "ingress",
                protocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrBlocks: ["0.0.0.0/0"],
                securityGroupId: "sg-1",
            }),
            res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
                ipProtocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrIpv4: "0.0.0.0/0",
                securityGroupId: "sg-1",
            }),
            res("digitalocean:index/firewall:Firewall", {
                inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["0.0.0.0/0"] }],
            }),
        ];
        for (const shape of shapes) {
            const [rule] = rulesOf(shape);
            assert.strictEqual(rule.direction, "ingress", shape.type);
            assert.deepStrictEqual([rule.protocol, rule.fromPort, rule.toPort], ["tcp", 22, 22], shape.type);
            assert.deepStrictEqual(
                rule.sources.map((s) => [s.kind, s.value]),
                [["cidr", "0.0.0.0/0"]],
                shape.type,
            );
        }
    });

    it("answers unknown when ports are unknown, and no when the protocol rules TCP out", () => {
        const [unknownPorts] = rulesOf(
            res("aws:ec2/securityGroupRule:SecurityGroupRule", {
                type: "ingress",
                protocol: "tcp",
                fromPort: UNKNOWN,
                toPort: 22,
                securityGroupId: "sg",
            }),
        );
        assert.strictEqual(admitsTcpPort(unknownPorts, 22), UNKNOWN);
        const [icmp] = rulesOf(
            res("aws:ec2/securityGroupRule:SecurityGroupRule", {
                type: "ingress",
                protocol: "icmp",
                fromPort: -1,
                toPort: -1,
                securityGroupId: "sg",
            }),
        );
        assert.strictEqual(admitsTcpPort(icmp, 22), false);
    });
});

describe("the SSH predicate", () => {
    const rule = (cidr: string) =>
        rulesOf(
            res("digitalocean:index/firewall:Firewall", {
                inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: [cidr] }],
            }),
        )[0];

    it("flags world-open sources with or without an allowlist", () => {
        assert.deepStrictEqual(
            sshFindings(rule("0.0.0.0/0"), []).map((f) => f.problem),
            ["world"],
        );
        assert.deepStrictEqual(
            sshFindings(rule("::/0"), ["203.0.113.0/24"]).map((f) => f.problem),
            ["world"],
        );
    });

    it("accepts ranges inside the allowlist, IPv4 and IPv6", () => {
        assert.deepStrictEqual(sshFindings(rule("203.0.113.128/25"), ["203.0.113.0/24"]), []);
        assert.deepStrictEqual(sshFindings(rule("2001:db8::1/128"), ["2001:db8::/32"]), []);
        assert.deepStrictEqual(
            sshFindings(rule("203.0.112.0/23"), ["203.0.113.0/24"]).map((f) => f.problem),
            ["outside-allowlist"],
        );
    });

    it("marks very broad public ranges only when there is no allowlist", () => {
        assert.deepStrictEqual(
            sshFindings(rule("64.0.0.0/2"), []).map((f) => f.problem),
            ["broad"],
        );
        // Half the internet is the world, not merely broad (issue #10).
        assert.deepStrictEqual(
            sshFindings(rule("0.0.0.0/1"), []).map((f) => f.problem),
            ["world"],
        );
        assert.deepStrictEqual(sshFindings(rule("10.0.0.0/8"), []), []);
    });
});
