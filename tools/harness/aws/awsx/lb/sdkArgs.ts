/**
 * The inputs the generated SDK classes of awsx's two balancers send (awsx 3.9's constructors):
 * what they share, each class adding its own. Anything else a program passes is not sent.
 */
import type * as awsx from "@pulumi/awsx";

type SharedKey = keyof awsx.lb.ApplicationLoadBalancerArgs & keyof awsx.lb.NetworkLoadBalancerArgs;

export const BALANCER_SDK_ARGS: readonly SharedKey[] = [
    "accessLogs",
    "clientKeepAlive",
    "connectionLogs",
    "customerOwnedIpv4Pool",
    "defaultTargetGroup",
    "defaultTargetGroupPort",
    "desyncMitigationMode",
    "dnsRecordClientRoutingPolicy",
    "dropInvalidHeaderFields",
    "enableDeletionProtection",
    "enablePrefixForIpv6SourceNat",
    "enableTlsVersionAndCipherSuiteHeaders",
    "enableWafFailOpen",
    "enableXffClientPort",
    "enableZonalShift",
    "enforceSecurityGroupInboundRulesOnPrivateLinkTraffic",
    "healthCheckLogs",
    "idleTimeout",
    "internal",
    "ipAddressType",
    "ipamPools",
    "listener",
    "listeners",
    "minimumLoadBalancerCapacity",
    "name",
    "namePrefix",
    "preserveHostHeader",
    "region",
    "secondaryIpsAutoAssignedPerSubnet",
    "securityGroups",
    "subnetIds",
    "subnetMappings",
    "subnets",
    "tags",
    "xffHeaderProcessingMode",
];
