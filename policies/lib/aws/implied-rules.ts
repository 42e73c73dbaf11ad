/**
 * Rules AWS services write into security groups of their own, read from the setting that makes
 * them, as `NetworkRule`s on the resource that holds the setting (the group itself is not in the
 * program, so no other rule can be read for it):
 * - an EKS managed node group given an SSH key (`remoteAccess.ec2SshKey`) and no
 *   `sourceSecurityGroupIds`: "port 22 on the nodes is opened to the internet (0.0.0.0/0)"
 *   (API eks RemoteAccessConfig); with groups, port 22 from those groups;
 * - an Elastic Beanstalk environment (or configuration template) with a key pair
 *   (`aws:autoscaling:launchconfiguration` EC2KeyName): the security group Beanstalk creates
 *   for the instances admits SSH from 0.0.0.0/0 unless `SSHSourceRestriction`
 *   (`protocol, fromPort, toPort, source`: a CIDR or a security group) says otherwise, and has no
 *   such rule when `DisableDefaultEC2SecurityGroup` is true (Elastic Beanstalk Developer Guide,
 *   "General options for all environments", aws:autoscaling:launchconfiguration);
 * - a web server environment of `EnvironmentType` `SingleInstance` has no balancer: the same
 *   group admits HTTP (80) from 0.0.0.0/0 to the instance (the guide's "Environment types").
 */
import { NetworkRule, Source, normaliseProtocol, unknownRule } from "../network";
import { Res, UNKNOWN, isUnknown, listOf } from "../values";

const SSH = 22;
const HTTP = 80;
const WORLD: Source = { kind: "cidr", value: "0.0.0.0/0", referenceKey: "" };

/** An ingress rule into the resource's own group: SSH (22 over TCP) unless told otherwise. */
function ownGroupRule(
    path: string,
    sources: Source[],
    protocol: NetworkRule["protocol"] = "tcp",
    ports = { from: SSH, to: SSH },
): NetworkRule {
    return {
        direction: "ingress",
        protocol,
        fromPort: ports.from,
        toPort: ports.to,
        sources,
        path,
        target: { kind: "itself" },
    };
}

/** EKS managed node group: SSH the node group's remote access opens. */
export function eksNodeGroupRules(res: Res): NetworkRule[] {
    const access = res.props.remoteAccess;
    if (access === undefined || access === null) return [];
    if (isUnknown(access) || typeof access !== "object")
        return [unknownRule("ingress", "remoteAccess", "remoteAccess", { kind: "itself" })];
    const { ec2SshKey, sourceSecurityGroupIds } = access as { ec2SshKey?: unknown; sourceSecurityGroupIds?: unknown };
    if (ec2SshKey === undefined || ec2SshKey === null || ec2SshKey === "") return [];
    const groups = listOf<string>(sourceSecurityGroupIds);
    if (groups.length > 0)
        return [
            ownGroupRule(
                "remoteAccess",
                groups.map((g) => ({
                    kind: "securityGroup",
                    value: isUnknown(g) ? UNKNOWN : String(g),
                    referenceKey: "remoteAccess",
                })),
            ),
        ];
    return [
        ownGroupRule("remoteAccess (ec2SshKey without sourceSecurityGroupIds)", [
            { ...WORLD, referenceKey: "remoteAccess" },
        ]),
    ];
}

const LAUNCH = "aws:autoscaling:launchconfiguration";
const ENVIRONMENT = "aws:elasticbeanstalk:environment";

/** Elastic Beanstalk: what the security group it creates for the instances admits. */
export function beanstalkRules(res: Res): NetworkRule[] {
    const settings = res.props.settings;
    if (isUnknown(settings)) return [unknownRule("ingress", "settings", "settings", { kind: "itself" })];
    const setting = (namespace: string, name: string): { value: unknown; index: number } | undefined => {
        let found: { value: unknown; index: number } | undefined;
        listOf<Record<string, unknown>>(settings).forEach((s, index) => {
            if (s && typeof s === "object" && !isUnknown(s) && s.namespace === namespace && s.name === name)
                found = { value: s.value, index };
        });
        return found;
    };
    return [...beanstalkSshRules(setting), ...singleInstanceRules(res, setting)];
}

type Setting = (namespace: string, name: string) => { value: unknown; index: number } | undefined;

/** A single-instance web server: HTTP from the world, straight to the instance. */
function singleInstanceRules(res: Res, setting: Setting): NetworkRule[] {
    const tier = res.props.tier;
    if (typeof tier === "string" && tier.toLowerCase() === "worker") return [];
    const type = setting(ENVIRONMENT, "EnvironmentType");
    if (!type) return [];
    const path = `settings[${type.index}] (EnvironmentType)`;
    if (isUnknown(type.value)) return [unknownRule("ingress", path, "settings", { kind: "itself" })];
    if (String(type.value).toLowerCase() !== "singleinstance") return [];
    const disabled = setting(LAUNCH, "DisableDefaultEC2SecurityGroup");
    if (disabled && !isUnknown(disabled.value) && String(disabled.value).toLowerCase() === "true") return [];
    return [
        ownGroupRule(`${path}: SingleInstance`, [{ ...WORLD, referenceKey: "settings" }], "tcp", {
            from: HTTP,
            to: HTTP,
        }),
    ];
}

function beanstalkSshRules(setting: Setting): NetworkRule[] {
    const option = (name: string) => setting(LAUNCH, name);
    const key = option("EC2KeyName");
    if (!key || key.value === undefined || key.value === null || key.value === "") return [];
    const disabled = option("DisableDefaultEC2SecurityGroup");
    if (disabled && !isUnknown(disabled.value) && String(disabled.value).toLowerCase() === "true") return [];
    const restriction = option("SSHSourceRestriction");
    if (!restriction)
        return [
            ownGroupRule(`settings[${key.index}] (EC2KeyName without SSHSourceRestriction)`, [
                { ...WORLD, referenceKey: "settings" },
            ]),
        ];
    const path = `settings[${restriction.index}] (SSHSourceRestriction)`;
    if (isUnknown(restriction.value) || typeof restriction.value !== "string")
        return [unknownRule("ingress", path, "settings", { kind: "itself" })];
    // "protocol, fromPort, toPort, source": the source a CIDR or a security group (id or name).
    const [protocol, from, to, source] = restriction.value.split(",").map((part) => part.trim());
    const ports = { from: Number(from), to: Number(to) };
    // Not of that form: read as a source that is no CIDR (Beanstalk refuses it; nothing proves SSH closed).
    if (!source || !Number.isInteger(ports.from) || !Number.isInteger(ports.to))
        return [ownGroupRule(path, [{ kind: "cidr", value: restriction.value, referenceKey: "settings" }])];
    const kind = /^[0-9a-fA-F:.]+\/\d+$/.test(source) ? "cidr" : "securityGroup";
    return [
        ownGroupRule(path, [{ kind, value: source, referenceKey: "settings" }], normaliseProtocol(protocol), ports),
    ];
}
