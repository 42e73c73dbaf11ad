import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BalancerInfo } from "../components";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { nameTag } from "./tags";

/**
 * Health check timing: a server is taken out after 3 failed checks 15 s apart (45 s) and
 * put back after 2 good ones (30 s). Any 2xx or 3xx counts as healthy, since an app may
 * redirect its health path.
 */
export const HEALTH_CHECK = {
    intervalSeconds: 15,
    timeoutSeconds: 5,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
    matcher: "200-399",
} as const;

/** Seconds in-flight requests get to finish when a server leaves the target group (deploys, replacements). */
export const DEREGISTRATION_DELAY_SECONDS = 30;

/** A DNS record a human must create so ACM can issue the certificate (when webtier:dnsZone is not set). */
export interface ValidationRecord {
    name: string;
    type: string;
    value: string;
}

/** Escape hatches for the balancer's children, by role. */
export interface LoadBalancerTransform {
    loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
    targetGroup?: Transform<aws.lb.TargetGroupArgs>;
    /** Only with a domain. */
    certificate?: Transform<aws.acm.CertificateArgs>;
    /** The Route 53 record that proves the domain to ACM; only with a domain and a DNS zone. */
    validationRecord?: Transform<aws.route53.RecordArgs>;
    /** The wait for the certificate's issuance; only with a domain. */
    certificateValidation?: Transform<aws.acm.CertificateValidationArgs>;
    /** The listener that forwards to the servers (HTTPS, or HTTP without a domain). */
    forwardingListener?: Transform<aws.lb.ListenerArgs>;
    /** The HTTP listener that redirects to HTTPS; only with a domain. */
    redirectListener?: Transform<aws.lb.ListenerArgs>;
    /** Called for the domain's A and AAAA alias records; only with a domain and a DNS zone. */
    aliasRecord?: Transform<aws.route53.RecordArgs>;
}

export interface LoadBalancerArgs {
    /** The VPC of the target group. Required. */
    vpcId: pulumi.Input<string>;
    /** Public subnets, one per zone: the balancer gets a node in each. Required. */
    subnetIds: pulumi.Input<string>[];
    /** The balancer security group (its rules are added by rules.ts). Required. */
    securityGroupId: pulumi.Input<string>;
    /**
     * The path the target group checks on each server. Required: the platform passes
     * `webtier:healthCheckPath` (default in parseConfig's `DEFAULTS.healthCheckPath`: Laravel 11's `/up`).
     */
    healthCheckPath: string;
    /**
     * The hostname to serve over HTTPS with a DNS-validated ACM certificate. Default none
     * (`webtier:domain` unset): plain HTTP on the balancer's own hostname, which parseConfig allows
     * outside prod only.
     */
    domain?: string;
    /**
     * The Route 53 public hosted zone of `domain`. Default none (`webtier:dnsZone` unset): a human
     * creates the validation record the update prints, and points the domain at the balancer.
     */
    dnsZone?: string;
    /**
     * The HTTPS listener's security policy. Required: `webtier:tlsPolicy`, which parseConfig
     * restricts to TLS 1.2+ forward-secret policies (default `DEFAULTS.tlsPolicy`, TLS 1.3 and 1.2).
     */
    tlsPolicy: string;
    /**
     * How long `pulumi up` waits for the certificate to be issued. Default "2h": with a
     * Route 53 zone it takes minutes; without one, a human must first create the validation
     * record that the update prints.
     */
    certificateValidationTimeout?: string;
    /**
     * Where the balancer writes its access logs (`accessLogs.ts`): the bucket, its folder, and the
     * bucket policy that must exist before ELB accepts the bucket. Default none (`webtier:accessLogDays`
     * 0): no access logs.
     */
    accessLogs?: { bucket: pulumi.Input<string>; prefix: string; policy: pulumi.Resource };
    /** Escape hatches for the children. Default: none. */
    transform?: LoadBalancerTransform;
}

/**
 * The single public entry point: an application load balancer across the public subnets,
 * round robin over the healthy servers of one target group. With a domain it terminates TLS
 * with a DNS-validated ACM certificate (and creates the validation and alias records when
 * the Route 53 zone is managed here); port 80 then only redirects to HTTPS. Without a
 * domain (dev and staging only) it forwards plain HTTP.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    public readonly loadBalancer: aws.lb.LoadBalancer;
    public readonly targetGroup: aws.lb.TargetGroup;
    public readonly httpListener: aws.lb.Listener;
    public readonly httpsListener?: aws.lb.Listener;
    public readonly certificate?: aws.acm.Certificate;
    /**
     * The records that prove control of the domain to ACM. Created automatically with
     * webtier:dnsZone; otherwise create them by hand at your DNS host (the update waits).
     */
    public readonly validationRecords: pulumi.Output<ValidationRecord[]>;
    /** The neutral view the outputs use. */
    public readonly info: BalancerInfo;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:LoadBalancer", name, {}, opts);
        const t = args.transform ?? {};

        const balancerName = childName(name, "alb");
        this.loadBalancer = new aws.lb.LoadBalancer(
            ...transform(
                t.loadBalancer,
                balancerName,
                {
                    loadBalancerType: "application",
                    internal: false,
                    ipAddressType: "dualstack",
                    subnets: args.subnetIds,
                    securityGroups: [args.securityGroupId],
                    // Requests with malformed headers are dropped at the edge instead of reaching PHP.
                    dropInvalidHeaderFields: true,
                    desyncMitigationMode: "defensive",
                    idleTimeout: 60,
                    accessLogs: args.accessLogs
                        ? { enabled: true, bucket: args.accessLogs.bucket, prefix: args.accessLogs.prefix }
                        : undefined,
                    tags: nameTag(balancerName),
                },
                // ELB refuses to turn logging on until the bucket policy lets it write.
                { parent: this, dependsOn: args.accessLogs ? [args.accessLogs.policy] : [] },
            ),
        );

        const targetGroupName = childName(name, "tg");
        this.targetGroup = new aws.lb.TargetGroup(
            ...transform(
                t.targetGroup,
                targetGroupName,
                {
                    vpcId: args.vpcId,
                    targetType: "instance",
                    // TLS ends at the balancer; servers listen on plain HTTP inside the VPC.
                    protocol: "HTTP",
                    port: 80,
                    loadBalancingAlgorithmType: "round_robin",
                    deregistrationDelay: DEREGISTRATION_DELAY_SECONDS,
                    healthCheck: {
                        enabled: true,
                        protocol: "HTTP",
                        port: "traffic-port",
                        path: args.healthCheckPath,
                        matcher: HEALTH_CHECK.matcher,
                        interval: HEALTH_CHECK.intervalSeconds,
                        timeout: HEALTH_CHECK.timeoutSeconds,
                        healthyThreshold: HEALTH_CHECK.healthyThreshold,
                        unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
                    },
                    tags: nameTag(targetGroupName),
                },
                { parent: this },
            ),
        );

        const forward = () => [{ type: "forward", targetGroupArn: this.targetGroup.arn }];

        if (!args.domain) {
            this.validationRecords = pulumi.output([]);
            this.httpListener = new aws.lb.Listener(
                ...transform(
                    t.forwardingListener,
                    childName(name, "http"),
                    {
                        loadBalancerArn: this.loadBalancer.arn,
                        protocol: "HTTP",
                        port: 80,
                        defaultActions: forward(),
                    },
                    { parent: this },
                ),
            );
            this.info = {
                address: this.loadBalancer.dnsName,
                https: false,
                url: pulumi.interpolate`http://${this.loadBalancer.dnsName}`,
                id: this.loadBalancer.arn,
                targetGroupArn: this.targetGroup.arn,
            };
            this.registerOutputs({ dnsName: this.loadBalancer.dnsName });
            return;
        }

        const domain = args.domain;
        const certificateName = childName(name, "cert");
        this.certificate = new aws.acm.Certificate(
            ...transform(
                t.certificate,
                certificateName,
                {
                    domainName: domain,
                    validationMethod: "DNS",
                    keyAlgorithm: "RSA_2048",
                    tags: nameTag(certificateName),
                },
                { parent: this },
            ),
        );
        this.validationRecords = this.certificate.domainValidationOptions.apply((options) =>
            (options ?? []).map((option) => ({
                name: option.resourceRecordName ?? "",
                type: option.resourceRecordType ?? "CNAME",
                value: option.resourceRecordValue ?? "",
            })),
        );

        const timeouts = { create: args.certificateValidationTimeout ?? "2h" };
        let validation: aws.acm.CertificateValidation;
        let zoneId: pulumi.Output<string> | undefined;
        if (args.dnsZone) {
            zoneId = aws.route53.getZoneOutput({ name: args.dnsZone, privateZone: false }, { parent: this }).zoneId;
            // One domain, so exactly one validation record.
            const record = this.validationRecords.apply((records) => records[0]);
            const validationRecord = new aws.route53.Record(
                ...transform(
                    t.validationRecord,
                    childName(name, "cert-validation"),
                    {
                        zoneId,
                        name: record.name,
                        type: record.type,
                        records: [record.value],
                        ttl: 300,
                        // The record may already exist from an earlier certificate for the same name.
                        allowOverwrite: true,
                    },
                    { parent: this },
                ),
            );
            validation = new aws.acm.CertificateValidation(
                ...transform(
                    t.certificateValidation,
                    childName(name, "cert-validated"),
                    {
                        certificateArn: this.certificate.arn,
                        validationRecordFqdns: [validationRecord.fqdn],
                    },
                    { parent: this, customTimeouts: timeouts },
                ),
            );
        } else {
            // Nobody here can create the record: say which one, then wait until it exists.
            this.validationRecords.apply((records) => {
                if (records.length === 0) return;
                void pulumi.log.warn(
                    `webtier: create this DNS record at the DNS host of ${domain} so AWS can issue the certificate ` +
                        `(the update waits up to ${timeouts.create}): ` +
                        records.map((r) => `${r.name} ${r.type} ${r.value}`).join("; "),
                    this,
                );
            });
            validation = new aws.acm.CertificateValidation(
                ...transform(
                    t.certificateValidation,
                    childName(name, "cert-validated"),
                    {
                        certificateArn: this.certificate.arn,
                    },
                    { parent: this, customTimeouts: timeouts },
                ),
            );
        }

        this.httpsListener = new aws.lb.Listener(
            ...transform(
                t.forwardingListener,
                childName(name, "https"),
                {
                    loadBalancerArn: this.loadBalancer.arn,
                    protocol: "HTTPS",
                    port: 443,
                    sslPolicy: args.tlsPolicy,
                    // The validated ARN: the listener is created only once the certificate is issued.
                    certificateArn: validation.certificateArn,
                    defaultActions: forward(),
                },
                { parent: this },
            ),
        );
        this.httpListener = new aws.lb.Listener(
            ...transform(
                t.redirectListener,
                childName(name, "http"),
                {
                    loadBalancerArn: this.loadBalancer.arn,
                    protocol: "HTTP",
                    port: 80,
                    defaultActions: [
                        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
                    ],
                },
                { parent: this },
            ),
        );

        if (zoneId) {
            for (const type of ["A", "AAAA"] as const) {
                new aws.route53.Record(
                    ...transform(
                        t.aliasRecord,
                        childName(name, `alias-${type.toLowerCase()}`),
                        {
                            zoneId,
                            name: domain,
                            type,
                            aliases: [
                                {
                                    name: this.loadBalancer.dnsName,
                                    zoneId: this.loadBalancer.zoneId,
                                    evaluateTargetHealth: true,
                                },
                            ],
                        },
                        { parent: this },
                    ),
                );
            }
        }

        this.info = {
            address: this.loadBalancer.dnsName,
            https: true,
            url: pulumi.output(`https://${domain}`),
            id: this.loadBalancer.arn,
            targetGroupArn: this.targetGroup.arn,
        };
        this.registerOutputs({ dnsName: this.loadBalancer.dnsName, validationRecords: this.validationRecords });
    }
}
