/**
 * The deploy adapter for AWS: target health through the ELBv2 API, commands through SSM Run
 * Command. Registered in tools/clouds.ts (loaded on first use: it carries the AWS SDK clients).
 */
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { PlatformFactory } from "../platforms";
import { AwsBalancer } from "./balancer";
import { SsmRunner } from "./ssm-runner";

export const createAwsPlatform: PlatformFactory = (target, args, _env, clock) => ({
    balancer: new AwsBalancer({
        elb: new ElasticLoadBalancingV2Client({ region: target.region }),
        address: target.loadBalancer.address,
        loadBalancerArn: target.loadBalancer.id,
        targetGroupArn: args.targetGroupArn ?? target.loadBalancer.targetGroupArn,
        clock,
        pollIntervalMs: args.pollIntervalMs,
    }),
    runner: new SsmRunner({
        ssm: new SSMClient({ region: target.region }),
        clock,
        comment: `webtier deploy ${args.ref}`,
    }),
});
