import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE, parseConfig, RawConfig } from "./config/parse";
import { Cloud } from "./config/types";
import { WebTier } from "./webtier";
import { createPlatform, PlatformOptions, TierTransform } from "./platforms";
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

/** What a program may change about the tier beyond the stack's config. */
export interface WebtierProgramOptions {
    /**
     * Adjust any child resource's args and resource options, keyed by cloud, component and child
     * (see `TierTransform`, infra/platforms.ts). Default: none.
     */
    transform?: TierTransform;
    /**
     * Each cloud's other platform options (AWS: `tags`, `uploadsKmsKeyArn`). Default: none. A
     * `transform` here is replaced by the one above when both are given.
     */
    platforms?: { [C in Cloud]?: PlatformOptions[C] };
}

/** One cloud's platform options from the program's: its `platforms` entry, with its `transform`. */
export function platformOptions<C extends Cloud>(cloud: C, options: WebtierProgramOptions): PlatformOptions[C] {
    const base: PlatformOptions[C] = options.platforms?.[cloud] ?? {};
    const transform = options.transform?.[cloud];
    return transform ? { ...base, transform } : base;
}

/**
 * The whole program: validate config (throwing before any resource is registered), build
 * the tier on the configured cloud, and return the stack outputs contract. `index.ts` calls it
 * with no options; a program of your own passes `transform` to adjust any child resource.
 */
export function runWebtier(options: WebtierProgramOptions = {}) {
    const config = parseConfig(readRawConfig(), pulumi.getStack());
    const appKey = new pulumi.Config(NAMESPACE).requireSecret("appKey");
    if (!config.domain) {
        void pulumi.log.warn(
            `webtier: stack "${config.name}" has no ${NAMESPACE}:domain, so its balancer serves plain HTTP only. ` +
                `That is allowed in ${config.environment} for trying things out; set a domain before real traffic.`,
        );
    }
    const platform = createPlatform(config.cloud, platformOptions(config.cloud, options));
    const tier = new WebTier(config.name, platform, {
        config,
        userData: (endpoints, server, env) => renderUserData(config, endpoints, appKey, server, env),
        laravelEnv: (endpoints) => sharedLaravelEnv(config, endpoints, appKey),
    });
    return buildOutputs(config, tier.resources, appKey);
}
