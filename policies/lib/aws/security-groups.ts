/**
 * Which security groups play which role in the tier: the balancers', the app servers', each kind
 * of data store's. A role's groups are the ones its resources sit in (see group-holders.ts).
 */
import type { ServerFilters } from "../cloud-pack";
import type { StackGraph } from "../graph";
import { Res, isUnknown, listOf, present, propOf } from "../values";
import { DataKind, dataStoreShapes } from "./data-stores";
import { APP_COMPUTE, AWS_COMPUTE_TYPES, BALANCERS, GroupHolder } from "./group-holders";
import { SECURITY_GROUP_TYPES } from "./types";

const VPCS = ["aws:ec2/vpc:Vpc"];
const SUBNETS = ["aws:ec2/subnet:Subnet"];
const DEFAULT_GROUPS = ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];

/** The stack's DefaultSecurityGroup of `vpc` (undefined: the default VPC's, one naming no vpcId). */
function defaultGroupsOf(graph: StackGraph, vpc: Res | undefined): Res[] {
    return graph
        .ofType(DEFAULT_GROUPS)
        .filter((group) =>
            vpc === undefined
                ? !present(group.props.vpcId)
                : graph.resolve(group, "vpcId", group.props.vpcId, VPCS).candidates.includes(vpc),
        );
}

/**
 * The group references a holder keeps, read from its one top-level property (not a copy of all).
 * A reference computed from a VPC (`vpc.defaultSecurityGroupId`, unknown during preview) is that
 * VPC's default group.
 */
function heldGroups(graph: StackGraph, holder: GroupHolder, res: Res): Res[] {
    const ids = holder.read({ [holder.key]: propOf(res, holder.key) });
    const { candidates, unresolved } = graph.resolveAll(res, holder.key, SECURITY_GROUP_TYPES, ids);
    if (unresolved.length === 0) return candidates;
    const vpcs = graph.dependenciesOf(res, holder.key, VPCS);
    return [...new Set([...candidates, ...vpcs.flatMap((vpc) => defaultGroupsOf(graph, vpc))])];
}

/**
 * EC2 puts an instance (or an ECS task) that names no security group in its VPC's default group
 * (its subnet's VPC; with no subnet, the default VPC's): that group, when the stack manages it.
 */
function implicitDefaultGroups(graph: StackGraph, server: Res): Res[] {
    const holders = APP_COMPUTE.filter((h) => h.types.includes(server.type));
    if (holders.length === 0) return [];
    if (holders.some((h) => h.read({ [h.key]: propOf(server, h.key) }).length > 0)) return [];
    let subnetKey: string;
    let subnet: unknown;
    if (AWS_COMPUTE_TYPES.instances.includes(server.type as never)) {
        // One launched on a network interface of its own sits in the interface's groups.
        if (
            present(propOf(server, "primaryNetworkInterface")) ||
            listOf(propOf(server, "networkInterfaces")).length > 0
        )
            return [];
        subnetKey = "subnetId";
        subnet = propOf(server, "subnetId");
    } else if (AWS_COMPUTE_TYPES.ecsServices.includes(server.type as never)) {
        const config = propOf(server, "networkConfiguration");
        if (!present(config) || isUnknown(config)) return [];
        subnetKey = "networkConfiguration";
        subnet = listOf<string>(config.subnets)[0];
    } else return [];
    if (!present(subnet)) return defaultGroupsOf(graph, undefined);
    const subnets = graph.resolve(server, subnetKey, subnet as string, SUBNETS).candidates;
    const vpcs = subnets.flatMap((s) => graph.resolve(s, "vpcId", s.props.vpcId, VPCS).candidates);
    return [...new Set(vpcs.flatMap((vpc) => defaultGroupsOf(graph, vpc)))];
}

/** The security groups the holders' resources sit in. */
export function groupsHeldBy(graph: StackGraph, holders: readonly GroupHolder[]): Set<Res> {
    const groups = new Set<Res>();
    for (const holder of holders) {
        for (const res of graph.ofType(holder.types)) heldGroups(graph, holder, res).forEach((g) => groups.add(g));
    }
    return groups;
}

/** The security groups of every load balancer: the only groups allowed to be public. */
export function balancerSecurityGroups(graph: StackGraph): Set<Res> {
    return groupsHeldBy(graph, BALANCERS);
}

/**
 * The security groups of the app tier's compute (see `APP_COMPUTE`: instances, launch templates
 * and configurations, ECS services, Lambda), the VPC's default group of those that name none.
 */
export function serverSecurityGroups(graph: StackGraph): Set<Res> {
    const groups = groupsHeldBy(graph, APP_COMPUTE);
    const types = [...AWS_COMPUTE_TYPES.instances, ...AWS_COMPUTE_TYPES.ecsServices];
    for (const server of graph.ofType(types)) implicitDefaultGroups(graph, server).forEach((g) => groups.add(g));
    return groups;
}

/** The security groups of every data store of a kind (see `AWS_DATA_STORES`). */
export function dataSecurityGroups(graph: StackGraph, kind: DataKind): Set<Res> {
    return groupsHeldBy(graph, dataStoreShapes(kind));
}

/**
 * The servers on AWS whose groups filter what reaches them from the internet: EC2 instances, the
 * launch templates and configurations of the instances a group starts, and ECS services (each
 * task, in awsvpc mode, sits in the service's groups).
 */
const EC2_SERVERS: readonly string[] = [
    ...AWS_COMPUTE_TYPES.instances,
    ...AWS_COMPUTE_TYPES.launchTemplates,
    ...AWS_COMPUTE_TYPES.launchConfigurations,
    ...AWS_COMPUTE_TYPES.nativeInstances,
    ...AWS_COMPUTE_TYPES.nativeLaunchTemplates,
    ...AWS_COMPUTE_TYPES.nativeLaunchConfigurations,
    ...AWS_COMPUTE_TYPES.ecsServices,
    ...AWS_COMPUTE_TYPES.nativeEcsServices,
];

/**
 * The instances of the stack each network interface is attached to: named by an instance
 * (`primaryNetworkInterface`, or any entry of the older `networkInterfaces`), or by a
 * NetworkInterfaceAttachment.
 */
function instancesByInterface(graph: StackGraph): Map<Res, Res[]> {
    const on = new Map<Res, Res[]>();
    const attach = (from: Res, key: string, ref: unknown, instances: Res[]) => {
        if (ref === undefined || ref === null) return;
        for (const nic of graph.resolve(from, key, ref as string, AWS_COMPUTE_TYPES.networkInterfaces).candidates)
            on.set(nic, [...(on.get(nic) ?? []), ...instances]);
    };
    for (const instance of graph.ofType(AWS_COMPUTE_TYPES.instances)) {
        attach(instance, "primaryNetworkInterface", propOf(instance, "primaryNetworkInterface")?.networkInterfaceId, [
            instance,
        ]);
        for (const item of listOf<Record<string, any>>(propOf(instance, "networkInterfaces")))
            attach(instance, "networkInterfaces", isUnknown(item) ? item : item?.networkInterfaceId, [instance]);
    }
    for (const attachment of graph.ofType(AWS_COMPUTE_TYPES.interfaceAttachments)) {
        const { networkInterfaceId, instanceId } = attachment.props;
        const instances = graph.resolve(attachment, "instanceId", instanceId, AWS_COMPUTE_TYPES.instances).candidates;
        attach(attachment, "networkInterfaceId", networkInterfaceId, instances);
    }
    return on;
}

/**
 * Each EC2 server of the stack with every security group it sits in: its own, its launch
 * template's or configuration's, and those of the network interfaces it is on, a group attached
 * to such an interface (or to the instance's primary one) included. An interface on no instance
 * of the stack is a server of its own.
 */
export function awsServerFilters(graph: StackGraph): ServerFilters[] {
    const groupsOf = new Map<Res, Set<Res>>();
    const add = (server: Res, groups: Iterable<Res>) => {
        const held = groupsOf.get(server) ?? new Set<Res>();
        for (const group of groups) held.add(group);
        groupsOf.set(server, held);
    };
    for (const holder of APP_COMPUTE.filter((h) => h.types.some((t) => EC2_SERVERS.includes(t)))) {
        for (const server of graph.ofType(holder.types)) add(server, heldGroups(graph, holder, server));
    }
    for (const server of graph.ofType(EC2_SERVERS)) add(server, implicitDefaultGroups(graph, server));
    const interfaceHolder = APP_COMPUTE.find((h) => h.types === AWS_COMPUTE_TYPES.networkInterfaces)!;
    const attachmentHolder = APP_COMPUTE.find((h) => h.types === AWS_COMPUTE_TYPES.interfaceGroupAttachments)!;
    const attachedTo = instancesByInterface(graph);
    const serversOf = new Map<Res, Res[]>();
    for (const nic of graph.ofType(AWS_COMPUTE_TYPES.networkInterfaces)) {
        const on = attachedTo.get(nic) ?? [];
        serversOf.set(nic, on.length > 0 ? on : [nic]);
        for (const server of serversOf.get(nic)!) add(server, heldGroups(graph, interfaceHolder, nic));
    }
    for (const attachment of graph.ofType(AWS_COMPUTE_TYPES.interfaceGroupAttachments)) {
        const groups = heldGroups(graph, attachmentHolder, attachment);
        // The interface of the stack it names, or an instance whose primary interface it is.
        const targets = graph.resolve(attachment, "networkInterfaceId", attachment.props.networkInterfaceId, [
            ...AWS_COMPUTE_TYPES.networkInterfaces,
            ...AWS_COMPUTE_TYPES.instances,
        ]).candidates;
        for (const target of targets) for (const server of serversOf.get(target) ?? [target]) add(server, groups);
    }
    return [...groupsOf].map(([server, groups]) => ({ server, filters: [...groups] }));
}
