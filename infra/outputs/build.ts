import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig } from "../config/types";
import { WebTierResources } from "../components";
import { renderLaravelEnv } from "../bootstrap/laravel-env";
import { CONTRACT_VERSION, ContractInputs, WebtierOutputs } from "./contract";

/**
 * Turns what a cloud built into the outputs contract (`WebtierOutputs`). Secrets stay
 * secret: passwords and the rendered environment are wrapped with `pulumi.secret`.
 */
export function buildOutputs(
    config: WebtierConfig,
    built: WebTierResources,
    appKey: pulumi.Output<string>,
): ContractInputs<WebtierOutputs> {
    const { database, cache, storage, queue } = built.endpoints;
    return {
        contractVersion: CONTRACT_VERSION,
        cloud: config.cloud,
        region: config.region,
        environment: config.environment,
        loadBalancer: {
            address: built.balancer.address,
            url: built.balancer.url,
            https: built.balancer.https,
            healthCheckPath: config.healthCheckPath,
            id: built.balancer.id,
            targetGroupArn: built.balancer.targetGroupArn,
            memberTag: built.balancer.memberTag,
        },
        servers: built.servers.map((server) => ({
            name: server.name,
            id: server.id,
            privateIp: server.privateIp,
            publicIp: server.publicIp,
            zone: server.zone,
        })),
        database: {
            engine: database.engine,
            host: database.host,
            port: database.port,
            name: database.name,
            user: database.user,
            password: pulumi.secret(database.password),
            requireTls: database.requireTls,
        },
        cache: {
            engine: cache.engine,
            host: cache.host,
            port: cache.port,
            user: cache.user,
            password: pulumi.secret(cache.password),
            tls: cache.tls,
        },
        storage: {
            bucket: storage.bucket,
            region: storage.region,
            endpoint: storage.endpoint,
            cdnDomain: storage.cdnDomain,
        },
        queue: { driver: queue.driver, url: queue.url, name: queue.name },
        accessLogs: built.accessLogs && {
            bucket: built.accessLogs.bucket,
            uploadsPrefix: built.accessLogs.uploadsPrefix,
            balancerPrefix: built.accessLogs.balancerPrefix,
        },
        laravelEnv: pulumi.secret(renderLaravelEnv(config, built.endpoints, appKey)),
        alerts: {
            enabled: built.alerts.enabled,
            topic: built.alerts.topic,
            emails: built.alerts.emails,
            items: built.alerts.alerts.map((alert) => ({
                name: alert.name,
                id: alert.id,
                target: alert.target,
                metric: alert.metric,
            })),
        },
    };
}
