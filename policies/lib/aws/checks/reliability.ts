/**
 * webtier-reliability on AWS: at least `minServers` servers behind the balancer, across two zones,
 * replaced without downtime (no deleteBeforeReplace, an ECS deployment or an instance refresh
 * that keeps some of them serving); RDS Multi-AZ, with backups and deletion protection, with the
 * classic or the native provider.
 */
import type { Finding } from "../../data-access";
import type { StackGraph } from "../../graph";
import { deleteBeforeReplaceFinding } from "../../replacements";
import { Res, UNKNOWN, describe, isUnknown, listOf, present } from "../../values";
import { AWS_BALANCER_TYPES, balancedAutoScalingGroups, balancedInstances } from "../balancers";
import { AWS } from "../types";

/** The zone of an instance: its own field, or its subnet's. */
function zoneOf(graph: StackGraph, instance: Res): string | typeof UNKNOWN | undefined {
    const own = instance.props.availabilityZone;
    if (typeof own === "string" && !isUnknown(own)) return own;
    const [subnet] = graph.resolve(instance, "subnetId", instance.props.subnetId, SUBNETS).candidates;
    const zone = subnet?.props.availabilityZone ?? subnet?.props.availabilityZoneId;
    if (typeof zone === "string" && !isUnknown(zone)) return zone;
    return isUnknown(own) || isUnknown(zone) ? UNKNOWN : undefined;
}

function push(findings: Finding[], finding: Finding | undefined): void {
    if (finding) findings.push(finding);
}

/**
 * An ECS service's rolling deployment keeps at least `deploymentMinimumHealthyPercent` of its
 * desired tasks running, rounded up (absent: 100). At 0 ECS may stop every task before their
 * replacements start. Blue/green, linear and canary deployments
 * (`deploymentConfiguration.strategy`) and the CODE_DEPLOY and EXTERNAL controllers start the new
 * tasks first, so only rolling ones are judged.
 */
function ecsDeploymentFinding(service: Res): Finding | undefined {
    const controller = service.props.deploymentController?.type;
    if (typeof controller === "string" && controller.toUpperCase() !== "ECS") return undefined;
    const configuration = service.props.deploymentConfiguration;
    const strategy = configuration?.strategy;
    if (typeof strategy === "string" && strategy.toUpperCase() !== "ROLLING") return undefined;
    // The native provider keeps the minimum in deploymentConfiguration (CloudFormation's shape).
    const { minimum, key } = NATIVE.ecsServices.includes(service.type)
        ? {
              minimum: isUnknown(configuration) ? configuration : configuration?.minimumHealthyPercent,
              key: "deploymentConfiguration.minimumHealthyPercent",
          }
        : { minimum: service.props.deploymentMinimumHealthyPercent, key: "deploymentMinimumHealthyPercent" };
    if (minimum !== 0 && !isUnknown(minimum)) return undefined;
    const why = isUnknown(minimum)
        ? `has ${key} unknown during preview, so a deployment cannot be shown to keep tasks serving`
        : `has ${key} 0: a rolling deployment may stop every task before their replacements start, taking the app down`;
    return {
        urn: service.urn,
        message: `${describe(service)} ${why}. Set it to 50 or more with at least two tasks (or leave it unset: 100).`,
    };
}

/**
 * An auto scaling group's instance refresh replaces instances while keeping
 * `preferences.minHealthyPercentage` of the group in service (absent: 90). At 0 it replaces them
 * all at once.
 */
function instanceRefreshFinding(group: Res): Finding | undefined {
    const refresh = group.props.instanceRefresh;
    if (refresh === undefined || refresh === null) return undefined;
    const minimum = isUnknown(refresh)
        ? UNKNOWN
        : isUnknown(refresh.preferences)
          ? UNKNOWN
          : refresh.preferences?.minHealthyPercentage;
    if (minimum !== 0 && !isUnknown(minimum)) return undefined;
    const why = isUnknown(minimum)
        ? "has an instance refresh whose minHealthyPercentage is unknown during preview, so a refresh cannot be shown to keep servers in service"
        : "has an instance refresh with minHealthyPercentage 0: a refresh replaces every server at once, taking the app down";
    return {
        urn: group.urn,
        message: `${describe(group)} ${why}. Set instanceRefresh.preferences.minHealthyPercentage to 50 or more (or leave it unset: 90).`,
    };
}

/**
 * What the floor reads of the native provider (CloudFormation's shapes). Of its databases, an
 * instance in an Aurora cluster is judged as its cluster, and a read replica as its source
 * (CloudFormation refuses backup settings on one).
 */
const NATIVE = {
    dbInstances: ["aws-native:rds:DbInstance"],
    dbClusters: ["aws-native:rds:DbCluster"],
    judgedElsewhere: ["dbClusterIdentifier", "sourceDbInstanceIdentifier", "sourceDbClusterIdentifier"],
    // Its balancers, auto scaling groups (`minSize` a string, subnets in `vpcZoneIdentifier`) and
    // subnets; the instances behind a balancer are balancers.ts's.
    balancers: ["aws-native:elasticloadbalancingv2:LoadBalancer"],
    autoScalingGroups: ["aws-native:autoscaling:AutoScalingGroup"],
    subnets: ["aws-native:ec2:Subnet"],
    // Its ECS service keeps its subnets in networkConfiguration.awsvpcConfiguration.
    ecsServices: ["aws-native:ecs:Service"],
};

/** The subnets of either provider. */
const SUBNETS = [...AWS.subnets, ...NATIVE.subnets];

/**
 * An RDS instance below the floor: not Multi-AZ, no backups, no deletion protection.
 * `backupDaysByDefault` is what an absent backupRetentionPeriod means: 0 as the classic provider
 * documents it, 1 in CloudFormation (the native provider).
 */
function databaseFindings(db: Res, backupDaysByDefault: number): Finding[] {
    const findings: Finding[] = [];
    const p = db.props;
    const name = describe(db);
    if (p.multiAz !== true)
        findings.push({
            urn: db.urn,
            message: `${name} is not Multi-AZ${isUnknown(p.multiAz) ? " (unknown during preview)" : ""}: a zone outage takes the database down. Set multiAz to true (webtier:database.highAvailability).`,
        });
    const absent = p.backupRetentionPeriod === undefined || p.backupRetentionPeriod === null;
    const retention = absent ? backupDaysByDefault : p.backupRetentionPeriod;
    if (isUnknown(retention) || !(typeof retention === "number" && retention >= 1)) {
        findings.push({
            urn: db.urn,
            message: `${name} keeps ${isUnknown(retention) ? "an unknown number of" : String(retention)} days of backups${absent ? ` (absent means ${backupDaysByDefault})` : ""}. Set backupRetentionPeriod to at least 1 (webtier:database.backupRetentionDays).`,
        });
    }
    if (p.deletionProtection !== true)
        findings.push({
            urn: db.urn,
            message: `${name} has no deletion protection. Set deletionProtection to true (webtier:database.deletionProtection).`,
        });
    return findings;
}

/** Where the AWS tier falls below the reliability floor. */
export function awsReliabilityFindings(graph: StackGraph, minServers: number): Finding[] {
    const findings: Finding[] = [];
    const balancers = graph.ofType([...AWS.loadBalancers, ...NATIVE.balancers, ...AWS_BALANCER_TYPES.classic]);
    if (balancers.length > 0) {
        const servers = balancedInstances(graph);
        let groupCapacity = 0;
        const zones = new Set<string>();
        let unknownZone = false;
        for (const server of servers) {
            const zone = zoneOf(graph, server);
            if (zone === UNKNOWN || zone === undefined) unknownZone = true;
            else zones.add(zone);
        }
        const balancedGroups = balancedAutoScalingGroups(graph);
        for (const group of balancedGroups) {
            const minimum = Number(isUnknown(group.props.minSize) ? NaN : group.props.minSize);
            groupCapacity += Number.isInteger(minimum) ? minimum : 0;
            // The classic provider lists the subnets in vpcZoneIdentifiers, the native one in vpcZoneIdentifier.
            const subnetsKey = NATIVE.autoScalingGroups.includes(group.type)
                ? "vpcZoneIdentifier"
                : "vpcZoneIdentifiers";
            for (const subnet of graph.resolveAll(group, subnetsKey, SUBNETS).candidates) {
                const zone = subnet.props.availabilityZone;
                if (typeof zone === "string" && !isUnknown(zone)) zones.add(zone);
                else unknownZone = true;
            }
            listOf<string>(group.props.availabilityZones).forEach((z) =>
                isUnknown(z) ? (unknownZone = true) : zones.add(z),
            );
        }
        // An ECS service behind a balancer keeps `desiredCount` tasks registered in its target
        // groups (ECS's default is none, awsx's one), spread over its subnets' zones (awsvpc);
        // tasks on the cluster's EC2 instances are in zones the stack cannot tell.
        let taskCount = 0;
        const balancedServices = graph
            .ofType(AWS_BALANCER_TYPES.ecsServices)
            .filter((service) => listOf(service.props.loadBalancers).length > 0);
        for (const service of balancedServices) {
            const desired = service.props.desiredCount;
            taskCount += typeof desired === "number" ? desired : 0;
            const configuration = service.props.networkConfiguration as Record<string, any> | undefined;
            const network = NATIVE.ecsServices.includes(service.type)
                ? isUnknown(configuration)
                    ? configuration
                    : configuration?.awsvpcConfiguration
                : configuration;
            const subnets = isUnknown(network) ? UNKNOWN : network?.subnets;
            if (subnets === undefined || subnets === null || isUnknown(subnets)) {
                unknownZone = true;
                continue;
            }
            const placed = graph.resolveAll(
                service,
                "networkConfiguration",
                SUBNETS,
                listOf<string | typeof UNKNOWN>(subnets),
            );
            if (placed.unresolved.length > 0) unknownZone = true;
            for (const subnet of placed.candidates) {
                const zone = subnet.props.availabilityZone ?? subnet.props.availabilityZoneId;
                if (typeof zone === "string" && !isUnknown(zone)) zones.add(zone);
                else unknownZone = true;
            }
        }
        const count = servers.size + groupCapacity + taskCount;
        for (const server of servers) push(findings, deleteBeforeReplaceFinding(server, "an app server"));
        for (const group of balancedGroups) {
            push(findings, deleteBeforeReplaceFinding(group, "the app servers' group"));
            push(findings, instanceRefreshFinding(group));
        }
        for (const service of balancedServices) {
            push(findings, deleteBeforeReplaceFinding(service, "the app's service"));
            push(findings, ecsDeploymentFinding(service));
        }
        const at = balancers[0].urn;
        if (count < minServers) {
            findings.push({
                urn: at,
                message: `Only ${count} server(s) are registered behind the balancer; at least ${minServers} keep the app up when one fails. Raise webtier:servers.count.`,
            });
        }
        if (minServers >= 2 && count >= 2 && zones.size < 2) {
            const why = unknownZone
                ? "cannot be proven to span two availability zones (their zones are unknown during preview, or cannot be traced in the stack: ECS tasks on a cluster's instances, subnets the stack does not declare)"
                : `all run in ${[...zones].join(", ") || "one zone"}`;
            findings.push({
                urn: at,
                message: `The servers behind the balancer ${why}. Spread them across at least two zones (webtier:zones).`,
            });
        }
    }
    for (const db of graph.ofType(AWS.rdsInstances)) findings.push(...databaseFindings(db, 0));
    for (const db of graph.ofType(NATIVE.dbInstances)) {
        if (NATIVE.judgedElsewhere.some((key) => present(db.props[key]))) continue;
        findings.push(...databaseFindings(db, 1));
    }
    for (const cluster of graph.ofType([...AWS.rdsClusters, ...NATIVE.dbClusters])) {
        if (cluster.props.deletionProtection !== true)
            findings.push({
                urn: cluster.urn,
                message: `${describe(cluster)} has no deletion protection. Set deletionProtection to true.`,
            });
    }
    return findings;
}
