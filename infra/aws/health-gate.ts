/**
 * The health gate on AWS: a server is healthy when DescribeTargetHealth says its instance is
 * `healthy` in the app target group. Reads through infra/balancer-health, as the rolling deploy
 * does, so the gate and the deploy judge health alike.
 */
import { targetGroupHealth } from "../balancer-health/aws";
import { createGateProvider, GateInputs } from "../health-gate/provider";
import { balancerHealthReader, HealthReader } from "../health-gate/wait";

/** What the identity running `pulumi up` needs for the gate (named in the gate's errors). */
export const GATE_PERMISSION = "elasticloadbalancing:DescribeTargetHealth (on the app target group)";

/**
 * AWS errors that waiting cannot fix: no or bad credentials, access denied, the target group
 * gone. A plain array: Pulumi's closure serializer cannot carry a Set into the provider.
 */
const PERMANENT_ERRORS: readonly string[] = [
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "ExpiredTokenException",
    "CredentialsProviderError",
    "TargetGroupNotFoundException",
];

export function isPermanentAwsError(error: unknown): boolean {
    return PERMANENT_ERRORS.includes((error as { name?: string })?.name ?? "");
}

/** The gate's `balancer` input on AWS. */
export function awsGateBalancer<T>(region: T, targetGroupArn: T): { region: T; targetGroupArn: T } {
    return { region, targetGroupArn };
}

/**
 * Opens the reader inside Pulumi's dynamic-provider host. The client is built there, from the
 * environment `pulumi up` runs in (the AWS SDK's default credential chain), for the stack's region.
 */
export function openAwsHealthReader(inputs: GateInputs): HealthReader {
    // Required here, at run time in the provider host, rather than captured from the program.
    const {
        ElasticLoadBalancingV2Client,
        DescribeTargetHealthCommand,
        // eslint-disable-next-line @typescript-eslint/no-require-imports
    } = require("@aws-sdk/client-elastic-load-balancing-v2");
    const { region, targetGroupArn } = inputs.balancer;
    const health = targetGroupHealth(
        new ElasticLoadBalancingV2Client({ region }),
        DescribeTargetHealthCommand,
        targetGroupArn,
    );
    return balancerHealthReader(health, GATE_PERMISSION, isPermanentAwsError);
}

/** The AWS gate provider: one object, so Pulumi serializes it once per program run. */
export const awsHealthGateProvider = createGateProvider(openAwsHealthReader);
