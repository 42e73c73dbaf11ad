/**
 * A task definition's containers as awsx renders them (pulumi-awsx awsx/ecs/containers.ts): the
 * container definitions (sorted by name, port mappings completed from their target groups, the
 * default log configuration) and the service load balancers the target groups imply.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import type { LogGroupId } from "../cloudwatch/logGroup";
import { onTheWire } from "../../../component-args";

export type ContainerArgs = awsx.types.input.ecs.TaskDefinitionContainerDefinitionArgs;
type PortMappingArgs = awsx.types.input.ecs.TaskDefinitionPortMappingArgs;

/** A container definition as it goes into the task definition's JSON. */
export type ContainerDefinition = Record<string, any>;

/** A port mapping once resolved: its target group is the resource itself. */
export interface ResolvedPortMapping {
    name?: string;
    containerPortRange?: string;
    appProtocol?: string;
    containerPort?: number;
    hostPort?: number;
    protocol?: string;
    targetGroup?: aws.lb.TargetGroup;
}

/**
 * The containers by name (containers.ts `normalizeTaskDefinitionContainers`): `containers` as
 * given (in the order its keys reach the provider), or `container` under its name, else
 * "container"; exactly one of the two.
 */
export function normalizeTaskDefinitionContainers(args: {
    container?: ContainerArgs;
    containers?: Record<string, ContainerArgs>;
}): pulumi.Output<Record<string, ContainerArgs>> {
    const { container, containers } = args;
    if (containers !== undefined && container === undefined) {
        // In the order the provider gets them (wire.ts), which is the load balancers' order.
        const sorted = Object.fromEntries(
            Object.keys(containers)
                .sort()
                .map((key) => [key, containers[key]]),
        );
        return pulumi.output(sorted);
    } else if (container !== undefined && containers === undefined) {
        return pulumi.output(container.name).apply((n) => ({ [n ?? "container"]: container }));
    }
    throw new Error("Exactly one of [container] or [containers] must be provided");
}

/**
 * Every container's definition, sorted by name with `localeCompare` as the source sorts them
 * (containers.ts `computeContainerDefinitions`).
 */
export function computeContainerDefinitions(
    containers: pulumi.Output<Record<string, ContainerArgs>>,
    logGroupId: pulumi.Input<LogGroupId> | undefined,
): pulumi.Output<ContainerDefinition[]> {
    return containers.apply((all) =>
        pulumi.all(
            Object.entries(all)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([containerName, container]) => computeContainerDefinition(containerName, container, logGroupId)),
        ),
    );
}

/** One container's definition once its inputs, its port mappings' target group ports and the log group resolve. */
function computeContainerDefinition(
    containerName: string,
    container: ContainerArgs,
    logGroupId: pulumi.Input<LogGroupId> | undefined,
): pulumi.Output<ContainerDefinition> {
    const resolvedMappings = container.portMappings
        ? pulumi
              .output(container.portMappings)
              .apply((mappings) =>
                  (mappings as ResolvedPortMapping[] | undefined)?.map((mapping) =>
                      pulumi.output(mapping.targetGroup?.port).apply((tgPort) => getMappingInputs(mapping, tgPort)),
                  ),
              )
        : undefined;
    return pulumi
        .all([container, resolvedMappings, logGroupId])
        .apply(([resolved, portMappings, groupId]) =>
            containerDefinition(containerName, onTheWire(resolved) as ContainerDefinition, portMappings, groupId),
        );
}

/**
 * A container's definition from its resolved inputs: the inputs (key order as they reach the
 * provider), port mappings and name replaced, and logs sent to the log group when the container
 * configures none. Pure.
 */
export function containerDefinition(
    containerName: string,
    container: ContainerDefinition,
    portMappings: ResolvedPortMapping[] | undefined,
    logGroupId: LogGroupId | undefined,
): ContainerDefinition {
    const definition: ContainerDefinition = { ...container, portMappings, name: containerName };
    if (definition.logConfiguration === undefined && logGroupId !== undefined) {
        definition.logConfiguration = {
            logDriver: "awslogs",
            options: {
                "awslogs-group": logGroupId.logGroupName,
                "awslogs-region": logGroupId.logGroupRegion,
                "awslogs-stream-prefix": containerName,
            },
        };
    }
    return definition;
}

/**
 * A port mapping as the container definition gets it (containers.ts `getMappingInputs`): the
 * target group dropped, its port filling in a missing container or host port. Pure.
 */
export function getMappingInputs(
    mapping: PortMappingArgs | ResolvedPortMapping,
    tgPort: number | undefined,
): ResolvedPortMapping {
    const m = mapping as ResolvedPortMapping;
    return {
        name: m.name,
        containerPortRange: m.containerPortRange,
        appProtocol: m.appProtocol,
        containerPort: m.containerPort ?? m.hostPort ?? tgPort,
        hostPort: m.hostPort ?? tgPort ?? m.containerPort,
        protocol: m.protocol,
    };
}

/** A port mapping's target group, resolved, with the container it routes to. */
export interface TargetGroupMapping {
    containerName: string;
    tgArn?: string;
    tgPort?: number;
}

/**
 * The service's load balancers (containers.ts `computeLoadBalancers`): one per port mapping with
 * a target group, to the group's port, in the containers' order.
 */
export function computeLoadBalancers(
    containers: pulumi.Output<Record<string, ContainerArgs>>,
): pulumi.Output<aws.types.output.ecs.ServiceLoadBalancer[]> {
    const groups = containers.apply((all) =>
        pulumi.all(
            Object.entries(all).map(([containerName, definition]) =>
                definition.portMappings === undefined
                    ? pulumi.output([] as TargetGroupMapping[])
                    : pulumi.output(definition.portMappings).apply((mappings) =>
                          pulumi.all(
                              (mappings as ResolvedPortMapping[]).map((m) =>
                                  pulumi
                                      .all([m.targetGroup?.arn, m.targetGroup?.port])
                                      .apply(([tgArn, tgPort]): TargetGroupMapping => ({
                                          containerName,
                                          tgArn,
                                          tgPort,
                                      })),
                              ),
                          ),
                      ),
            ),
        ),
    );
    return groups.apply((all) => loadBalancersOf(all.flat()));
}

/** The load balancers of target-grouped mappings, those whose group has an ARN and a port. Pure. */
export function loadBalancersOf(mappings: TargetGroupMapping[]): aws.types.output.ecs.ServiceLoadBalancer[] {
    return mappings.flatMap(({ containerName, tgArn, tgPort }) =>
        tgArn === undefined || tgPort === undefined
            ? []
            : [
                  {
                      containerName,
                      containerPort: tgPort,
                      targetGroupArn: tgArn,
                  },
              ],
    );
}
