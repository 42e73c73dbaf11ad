import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig } from "../config/types";
import { AppEndpoints, EnvDelivery } from "../components";
import { renderCloudConfig } from "./cloud-config";
import { renderLaravelEnv } from "./laravel-env";
import { renderNginxSite } from "./nginx";

/** The `.env` Output already built for a set of endpoints, with the config and app key it was built from. */
const laravelEnvs = new WeakMap<
    AppEndpoints,
    { config: WebtierConfig; appKey: pulumi.Output<string>; env: pulumi.Output<string> }
>();

/**
 * `renderLaravelEnv`, built once per tier and shared by every server's user data: the `.env` is
 * the same on every server, and building it combines some twenty endpoint Outputs, about a sixth
 * of what evaluating the program costs per server. The value, its secrecy and the resources it
 * depends on are the same whether one Output or one per server carries it.
 */
export function sharedLaravelEnv(
    config: WebtierConfig,
    endpoints: AppEndpoints,
    appKey: pulumi.Output<string>,
): pulumi.Output<string> {
    const built = laravelEnvs.get(endpoints);
    if (built && built.config === config && built.appKey === appKey) return built.env;
    const env = renderLaravelEnv(config, endpoints, appKey);
    laravelEnvs.set(endpoints, { config, appKey, env });
    return env;
}

/**
 * What a fresh Ubuntu 24.04 server becomes (the pieces live in this folder):
 * - nginx on port 80 only (TLS ends at the balancer), client address and scheme from the
 *   balancer's headers only when they come from the VPC (nginx.ts);
 * - PHP-FPM `app.phpVersion` (8.3 from Ubuntu, others from ppa:ondrej/php) in a pool running as
 *   the deploy user (php.ts); composer, git, unattended-upgrades;
 * - /var/www/app/{releases,current,shared} with the .env from the stack's endpoints (0640
 *   root:deploy) and the database CA (layout.ts, laravel-env.ts);
 * - queue workers and the every-minute scheduler under systemd (systemd.ts: why every server
 *   runs the scheduler and where its locks live);
 * - /usr/local/bin/webtier-release for the rolling deploy (release-script.ts), and a first
 *   release of `app.branch` at boot when `app.repository` is set (bootstrap-script.ts).
 *
 * One server's cloud-init user data. With `env` of kind `user-data` it carries the .env and is a
 * secret Output; with a `parameter` the .env is not even read here, so no secret can reach the
 * user data (and the Output is not a secret: Pulumi would mark it if one did). The config-only
 * parts are checked here, before any resource is registered, so a health path nginx cannot
 * match fails `pulumi preview` with the key's name rather than inside an apply.
 */
export function renderUserData(
    config: WebtierConfig,
    endpoints: AppEndpoints,
    appKey: pulumi.Output<string>,
    server: { index: number; count: number },
    env: EnvDelivery,
): pulumi.Output<string> {
    renderNginxSite({
        vpcCidr: config.vpcCidr,
        healthCheckPath: config.healthCheckPath,
        phpVersion: config.app.phpVersion,
    });
    const { database } = endpoints;
    const caUrl = database.caCertificateUrl;
    const envText = env.kind === "user-data" ? sharedLaravelEnv(config, endpoints, appKey) : pulumi.output(undefined);
    const userData = pulumi.all([envText, database.caCertificate ?? pulumi.output(undefined)]).apply(([text, caPem]) =>
        renderCloudConfig({
            stackName: config.name,
            server,
            phpVersion: config.app.phpVersion,
            databaseEngine: database.engine,
            queueDriver: endpoints.queue.driver,
            size: config.servers.size,
            vpcCidr: config.vpcCidr,
            healthCheckPath: config.healthCheckPath,
            repository: config.app.repository,
            branch: config.app.branch,
            sshPublicKey: config.servers.sshPublicKey,
            env: env.kind === "parameter" ? { parameter: env.name, region: env.region } : { text: text! },
            cloudWatchAgent: endpoints.metricsAgent,
            databaseCa: caPem !== undefined ? { pem: caPem } : caUrl !== undefined ? { url: caUrl } : undefined,
        }),
    );
    return env.kind === "user-data" ? pulumi.secret(userData) : userData;
}
