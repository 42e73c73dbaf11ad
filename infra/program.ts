import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE, parseConfig, RawConfig } from "./config/parse";
import { WebTier } from "./webtier";
import { PLATFORMS } from "./platforms";
import { buildOutputs } from "./outputs/build";
import { renderUserData, sharedLaravelEnv } from "./bootstrap/user-data";

/** The stack's `webtier:*` keys without the namespace, as `parseConfig` takes them. */
export function readRawConfig(): RawConfig {
    const raw: RawConfig = {};
    const prefix = `${NAMESPACE}:`;
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = value;
    }
    return raw;
}

/**
 * The whole program: validate config (throwing before any resource is registered), build
 * the tier on the configured cloud, and return the stack outputs contract.
 */
export function runWebtier() {
    const config = parseConfig(readRawConfig(), pulumi.getStack());
    const appKey = new pulumi.Config(NAMESPACE).requireSecret("appKey");
    if (!config.domain) {
        void pulumi.log.warn(
            `webtier: stack "${config.name}" has no ${NAMESPACE}:domain, so its balancer serves plain HTTP only. ` +
                `That is allowed in ${config.environment} for trying things out; set a domain before real traffic.`,
        );
    }
    const tier = new WebTier(config.name, PLATFORMS[config.cloud], {
        config,
        userData: (endpoints, server, env) => renderUserData(config, endpoints, appKey, server, env),
        laravelEnv: (endpoints) => sharedLaravelEnv(config, endpoints, appKey),
    });
    return buildOutputs(config, tier.resources, appKey);
}
