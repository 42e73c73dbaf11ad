/**
 * AWS load balancers as the policies see them: which ports they send traffic to on the app
 * servers, and every listener of every balancer type normalised to one form (what clients
 * speak to the balancer, what the balancer speaks to the servers, the certificate and TLS
 * policy), so that "TLS ends at the balancer" is one predicate for ALB, NLB and classic ELB.
 */
import { Cidr, parseCidr } from "../cidr";
import type { StackGraph } from "../graph";
import { Res, UNKNOWN, Unknown, isUnknown, listOf, present, textOf } from "../values";
import { AWS_COMPUTE_TYPES } from "./group-holders";
import { LIGHTSAIL } from "./lightsail";

export const AWS_BALANCER_TYPES = {
    /** Application, network and gateway load balancers (elbv2). */
    elbv2: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    classic: ["aws:elb/loadBalancer:LoadBalancer"],
    listeners: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    targetGroups: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    attachments: [
        "aws:lb/targetGroupAttachment:TargetGroupAttachment",
        "aws:alb/targetGroupAttachment:TargetGroupAttachment",
    ],
    // Either provider's ECS service: both list loadBalancers with a containerPort.
    ecsServices: ["aws:ecs/service:Service", "aws-native:ecs:Service"],
    classicListenerPolicies: ["aws:elb/listenerPolicy:ListenerPolicy"],
    /** The native provider's balancers and listeners (CloudFormation's AWS::ElasticLoadBalancingV2). */
    nativeElbv2: ["aws-native:elasticloadbalancingv2:LoadBalancer"],
    nativeListeners: ["aws-native:elasticloadbalancingv2:Listener"],
    nativeTargetGroups: ["aws-native:elasticloadbalancingv2:TargetGroup"],
    classicPolicies: ["aws:elb/loadBalancerPolicy:LoadBalancerPolicy"],
    /** terraform's aws_lb_ssl_negotiation_policy: a policy set on a classic listener's port directly. */
    classicNegotiationPolicies: ["aws:elb/sslNegotiationPolicy:SslNegotiationPolicy"],
    autoScalingGroups: [...AWS_COMPUTE_TYPES.autoScalingGroups, "aws-native:autoscaling:AutoScalingGroup"],
    /** What joins a group to a balancer from outside it: a target group or classic ELB, or any traffic source. */
    groupAttachments: [
        "aws:autoscaling/attachment:Attachment",
        "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment",
    ],
} as const;

const INSTANCES = [...AWS_COMPUTE_TYPES.instances, ...AWS_COMPUTE_TYPES.nativeInstances];
const CLASSIC_ATTACHMENTS = ["aws:elb/attachment:Attachment"];

/**
 * The instances a balancer sends traffic to: registered in a target group by a
 * TargetGroupAttachment or in a native target group's `targets`, listed in a classic ELB's
 * `instances` or attached to it by an `aws.elb.Attachment`.
 */
export function balancedInstances(graph: StackGraph): Set<Res> {
    const servers = new Set<Res>();
    const add = (from: Res, key: string, values?: (string | Unknown)[]) =>
        graph.resolveAll(from, key, INSTANCES, values).candidates.forEach((instance) => servers.add(instance));
    for (const attachment of graph.ofType(AWS_BALANCER_TYPES.attachments)) add(attachment, "targetId");
    for (const group of graph.ofType(AWS_BALANCER_TYPES.nativeTargetGroups)) {
        const ids = listOf<Record<string, any>>(group.props.targets).map((target) =>
            isUnknown(target) ? UNKNOWN : target?.id,
        );
        add(group, "targets", ids);
    }
    for (const balancer of graph.ofType(AWS_BALANCER_TYPES.classic)) add(balancer, "instances");
    for (const attachment of graph.ofType(CLASSIC_ATTACHMENTS)) add(attachment, "instance");
    return servers;
}

/** A group's own balancer lists: target groups, classic ELBs, traffic sources (either provider's names). */
const GROUP_BALANCER_KEYS = ["targetGroupArns", "loadBalancers", "trafficSources", "loadBalancerNames"];

/**
 * The auto scaling groups whose instances a balancer sends traffic to: a group that names target
 * groups, classic balancers or traffic sources itself, or that an `aws.autoscaling.Attachment`
 * or `TrafficSourceAttachment` names (terraform-provider-aws's four ways, which its docs say not
 * to mix for one balancer).
 */
export function balancedAutoScalingGroups(graph: StackGraph): Res[] {
    const groups = graph.ofType(AWS_BALANCER_TYPES.autoScalingGroups);
    const attached = new Set<Res>();
    for (const attachment of graph.ofType(AWS_BALANCER_TYPES.groupAttachments)) {
        graph
            .resolve(
                attachment,
                "autoscalingGroupName",
                attachment.props.autoscalingGroupName,
                AWS_BALANCER_TYPES.autoScalingGroups,
            )
            .candidates.forEach((group) => attached.add(group));
    }
    return groups.filter(
        (group) => attached.has(group) || GROUP_BALANCER_KEYS.some((key) => listOf(group.props[key]).length > 0),
    );
}

function port(value: unknown): number | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    if (value === undefined || value === null || value === "") return undefined;
    const n = Number(value);
    return Number.isInteger(n) ? n : undefined;
}

/**
 * The ports the balancers send traffic to on the app servers ("the app port"): target groups'
 * ports (instance and ip targets), attachments' port overrides, ECS services' container ports,
 * classic ELB instance ports. Ports unknown during preview are counted in `unknown`.
 */
export function awsAppPorts(graph: StackGraph): { ports: Set<number>; unknown: boolean } {
    const ports = new Set<number>();
    let unknown = false;
    const add = (value: unknown) => {
        const p = port(value);
        if (p === UNKNOWN) unknown = true;
        else if (p !== undefined) ports.add(p);
    };
    for (const group of graph.ofType([...AWS_BALANCER_TYPES.targetGroups, ...AWS_BALANCER_TYPES.nativeTargetGroups])) {
        const targetType = group.props.targetType;
        if (targetType === "lambda" || targetType === "alb") continue;
        add(group.props.port);
    }
    for (const attachment of graph.ofType(AWS_BALANCER_TYPES.attachments)) add(attachment.props.port);
    for (const service of graph.ofType(AWS_BALANCER_TYPES.ecsServices)) {
        // Unknown during preview when a component computes it (awsx's FargateService, from its
        // port mappings): the target groups it came from are the stack's, their ports counted above.
        const entries = service.props.loadBalancers;
        if (
            isUnknown(entries) &&
            graph.dependenciesOf(service, "loadBalancers", AWS_BALANCER_TYPES.targetGroups).length > 0
        )
            continue;
        for (const lb of listOf<Record<string, any>>(entries)) add(isUnknown(lb) ? UNKNOWN : lb?.containerPort);
    }
    for (const balancer of graph.ofType(AWS_BALANCER_TYPES.classic)) {
        for (const listener of listOf<Record<string, any>>(balancer.props.listeners))
            add(isUnknown(listener) ? UNKNOWN : listener?.instancePort);
    }
    for (const balancer of graph.ofType([LIGHTSAIL.balancer])) add(balancer.props.instancePort);
    return { ports, unknown };
}

/**
 * The address ranges a network load balancer without security groups sends from: the subnets it
 * sits in (its nodes' private addresses, with client IP preservation off). For such a balancer a
 * rule admitting the app port from those ranges is how "only from the balancer" is written; a
 * balancer with security groups (every ALB, newer NLBs) is named by its group instead.
 */
export function groupLessNlbRanges(graph: StackGraph): Cidr[] {
    const ranges: Cidr[] = [];
    for (const balancer of graph.ofType(AWS_BALANCER_TYPES.elbv2)) {
        if (balancer.props.loadBalancerType !== "network") continue;
        const groups = balancer.props.securityGroups;
        if (isUnknown(groups) || listOf(groups).length > 0) continue;
        const ids: (string | Unknown)[] = listOf<string>(balancer.props.subnets).map((v) =>
            isUnknown(v) ? UNKNOWN : String(v),
        );
        const mappings = balancer.props.subnetMappings;
        const mapped: (string | Unknown)[] = isUnknown(mappings)
            ? [UNKNOWN]
            : listOf<Record<string, any>>(mappings).map((m) =>
                  isUnknown(m) || isUnknown(m?.subnetId) ? UNKNOWN : String(m?.subnetId),
              );
        const subnets = [
            ...graph.resolveAll(balancer, "subnets", ["aws:ec2/subnet:Subnet"], ids).candidates,
            ...graph.resolveAll(balancer, "subnetMappings", ["aws:ec2/subnet:Subnet"], mapped).candidates,
        ];
        for (const subnet of subnets) {
            const cidr = typeof subnet.props.cidrBlock === "string" ? parseCidr(subnet.props.cidrBlock) : undefined;
            if (cidr) ranges.push(cidr);
        }
    }
    return ranges;
}

/** One listener of any AWS balancer type, normalised. */
export interface BalancerListener {
    /** The resource the listener is (elbv2) or is part of (classic ELB). */
    owner: Res;
    /** Where, for messages: `listener "x"` or `listeners[1] of load balancer "y"`. */
    path: string;
    /** The balancers it belongs to. */
    balancers: Res[];
    /** What clients speak: HTTP, HTTPS, TCP, TLS, SSL, UDP, TCP_UDP, GENEVE (upper case), or unknown. */
    protocol: string | Unknown;
    port: number | Unknown | undefined;
    certificate: unknown;
    /** The property that names the certificate, for messages. */
    certificateKey: string;
    /** The TLS policy named on the listener (elbv2); classic ELB policies are separate resources. */
    sslPolicy: unknown;
    classic: boolean;
    /** Classic ELB: what the balancer speaks to the instances. */
    instanceProtocol?: string | Unknown;
}

function upper(value: unknown, fallback?: string): string | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    return textOf(value ?? fallback ?? "").toUpperCase();
}

/** Every listener of every elbv2 and classic balancer in the stack. */
export function awsListeners(graph: StackGraph): BalancerListener[] {
    const out: BalancerListener[] = [];
    for (const listener of graph.ofType(AWS_BALANCER_TYPES.listeners)) {
        const balancers = graph.resolve(
            listener,
            "loadBalancerArn",
            listener.props.loadBalancerArn,
            AWS_BALANCER_TYPES.elbv2,
        ).candidates;
        // The protocol defaults to HTTP on an application load balancer (and must be set on the
        // others), except a gateway load balancer's, which has none: it carries GENEVE to appliances.
        const gateway = balancers.some((lb) => lb.props.loadBalancerType === "gateway");
        out.push({
            owner: listener,
            path: "",
            balancers,
            protocol: upper(listener.props.protocol, gateway ? "GENEVE" : "HTTP"),
            port: port(listener.props.port),
            certificate: listener.props.certificateArn,
            certificateKey: "certificateArn",
            sslPolicy: listener.props.sslPolicy,
            classic: false,
        });
    }
    // The native provider's listener names its certificates in a list (the first is the default).
    for (const listener of graph.ofType(AWS_BALANCER_TYPES.nativeListeners)) {
        const certificates = listener.props.certificates;
        const first = isUnknown(certificates) ? UNKNOWN : listOf<Record<string, any>>(certificates)[0];
        out.push({
            owner: listener,
            path: "",
            balancers: graph.resolve(
                listener,
                "loadBalancerArn",
                listener.props.loadBalancerArn,
                AWS_BALANCER_TYPES.nativeElbv2,
            ).candidates,
            protocol: upper(listener.props.protocol, "HTTP"),
            port: port(listener.props.port),
            certificate: isUnknown(first) ? UNKNOWN : first?.certificateArn,
            certificateKey: "certificates",
            sslPolicy: listener.props.sslPolicy,
            classic: false,
        });
    }
    for (const balancer of graph.ofType(AWS_BALANCER_TYPES.classic)) {
        const listeners = balancer.props.listeners;
        if (isUnknown(listeners)) {
            out.push({
                owner: balancer,
                path: "listeners",
                balancers: [balancer],
                protocol: UNKNOWN,
                port: UNKNOWN,
                certificate: UNKNOWN,
                certificateKey: "sslCertificateId",
                sslPolicy: UNKNOWN,
                classic: true,
                instanceProtocol: UNKNOWN,
            });
            continue;
        }
        listOf<Record<string, any>>(listeners).forEach((l, index) => {
            const known = !isUnknown(l) && l !== null && typeof l === "object";
            out.push({
                owner: balancer,
                path: `listeners[${index}]`,
                balancers: [balancer],
                protocol: known ? upper(l.lbProtocol) : UNKNOWN,
                port: known ? port(l.lbPort) : UNKNOWN,
                certificate: known ? l.sslCertificateId : UNKNOWN,
                certificateKey: "sslCertificateId",
                sslPolicy: undefined,
                classic: true,
                instanceProtocol: known ? upper(l.instanceProtocol) : UNKNOWN,
            });
        });
    }
    return out;
}

/** Protocols where the balancer ends TLS itself. */
export const TLS_TERMINATING = ["HTTPS", "TLS", "SSL"];

/** The `Reference-Security-Policy` among a classic policy's attributes (`{ name, value }` each). */
function referencePolicy(attributes: unknown): string | Unknown | undefined {
    if (isUnknown(attributes)) return UNKNOWN;
    for (const attribute of listOf<Record<string, any>>(attributes)) {
        if (isUnknown(attribute)) return UNKNOWN;
        if (attribute?.name === "Reference-Security-Policy")
            return isUnknown(attribute.value) ? UNKNOWN : String(attribute.value);
    }
    return undefined;
}

/**
 * The TLS policy a classic ELB listener negotiates with: the `Reference-Security-Policy` of an
 * SslNegotiationPolicy set on its port, or of the SSLNegotiationPolicyType policy a
 * ListenerPolicy attaches to its port; absent, AWS uses ELBSecurityPolicy-2016-08 (TLS 1.0
 * included).
 */
export function classicTlsPolicy(
    graph: StackGraph,
    balancer: Res,
    lbPort: number | Unknown | undefined,
): string | Unknown | undefined {
    for (const negotiation of graph.referrers(
        AWS_BALANCER_TYPES.classicNegotiationPolicies,
        "loadBalancer",
        balancer,
    )) {
        const setPort = port(negotiation.props.lbPort);
        if (setPort !== UNKNOWN && lbPort !== UNKNOWN && setPort !== lbPort) continue;
        const reference = referencePolicy(negotiation.props.attributes);
        if (reference !== undefined) return reference;
    }
    for (const attachment of graph.referrers(
        AWS_BALANCER_TYPES.classicListenerPolicies,
        "loadBalancerName",
        balancer,
    )) {
        const attachedPort = port(attachment.props.loadBalancerPort);
        if (attachedPort !== UNKNOWN && lbPort !== UNKNOWN && attachedPort !== lbPort) continue;
        const names = attachment.props.policyNames;
        if (isUnknown(names)) return UNKNOWN;
        for (const name of listOf<string>(names)) {
            const policies = graph.resolve(
                attachment,
                "policyNames",
                isUnknown(name) ? UNKNOWN : String(name),
                AWS_BALANCER_TYPES.classicPolicies,
            ).candidates;
            for (const policy of policies) {
                if (!present(policy.props.policyTypeName) || policy.props.policyTypeName !== "SSLNegotiationPolicyType")
                    continue;
                const reference = referencePolicy(policy.props.policyAttributes);
                if (reference !== undefined) return reference;
            }
        }
    }
    return undefined;
}
