/**
 * Picks the balancer and runner adapters for the stack's cloud: the one place the deploy
 * tool looks at which cloud it has.
 */
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { SSMClient } from "@aws-sdk/client-ssm";
import { CliArgs } from "./args";
import { AwsBalancer } from "./aws/balancer";
import { SsmRunner } from "./aws/ssm-runner";
import { DigitalOceanApi } from "../../infra/balancer-health/digitalocean";
import { DigitalOceanBalancer } from "./digitalocean/balancer";
import { DeployTarget } from "./outputs";
import { SshRunner } from "./ssh-runner";
import { BalancerApi, Clock, RemoteRunner } from "./types";

export interface DeployPlatform {
    balancer: BalancerApi;
    runner: RemoteRunner;
}

export type PlatformFactory = (
    target: DeployTarget,
    args: CliArgs,
    env: NodeJS.ProcessEnv,
    clock: Clock,
) => DeployPlatform;

export const createPlatform: PlatformFactory = (target, args, env, clock) => {
    switch (target.cloud) {
        case "aws":
            return {
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
            };
        case "digitalocean":
            return {
                balancer: new DigitalOceanBalancer({
                    api: new DigitalOceanApi(env.DIGITALOCEAN_TOKEN ?? ""),
                    address: target.loadBalancer.address,
                    loadBalancerId: target.loadBalancer.id,
                    memberTag: target.loadBalancer.memberTag,
                    servers: target.servers,
                    clock,
                    pollIntervalMs: args.pollIntervalMs,
                }),
                runner: new SshRunner({
                    user: args.ssh.user,
                    identityFile: args.ssh.identityFile,
                    port: args.ssh.port,
                    options: args.ssh.options,
                }),
            };
    }
};
