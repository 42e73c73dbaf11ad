/**
 * Picks the balancer and runner adapters for the stack's cloud: each cloud's adapter is its own
 * (`tools/deploy/<cloud>/platform.ts`), registered in tools/clouds.ts, so the deploy tool never
 * looks at which cloud it has.
 */
import { TOOL_CLOUDS } from "../clouds";
import { CliArgs } from "./args";
import { DeployTarget } from "./outputs";
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

export const createPlatform: PlatformFactory = (target, args, env, clock) =>
    TOOL_CLOUDS[target.cloud].deploy()(target, args, env, clock);
