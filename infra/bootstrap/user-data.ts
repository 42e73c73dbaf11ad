import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig } from "../config/types";
import { AppEndpoints } from "../components";
import { renderCloudConfig } from "./cloud-config";
import { renderLaravelEnv } from "./laravel-env";
import { renderNginxSite } from "./nginx";

/**
 * One server's cloud-init user data, as a secret Output (it carries the .env). The config-only
 * parts are checked here, before any resource is registered, so a health path nginx cannot
 * match fails `pulumi preview` with the key's name rather than inside an apply.
 */
export function renderUserData(
    config: WebtierConfig,
    endpoints: AppEndpoints,
    appKey: pulumi.Output<string>,
    server: { index: number; count: number },
): pulumi.Output<string> {
    renderNginxSite({ vpcCidr: config.vpcCidr, healthCheckPath: config.healthCheckPath, phpVersion: config.app.phpVersion });
    const { database } = endpoints;
    const caUrl = database.caCertificateUrl;
    return pulumi.secret(
        pulumi.all([renderLaravelEnv(config, endpoints, appKey), database.caCertificate ?? pulumi.output(undefined)]).apply(([env, caPem]) =>
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
                env,
                databaseCa: caPem !== undefined ? { pem: caPem } : caUrl !== undefined ? { url: caUrl } : undefined,
            }),
        ),
    );
}
