/**
 * The clouds webtier knows: the one registry in `infra/` that names them. Each cloud brings its
 * profile (`infra/<cloud>/profile.ts`: what is particular to it in config) and its platform
 * factory (`infra/<cloud>/index.ts`: its implementation of the component layer, built with the
 * program's options by infra/platforms.ts, which takes each cloud's options type from it). `Cloud` and `CLOUDS`
 * are this registry's keys, so a cloud is added here and nowhere else in `infra/`; every
 * `Record<Cloud, ...>` and exhaustive switch elsewhere then fails to compile until it covers the
 * new cloud, and `webtier:cloud` accepts it.
 *
 * Profiles are plain data and pure functions, loaded with this registry. A platform is loaded on
 * first use: it carries the provider SDK (config parsing, the cost and deploy tools never need
 * it), and its components read config helpers that read this registry, so importing it here
 * eagerly would be an import cycle that breaks at load time.
 */
import { AWS_PROFILE } from "./aws/profile";
import type { CloudPlatform } from "./components";
import type { CloudProfile } from "./config/cloud-profile";
import { DIGITALOCEAN_PROFILE } from "./digitalocean/profile";

/** What a cloud registers: its profile (config) and how to load its platform factory (resources, infra/platforms.ts). */
export interface CloudRegistration {
    readonly profile: CloudProfile;
    readonly platform: () => (options?: never) => CloudPlatform;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a platform is required on first use (see above); the type is the module's own. */
export const CLOUD_REGISTRY = {
    aws: {
        profile: AWS_PROFILE,
        platform: () => (require("./aws") as typeof import("./aws")).createAwsPlatform,
    },
    digitalocean: {
        profile: DIGITALOCEAN_PROFILE,
        platform: () => (require("./digitalocean") as typeof import("./digitalocean")).createDigitalOceanPlatform,
    },
} as const satisfies Record<string, CloudRegistration>;
/* eslint-enable @typescript-eslint/no-require-imports */

/** A cloud's name, as `webtier:cloud` takes it. */
export type Cloud = keyof typeof CLOUD_REGISTRY;

/** Every cloud, in registration order. */
export const CLOUDS = Object.keys(CLOUD_REGISTRY) as readonly Cloud[];

/** Each cloud's profile, by name. */
export const CLOUD_PROFILES: Readonly<Record<Cloud, CloudProfile>> = mapClouds((entry) => entry.profile);

function mapClouds<T>(pick: (entry: CloudRegistration) => T): Record<Cloud, T> {
    return Object.fromEntries(CLOUDS.map((cloud) => [cloud, pick(CLOUD_REGISTRY[cloud])])) as Record<Cloud, T>;
}

/** Whether `text` names a registered cloud. */
export function isCloud(text: string): text is Cloud {
    return Object.prototype.hasOwnProperty.call(CLOUD_REGISTRY, text);
}

/** The profile of a cloud. */
export function cloudProfile(cloud: Cloud): CloudProfile {
    return CLOUD_PROFILES[cloud];
}
