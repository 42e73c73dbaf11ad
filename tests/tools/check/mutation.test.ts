// Mutation test (issue #3): each insecure change to a compliant stack is caught by the rule meant
// for it, on both clouds. The real program runs through the offline check (`runCheck`), with one
// resource's args rewritten *while the program evaluates*, by a stack transformation installed
// before `runWebtier()`: the mutated resource is registered as the engine would see it, with its
// dependencies recomputed from the mutated args, so the graph the stack policies read stays whole.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { runWebtier } from "../../../infra/program";
import { SECRET_KEYS } from "../../../infra/config/types";
import { PolicyPack } from "../../../tools/check/pack";
import { CheckOptions, analyzerIdentity, defaultPolicyPack, runCheck, startPolicyPack } from "../../../tools/check/run";
import { Violation, exitCodeOf } from "../../../tools/check/results";
import { DIST_ROOT, REPO_ROOT } from "./paths";

type Props = Record<string, any>;

/** A resource registered earlier in the same evaluation, by type and name. */
type Find = (type: string, name: string) => pulumi.Resource;

interface Mutation {
    /** The `it` title: what the rule catches. */
    title: string;
    stack: string;
    /** The resource whose args are rewritten (its type: components share names with their children). */
    target: { type: string; name: string };
    /** Returns the mutated args (a shallow copy is passed in). */
    edit: (props: Props, find: Find) => Props;
    /** The policy that must report it, as a mandatory violation. */
    policy: string;
    /** The resource the violation must be reported on. Default: the target. */
    reportedOn?: { type: string; name: string };
    /** What the violation must say. */
    says: RegExp;
    /** Further resources rewritten in the same run, for a risk that takes two changes to express. */
    alsoEdit?: { target: { type: string; name: string }; edit: (props: Props, find: Find) => Props }[];
}

const T = {
    instance: "aws:ec2/instance:Instance",
    vpc: "aws:ec2/vpc:Vpc",
    route: "aws:ec2/route:Route",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    droplet: "digitalocean:index/droplet:Droplet",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    subnet: "aws:ec2/subnet:Subnet",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    rds: "aws:rds/instance:Instance",
    rdsSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    listener: "aws:lb/listener:Listener",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    firewall: "digitalocean:index/firewall:Firewall",
    ssmParameter: "aws:ssm/parameter:Parameter",
    databaseFirewall: "digitalocean:index/databaseFirewall:DatabaseFirewall",
    databaseCluster: "digitalocean:index/databaseCluster:DatabaseCluster",
    doLoadBalancer: "digitalocean:index/loadBalancer:LoadBalancer",
    spaces: "digitalocean:index/spacesBucket:SpacesBucket",
};

const P = {
    ssh: "webtier-ssh-allowlist",
    port80: "webtier-port-80-only-from-balancer",
    database: "webtier-database-not-public",
    cache: "webtier-cache-not-public",
    tls: "webtier-tls-at-balancer",
    health: "webtier-health-checks",
    storagePublic: "webtier-storage-not-public",
    storageVersioned: "webtier-private-versioned-storage",
    reliability: "webtier-reliability",
    plaintextSecrets: "webtier-plaintext-secrets",
    encrypted: "webtier-data-encrypted",
};

/** Firewall rules with the one admitting `port` replaced by `replace(rule)`. */
function withInbound(rules: Props[], port: string, replace: (rule: Props) => Props): Props[] {
    assert.ok(
        rules.some((r) => r.portRange === port),
        `the firewall has an inbound rule for port ${port}`,
    );
    return rules.map((rule) => (rule.portRange === port ? replace(rule) : rule));
}

function awsMutations(stack: string): Mutation[] {
    const n = (suffix: string) => `${stack}-${suffix}`;
    return [
        {
            title: "catches SSH open to the world on AWS",
            stack,
            target: { type: T.ingressRule, name: n("app-in-22-203-0-113-0-24") },
            policy: P.ssh,
            edit: (p) => ({ ...p, cidrIpv4: "0.0.0.0/0" }),
            says: /admits SSH \(port 22\) from 0\.0\.0\.0\/0, the whole internet/,
        },
        {
            title: "catches SSH open to ::/0 through an all-protocols (-1) rule on AWS",
            stack,
            target: { type: T.ingressRule, name: n("app-in-22-2001-db8-1234-48") },
            policy: P.ssh,
            edit: (p) => ({ ...p, ipProtocol: "-1", fromPort: undefined, toPort: undefined, cidrIpv6: "::/0" }),
            says: /all protocols and ports\) admits SSH \(port 22\) from ::\/0, the whole internet/,
        },
        {
            title: "catches port 80 admitted from a CIDR instead of the balancer's security group on AWS",
            stack,
            target: { type: T.ingressRule, name: n("app-in-80-lb") },
            policy: P.port80,
            edit: (p) => ({ ...p, referencedSecurityGroupId: undefined, cidrIpv4: "10.0.0.0/8" }),
            says: /admits port 80 from CIDR 10\.0\.0\.0\/8/,
        },
        {
            title: "catches a publicly accessible RDS instance",
            stack,
            target: { type: T.rds, name: n("db") },
            policy: P.database,
            edit: (p) => ({ ...p, publiclyAccessible: true }),
            says: /is publicly accessible/,
        },
        {
            title: "catches the database security group admitting 0.0.0.0/0 on AWS",
            stack,
            target: { type: T.ingressRule, name: n("db-in-3306-app") },
            policy: P.database,
            edit: (p) => ({ ...p, referencedSecurityGroupId: undefined, cidrIpv4: "0.0.0.0/0" }),
            says: /lets CIDR 0\.0\.0\.0\/0 reach the database/,
        },
        {
            title: "catches the cache security group admitting the VPC's CIDR instead of the app servers on AWS",
            stack,
            target: { type: T.ingressRule, name: n("cache-in-6379-app") },
            policy: P.cache,
            edit: (p) => ({ ...p, referencedSecurityGroupId: undefined, cidrIpv4: "10.0.0.0/16" }),
            says: /lets CIDR 10\.0\.0\.0\/16 reach the cache/,
        },
        {
            title: "catches ElastiCache without transit encryption",
            stack,
            target: { type: T.replicationGroup, name: n("cache") },
            policy: P.cache,
            edit: (p) => ({ ...p, transitEncryptionEnabled: false }),
            says: /does not enable transit encryption/,
        },
        {
            title: "catches an RDS instance whose storage encryption was left to RDS's default",
            stack,
            target: { type: T.rds, name: n("db") },
            policy: P.encrypted,
            edit: (p) => ({ ...p, storageEncrypted: undefined }),
            says: /has no storageEncrypted \(RDS's default: unencrypted\)/,
        },
        {
            title: "catches a Redis OSS replication group left unencrypted at rest",
            stack,
            target: { type: T.replicationGroup, name: n("cache") },
            policy: P.encrypted,
            edit: (p) => ({ ...p, engine: "redis", atRestEncryptionEnabled: undefined }),
            says: /unencrypted with the Redis OSS engine/,
        },
        {
            title: "catches an HTTP listener that forwards to the servers instead of redirecting to HTTPS",
            stack,
            target: { type: T.listener, name: n("http") },
            policy: P.tls,
            edit: (p, find) => ({
                ...p,
                defaultActions: [{ type: "forward", targetGroupArn: (find(T.targetGroup, n("tg")) as any).arn }],
            }),
            says: /is plain HTTP and does not only redirect to HTTPS/,
        },
        {
            title: "catches an HTTPS listener with an old TLS policy",
            stack,
            target: { type: T.listener, name: n("https") },
            policy: P.tls,
            edit: (p) => ({ ...p, sslPolicy: "ELBSecurityPolicy-2016-08" }),
            says: /sslPolicy ELBSecurityPolicy-2016-08, which is not an allowed TLS policy/,
        },
        {
            title: "catches a target group with its health check disabled",
            stack,
            target: { type: T.targetGroup, name: n("tg") },
            policy: P.health,
            edit: (p) => ({ ...p, healthCheck: { ...p.healthCheck, enabled: false } }),
            says: /has health checks disabled/,
        },
        {
            title: "catches a target group health check on another path",
            stack,
            target: { type: T.targetGroup, name: n("tg") },
            policy: P.health,
            edit: (p) => ({ ...p, healthCheck: { ...p.healthCheck, path: "/" } }),
            says: /checks health on path \/;/,
        },
        {
            title: "catches a bucket public access block with a switch off",
            stack,
            target: { type: T.publicAccessBlock, name: n("uploads-public-access") },
            policy: P.storagePublic,
            edit: (p) => ({ ...p, blockPublicPolicy: false }),
            says: /blockPublicPolicy is false/,
        },
        {
            title: "catches suspended bucket versioning",
            stack,
            target: { type: T.versioning, name: n("uploads-versioning") },
            policy: P.storageVersioned,
            edit: (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } }),
            reportedOn: { type: T.bucket, name: n("uploads") },
            says: /is not versioned/,
        },
        {
            title: "catches a public-read bucket ACL",
            stack,
            target: { type: T.bucket, name: n("uploads") },
            policy: P.storagePublic,
            edit: (p) => ({ ...p, acl: "public-read" }),
            says: /sets acl "public-read"/,
        },
        {
            title: "catches SSH open to ::/0 through an inline all-TCP-ports block on the app servers' security group",
            stack,
            target: { type: T.securityGroup, name: n("app-sg") },
            policy: P.ssh,
            edit: (p) => ({
                ...p,
                ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlocks: ["::/0"] }],
            }),
            says: /ingress\[0\] of security group "aws-prod-app-sg" \(all ports\) admits SSH \(port 22\) from ::\/0, the whole internet/,
        },
        {
            title: "catches port 80 admitted from the database's security group instead of the balancer's",
            stack,
            target: { type: T.ingressRule, name: n("app-in-80-lb") },
            policy: P.port80,
            edit: (p, find) => ({ ...p, referencedSecurityGroupId: (find(T.securityGroup, n("db-sg")) as any).id }),
            says: /admits port 80 from security group .*"aws-prod-db-sg"\), which is not the security group of a load balancer/,
        },
        {
            title: "catches the database placed in the public subnets",
            stack,
            target: { type: T.rdsSubnetGroup, name: n("db-subnets") },
            policy: P.database,
            edit: (p, find) => ({
                ...p,
                subnetIds: [1, 2, 3].map((i) => (find(T.subnet, n(`public-${i}`)) as any).id),
            }),
            reportedOn: { type: T.rds, name: n("db") },
            says: /subnet "aws-prod-public-1" routes to an internet gateway/,
        },
        {
            title: "catches the cache placed in the public subnets",
            stack,
            target: { type: T.cacheSubnetGroup, name: n("cache-subnets") },
            policy: P.cache,
            edit: (p, find) => ({
                ...p,
                subnetIds: [(find(T.subnet, n("private-1")) as any).id, (find(T.subnet, n("public-2")) as any).id],
            }),
            reportedOn: { type: T.replicationGroup, name: n("cache") },
            says: /subnet "aws-prod-public-2" routes to an internet gateway/,
        },
        {
            title: "catches ElastiCache without an AUTH token",
            stack,
            target: { type: T.replicationGroup, name: n("cache") },
            policy: P.cache,
            edit: (p) => ({ ...p, authToken: undefined }),
            says: /requires no AUTH/,
        },
        {
            title: "catches a target group that speaks HTTPS to the servers",
            stack,
            target: { type: T.targetGroup, name: n("tg") },
            policy: P.tls,
            edit: (p) => ({ ...p, protocol: "HTTPS", port: 443 }),
            says: /speaks HTTPS to the servers/,
        },
        {
            title: "catches a bucket policy that lets anyone read the uploads",
            stack,
            target: { type: T.bucketPolicy, name: n("uploads-policy") },
            policy: P.storagePublic,
            edit: (p) => ({
                ...p,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads/*" },
                    ],
                }),
            }),
            says: /allows Principal "\*" without a condition/,
        },
        {
            title: "catches a bucket policy that lets anyone read the uploads over TLS (a condition that limits nobody)",
            stack,
            target: { type: T.bucketPolicy, name: n("uploads-policy") },
            policy: P.storagePublic,
            edit: (p) => ({
                ...p,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { AWS: "*" },
                            Action: "s3:GetObject",
                            Resource: "arn:aws:s3:::uploads/*",
                            Condition: { Bool: { "aws:SecureTransport": "true" } },
                        },
                    ],
                }),
            }),
            says: /allows Principal "\*" without a condition that limits/,
        },
        {
            title: "catches a single-AZ database under prod's reliability floor",
            stack,
            target: { type: T.rds, name: n("db") },
            policy: P.reliability,
            edit: (p) => ({ ...p, multiAz: false }),
            says: /is not Multi-AZ/,
        },
    ];
}

function digitalOceanMutations(stack: string): Mutation[] {
    const n = (suffix: string) => `${stack}-${suffix}`;
    return [
        {
            title: "catches SSH open to the world on DigitalOcean",
            stack,
            target: { type: T.firewall, name: n("firewall") },
            policy: P.ssh,
            edit: (p) => ({
                ...p,
                inboundRules: withInbound(p.inboundRules, "22", (r) => ({ ...r, sourceAddresses: ["0.0.0.0/0"] })),
            }),
            says: /admits SSH \(port 22\) from 0\.0\.0\.0\/0, the whole internet/,
        },
        {
            title: "catches port 80 admitted from a CIDR instead of the load balancer on DigitalOcean",
            stack,
            target: { type: T.firewall, name: n("firewall") },
            policy: P.port80,
            edit: (p) => ({
                ...p,
                inboundRules: withInbound(p.inboundRules, "80", (r) => ({
                    ...r,
                    sourceLoadBalancerUids: undefined,
                    sourceAddresses: ["10.10.0.0/16"],
                })),
            }),
            says: /admits port 80 from CIDR 10\.10\.0\.0\/16/,
        },
        {
            title: "catches a database firewall trusting 0.0.0.0/0",
            stack,
            target: { type: T.databaseFirewall, name: n("db-firewall") },
            policy: P.database,
            edit: (p) => ({ ...p, rules: [{ type: "ip_addr", value: "0.0.0.0/0" }] }),
            says: /trusts ip_addr 0\.0\.0\.0\/0; the database must trust only the app servers/,
        },
        {
            // A transformation cannot delete a resource (and neither can the components'
            // `transform` escape hatches): the database firewall is pointed at a cluster outside
            // the stack instead, which leaves the stack's database cluster with no firewall at all.
            title: "catches a database cluster without a database firewall",
            stack,
            target: { type: T.databaseFirewall, name: n("db-firewall") },
            policy: P.database,
            edit: (p) => ({ ...p, clusterId: "00000000-0000-4000-8000-cluster-elsewhere" }),
            reportedOn: { type: T.databaseCluster, name: n("db") },
            says: /has no database firewall, so the database accepts connections from any address/,
        },
        {
            title: "catches a database firewall trusting a tag that is not the app droplets'",
            stack,
            target: { type: T.databaseFirewall, name: n("db-firewall") },
            policy: P.database,
            edit: (p) => ({ ...p, rules: [{ type: "tag", value: "office-bastion" }] }),
            says: /trusts tag office-bastion, which no droplet or autoscale pool of this stack carries/,
        },
        {
            title: "catches a cache firewall trusting an IP address",
            stack,
            target: { type: T.databaseFirewall, name: n("cache-firewall") },
            policy: P.cache,
            edit: (p) => ({ ...p, rules: [...p.rules, { type: "ip_addr", value: "198.51.100.7" }] }),
            says: /trusts ip_addr 198\.51\.100\.7; the cache must trust only the app servers/,
        },
        {
            title: "catches a load balancer that does not redirect HTTP to HTTPS",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.tls,
            edit: (p) => ({ ...p, redirectHttpToHttps: false }),
            says: /does not redirect HTTP to HTTPS/,
        },
        {
            title: "catches an https forwarding rule with TLS passthrough",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.tls,
            edit: (p) => ({
                ...p,
                forwardingRules: p.forwardingRules.map((rule: Props) =>
                    rule.entryProtocol === "https"
                        ? {
                              entryProtocol: "https",
                              entryPort: 443,
                              targetProtocol: "https",
                              targetPort: 443,
                              tlsPassthrough: true,
                          }
                        : rule,
                ),
            }),
            says: /passes TLS through to the droplets/,
        },
        {
            title: "catches a load balancer health check on another path",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.health,
            edit: (p) => ({ ...p, healthcheck: { ...p.healthcheck, path: "/" } }),
            says: /checks health on path \/;/,
        },
        {
            title: "catches a public-read Spaces bucket",
            stack,
            target: { type: T.spaces, name: n("uploads") },
            policy: P.storagePublic,
            edit: (p) => ({ ...p, acl: "public-read" }),
            says: /Spaces bucket .* sets acl "public-read"/,
        },
        {
            title: "catches a Spaces bucket with versioning disabled",
            stack,
            target: { type: T.spaces, name: n("uploads") },
            policy: P.storageVersioned,
            edit: (p) => ({ ...p, versioning: { enabled: false } }),
            says: /is not versioned/,
        },
        {
            title: "catches a database cluster outside the VPC",
            stack,
            target: { type: T.databaseCluster, name: n("db") },
            policy: P.database,
            edit: (p) => ({ ...p, privateNetworkUuid: undefined }),
            says: /is in the default VPC of .*, and no app server is/,
        },
        {
            title: "catches port 80 admitted from a droplet tag besides the load balancer",
            stack,
            target: { type: T.firewall, name: n("firewall") },
            policy: P.port80,
            edit: (p) => ({
                ...p,
                inboundRules: withInbound(p.inboundRules, "80", (r) => ({ ...r, sourceTags: ["office-proxies"] })),
            }),
            says: /admits port 80 from tag office-proxies/,
        },
        {
            title: "catches a tcp health check, which requests no path",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.health,
            edit: (p) => ({ ...p, healthcheck: { ...p.healthcheck, protocol: "tcp", path: undefined } }),
            says: /checks health over tcp, which requests no path/,
        },
        {
            title: "catches a database without a standby node under prod's reliability floor",
            stack,
            target: { type: T.databaseCluster, name: n("db") },
            policy: P.reliability,
            edit: (p) => ({ ...p, nodeCount: 1 }),
            says: /has 1 node\(s\) and no standby/,
        },
    ];
}

/** A constant foreign security group id computed from one of the stack's groups (it depends on the group, but is not it). */
const FOREIGN_GROUP = "sg-0fedcba9876543210";

/** Issue #10: every shape of the same risk, on AWS. */
function awsShapeMutations(stack: string): Mutation[] {
    const n = (suffix: string) => `${stack}-${suffix}`;
    const policy = (statement: Record<string, unknown>) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::uploads/*", ...statement }],
        });
    return [
        {
            title: "catches port 80 open to the world on the balancer's security group once an app server shares it",
            stack,
            target: { type: T.instance, name: n("app-1") },
            policy: P.port80,
            edit: (p, find) => ({
                ...p,
                vpcSecurityGroupIds: [...p.vpcSecurityGroupIds, (find(T.securityGroup, n("lb-sg")) as any).id],
            }),
            reportedOn: { type: T.ingressRule, name: n("lb-in-80-ipv4") },
            says: /admits port 80 from CIDR 0\.0\.0\.0\/0 into a security group shared by the balancer and the app servers/,
        },
        {
            title: "catches the app port (the target group's port) admitted from a CIDR",
            stack,
            target: { type: T.targetGroup, name: n("tg") },
            policy: P.port80,
            edit: (p) => ({ ...p, port: 22 }),
            reportedOn: { type: T.ingressRule, name: n("app-in-22-203-0-113-0-24") },
            says: /admits port 22, the app port, from CIDR 203\.0\.113\.0\/24/,
        },
        {
            title: "catches an HTTPS listener turned into a raw TCP listener (TLS passthrough)",
            stack,
            target: { type: T.listener, name: n("https") },
            policy: P.tls,
            edit: (p) => ({ ...p, protocol: "TCP", certificateArn: undefined, sslPolicy: undefined }),
            says: /forwards raw TCP on port 443: the balancer ends no TLS/,
        },
        {
            title: "catches a target group speaking TLS to the servers",
            stack,
            target: { type: T.targetGroup, name: n("tg") },
            policy: P.tls,
            edit: (p) => ({ ...p, protocol: "TLS", port: 443 }),
            says: /speaks TLS to the servers/,
        },
        {
            title: "catches ElastiCache accepting clear-text clients (transitEncryptionMode preferred)",
            stack,
            target: { type: T.replicationGroup, name: n("cache") },
            policy: P.cache,
            edit: (p) => ({ ...p, transitEncryptionMode: "preferred" }),
            says: /transitEncryptionMode "preferred", which still accepts clients in clear text/,
        },
        {
            title: "catches SSH from 128.0.0.0/1, a world written without /0",
            stack,
            target: { type: T.ingressRule, name: n("app-in-22-203-0-113-0-24") },
            policy: P.ssh,
            edit: (p) => ({ ...p, cidrIpv4: "128.0.0.0/1" }),
            says: /admits SSH \(port 22\) from 128\.0\.0\.0\/1, the whole internet/,
        },
        {
            title: "catches SSH from 2000::/3, all of the public IPv6 internet",
            stack,
            target: { type: T.ingressRule, name: n("app-in-22-2001-db8-1234-48") },
            policy: P.ssh,
            edit: (p) => ({ ...p, cidrIpv6: "2000::/3" }),
            says: /from 2000::\/3, the whole internet/,
        },
        {
            // Two changes: the public default route moved onto the VPC's main route table, and one
            // private subnet's own association moved to another subnet, so that it uses the main table.
            title: "catches a public route on the VPC's main route table that an unassociated database subnet uses",
            stack,
            target: { type: T.route, name: n("public-default-ipv4") },
            policy: P.database,
            edit: (p, find) => ({ ...p, routeTableId: (find(T.vpc, n("vpc")) as any).mainRouteTableId }),
            alsoEdit: [
                {
                    target: { type: T.routeTableAssociation, name: n("private-rta-1") },
                    edit: (p, find) => ({ ...p, subnetId: (find(T.subnet, n("public-1")) as any).id }),
                },
            ],
            reportedOn: { type: T.rds, name: n("db") },
            says: /subnet "aws-prod-private-1" routes to an internet gateway \(route "aws-prod-public-default-ipv4", added to the VPC's main route table/,
        },
        {
            title: "catches a bucket policy allowing everyone through NotPrincipal",
            stack,
            target: { type: T.bucketPolicy, name: n("uploads-policy") },
            policy: P.storagePublic,
            edit: (p) => ({ ...p, policy: policy({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }) }),
            says: /allows everyone but the principals a NotPrincipal names without a condition/,
        },
        {
            title: "catches a bucket policy limited to aws:SourceIp ranges that cover the world in pieces",
            stack,
            target: { type: T.bucketPolicy, name: n("uploads-policy") },
            policy: P.storagePublic,
            edit: (p) => ({
                ...p,
                policy: policy({
                    Principal: "*",
                    Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } },
                }),
            }),
            says: /allows Principal "\*" without a condition that limits it/,
        },
        {
            title: "catches a bucket policy whose condition compares a key with a policy variable",
            stack,
            target: { type: T.bucketPolicy, name: n("uploads-policy") },
            policy: P.storagePublic,
            edit: (p) => ({
                ...p,
                policy: policy({
                    Principal: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": "${aws:SourceAccount}" } },
                }),
            }),
            says: /allows Principal "\*" without a condition that limits it/,
        },
    ];
}

/**
 * Only as `pulumi up` evaluates: the .env is rendered from the database's and the cache's
 * addresses, unknown in a preview of a new stack, so its value cannot be read there (under the
 * engine or here); the check's default mode has every value known.
 */
function awsKnownValueMutations(stack: string): Mutation[] {
    return [
        {
            title: "catches the Laravel .env kept in a plain String parameter instead of a SecureString",
            stack,
            target: { type: T.ssmParameter, name: `${stack}-laravel-env` },
            policy: P.plaintextSecrets,
            edit: (p) => ({ ...p, type: "String", keyId: undefined }),
            says: /is a String parameter holding the APP_KEY assignment.*ssm:GetParameter answers its value unencrypted/,
        },
    ];
}

/**
 * A constant id returned from an `apply` on a group's id: only as `pulumi up` evaluates, where the
 * group's id is known, so the apply runs and the constant reaches the pack. In a preview of a new
 * stack the id, hence the value, is unknown and only its dependency on the group shows, as it
 * would for the group's own id: a preview cannot tell the two apart, under the engine or here.
 */
function awsForeignIdMutations(stack: string): Mutation[] {
    const n = (suffix: string) => `${stack}-${suffix}`;
    return [
        {
            title: "does not take a constant foreign group id computed from the balancer's group for the balancer's",
            stack,
            target: { type: T.ingressRule, name: n("app-in-80-lb") },
            policy: P.port80,
            edit: (p, find) => ({
                ...p,
                referencedSecurityGroupId: (find(T.securityGroup, n("lb-sg")) as any).id.apply(() => FOREIGN_GROUP),
            }),
            says: /admits port 80 from security group sg-0fedcba9876543210, which is not the security group of a load balancer/,
        },
        {
            title: "does not take a constant foreign group id computed from the app group for the app servers' (database)",
            stack,
            target: { type: T.ingressRule, name: n("db-in-3306-app") },
            policy: P.database,
            edit: (p, find) => ({
                ...p,
                referencedSecurityGroupId: (find(T.securityGroup, n("app-sg")) as any).id.apply(() => FOREIGN_GROUP),
            }),
            says: /lets security group sg-0fedcba9876543210, which no app server of this stack .* uses, reach the database/,
        },
    ];
}

/** Issue #10: every shape of the same risk, on DigitalOcean. */
function digitalOceanShapeMutations(stack: string): Mutation[] {
    const n = (suffix: string) => `${stack}-${suffix}`;
    return [
        {
            title: "catches droplets that no firewall covers any more (the firewall's tag is not theirs)",
            stack,
            target: { type: T.firewall, name: n("firewall") },
            policy: P.port80,
            edit: (p) => ({ ...p, tags: [n("ops")] }),
            reportedOn: { type: T.droplet, name: n("app-1") },
            says: /is covered by no firewall|cannot be proven to be covered by a firewall/,
        },
        {
            title: "catches the app port (the forwarding rules' target port) admitted from addresses",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.port80,
            edit: (p) => ({
                ...p,
                forwardingRules: p.forwardingRules.map((rule: Props) => ({ ...rule, targetPort: 22 })),
                healthcheck: { ...p.healthcheck, port: 22 },
            }),
            reportedOn: { type: T.firewall, name: n("firewall") },
            says: /admits port 22, the app port, from CIDR/,
        },
        {
            title: "catches a plain http forwarding rule on another port next to the https one",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.tls,
            edit: (p) => ({
                ...p,
                forwardingRules: [
                    ...p.forwardingRules,
                    { entryProtocol: "http", entryPort: 8080, targetProtocol: "http", targetPort: 80 },
                ],
            }),
            says: /serves plain http on port 8080/,
        },
        {
            title: "catches a tcp forwarding rule to the droplets' 443 (TLS passthrough)",
            stack,
            target: { type: T.doLoadBalancer, name: n("lb") },
            policy: P.tls,
            edit: (p) => ({
                ...p,
                forwardingRules: [
                    ...p.forwardingRules,
                    { entryProtocol: "tcp", entryPort: 8443, targetProtocol: "tcp", targetPort: 443 },
                ],
            }),
            says: /forwards raw tcp on port 8443 to the droplets' port 443/,
        },
        {
            title: "catches SSH from 0.0.0.0/1 + 128.0.0.0/1 on a DigitalOcean firewall",
            stack,
            target: { type: T.firewall, name: n("firewall") },
            policy: P.ssh,
            edit: (p) => ({
                ...p,
                inboundRules: withInbound(p.inboundRules, "22", (r) => ({
                    ...r,
                    sourceAddresses: ["0.0.0.0/1", "128.0.0.0/1"],
                })),
            }),
            says: /from 0\.0\.0\.0\/1, the whole internet/,
        },
    ];
}

/** Dev stacks run under dev's relaxed policy config; the network rules must hold there too. */
function devMutations(): Mutation[] {
    return [
        {
            title: "catches SSH open to the world on an AWS dev stack, under dev's policy config",
            stack: "aws-dev",
            target: { type: T.ingressRule, name: "aws-dev-app-in-22-203-0-113-0-24" },
            policy: P.ssh,
            edit: (p) => ({ ...p, cidrIpv4: "0.0.0.0/0" }),
            says: /from 0\.0\.0\.0\/0, the whole internet/,
        },
        {
            title: "catches SSH from outside dev's allowlist on a DigitalOcean dev stack",
            stack: "do-dev",
            target: { type: T.firewall, name: "do-dev-firewall" },
            policy: P.ssh,
            edit: (p) => ({
                ...p,
                inboundRules: withInbound(p.inboundRules, "22", (r) => ({
                    ...r,
                    sourceAddresses: ["198.51.100.0/24"],
                })),
            }),
            says: /from 198\.51\.100\.0\/24, which is outside the allowlist/,
        },
        {
            title: "catches port 80 admitted from the world on a DigitalOcean dev stack (plain HTTP is allowed there, open servers are not)",
            stack: "do-dev",
            target: { type: T.firewall, name: "do-dev-firewall" },
            policy: P.port80,
            edit: (p) => ({
                ...p,
                inboundRules: withInbound(p.inboundRules, "80", (r) => ({
                    ...r,
                    sourceLoadBalancerUids: undefined,
                    sourceAddresses: ["0.0.0.0/0", "::/0"],
                })),
            }),
            says: /admits port 80 from CIDR 0\.0\.0\.0\/0/,
        },
    ];
}

// The program the check loads (--program): webtier's own, with the current mutation installed
// as a stack transformation first. The check loads programs from files; this one hands over to
// a function of this test through a global, so the mutation catalogue stays typed code here.
const PROGRAM_HOOK = Symbol.for("webtier.mutation-test.program");
let current: Mutation | undefined;
let applied: string[] = [];

(globalThis as any)[PROGRAM_HOOK] = () => {
    const mutation = current;
    applied = [];
    if (mutation) {
        const seen = new Map<string, pulumi.Resource>();
        const key = (type: string, name: string) => `${type}::${name}`;
        const find: Find = (type, name) => {
            const found = seen.get(key(type, name));
            assert.ok(found, `${type} ${name} is registered before ${mutation.target.name}`);
            return found;
        };
        const edits = [{ target: mutation.target, edit: mutation.edit }, ...(mutation.alsoEdit ?? [])];
        pulumi.runtime.registerStackTransformation((args) => {
            seen.set(key(args.type, args.name), args.resource);
            const edit = edits.find((e) => args.type === e.target.type && args.name === e.target.name);
            if (!edit) return undefined;
            applied.push(args.name);
            return { props: edit.edit({ ...args.props }, find), opts: args.opts };
        });
    }
    return runWebtier();
};

interface Checked {
    violations: Violation[];
    exitCode: number;
}

/** Only under a preview: what the stack rule can still prove about a bucket policy it cannot read. */
function previewOnlyMutations(): Mutation[] {
    return [
        {
            title: "catches a bucket policy unknown during preview once the public access block no longer blocks public policies",
            stack: "aws-prod",
            target: { type: T.publicAccessBlock, name: "aws-prod-uploads-public-access" },
            policy: P.storageVersioned,
            edit: (p) => ({ ...p, restrictPublicBuckets: false }),
            reportedOn: { type: T.bucketPolicy, name: "aws-prod-uploads-policy" },
            says: /has a policy document unknown during preview .*cannot be proven private/,
        },
    ];
}

const show = (violations: Violation[]) =>
    violations.map((v) => `  ${v.level} ${v.policy} on ${v.resource}: ${v.message.split("\n").pop()}`).join("\n") ||
    "  (none)";

/**
 * Every mutation in one mode: as `pulumi up` evaluates (every value known) or as `pulumi preview`
 * does (computed values unknown, what the pull request check sees). One pack serves the mode.
 */
function mutationsCaught(preview: boolean): void {
    let dir: string;
    let program: string;
    let pack: PolicyPack;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "webtier-mutation-"));
        program = path.join(dir, "mutated-webtier.js");
        fs.writeFileSync(
            program,
            `module.exports = () => globalThis[Symbol.for("webtier.mutation-test.program")]();\n`,
        );
        const ours = defaultPolicyPack(REPO_ROOT, DIST_ROOT);
        // webtier's pack reads nothing from its environment, so one process serves every stack of a mode.
        pack = await startPolicyPack(
            ours.dir,
            analyzerIdentity("webtier", { name: "mutation", config: {}, secretKeys: [], notes: [] }, preview),
            ours.entry,
        );
    });

    after(async () => {
        await pack?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    async function check(stack: string, mutation?: Mutation): Promise<Checked> {
        current = mutation;
        try {
            const environment = stack.endsWith("prod") ? "prod" : "dev";
            const options: CheckOptions = {
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                stacks: [stack],
                program,
                requiredSecrets: SECRET_KEYS,
                policyConfig: `policies/config/${environment}.json`,
                pack,
                preview,
            };
            const result = await runCheck(options);
            const [only] = result.stacks;
            assert.strictEqual(only.error, undefined, `${stack}: ${only.error}`);
            if (mutation) {
                const targets = [mutation.target, ...(mutation.alsoEdit ?? []).map((e) => e.target)].map((t) => t.name);
                assert.deepStrictEqual(
                    [...applied].sort(),
                    [...targets].sort(),
                    `the mutation applied once to each of ${targets.join(", ")}`,
                );
            }
            return { violations: only.violations, exitCode: exitCodeOf(result) };
        } finally {
            current = undefined;
        }
    }

    function cases(stacks: string[], mutations: Mutation[]): void {
        for (const stack of stacks) {
            it(`passes ${stack} unmutated, with no mandatory violation`, async () => {
                const { violations, exitCode } = await check(stack);
                const mandatory = violations.filter((v) => v.level === "mandatory");
                assert.deepStrictEqual(mandatory, [], `${stack} unmutated:\n${show(mandatory)}`);
                assert.strictEqual(exitCode, 0);
            });
        }
        for (const mutation of mutations) {
            it(`${mutation.title} (${mutation.stack})`, async () => {
                const { violations, exitCode } = await check(mutation.stack, mutation);
                const on = mutation.reportedOn ?? mutation.target;
                const caught = violations.filter(
                    (v) =>
                        v.policy === mutation.policy &&
                        v.level === "mandatory" &&
                        v.type === on.type &&
                        v.resource === on.name &&
                        mutation.says.test(v.message),
                );
                assert.ok(
                    caught.length > 0,
                    `${mutation.policy} did not report ${mutation.says} on ${on.type} ${on.name}; violations:\n${show(violations)}`,
                );
                assert.strictEqual(exitCode, 1);
            });
        }
    }

    describe("on AWS", () =>
        cases(["aws-prod"], [...awsMutations("aws-prod"), ...(preview ? previewOnlyMutations() : [])]));
    describe("on DigitalOcean", () => cases(["do-prod"], digitalOceanMutations("do-prod")));
    describe("every shape of the same risk (issue #10)", () =>
        cases(
            [],
            [
                ...awsShapeMutations("aws-prod"),
                ...(preview ? [] : awsForeignIdMutations("aws-prod")),
                ...(preview ? [] : awsKnownValueMutations("aws-prod")),
                ...digitalOceanShapeMutations("do-prod"),
            ],
        ));
    describe("on the dev stacks", () => cases(["aws-dev", "do-dev"], devMutations()));
}

describe("mutations of the compliant stacks, each caught by the rule meant for it", () => {
    describe("as `pulumi up` evaluates them (every value known)", () => mutationsCaught(false));
    describe("as `pulumi preview` evaluates them (computed values unknown)", () => mutationsCaught(true));
});

describe("the offline check as a preview", () => {
    it("passes every stack with no mandatory violation (exit 0), each under its environment's policy config", async () => {
        const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, preview: true });
        assert.ok(result.stacks.length >= 4, "every stack file is checked");
        for (const stack of result.stacks) {
            assert.strictEqual(stack.error, undefined, `${stack.name}: ${stack.error}`);
            const mandatory = stack.violations.filter((v) => v.level === "mandatory");
            assert.deepStrictEqual(mandatory, [], `${stack.name} in preview:\n${show(mandatory)}`);
        }
        assert.strictEqual(exitCodeOf(result), 0);
    });
});
