/**
 * The deploy adapter for DigitalOcean: droplet health through the load balancer and monitoring
 * APIs (DIGITALOCEAN_TOKEN), commands over SSH. Registered in tools/clouds.ts.
 */
import { DigitalOceanApi } from "../../../infra/balancer-health/digitalocean";
import type { PlatformFactory } from "../platforms";
import { SshRunner } from "../ssh-runner";
import { DigitalOceanBalancer } from "./balancer";

export const createDigitalOceanPlatform: PlatformFactory = (target, args, env, clock) => ({
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
});
