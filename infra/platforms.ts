/**
 * The one place that maps the `webtier:cloud` key to an implementation of the component layer,
 * and the one option a program passes to any of them: `transform`, keyed by cloud, component and
 * child. Adding a cloud: its factory in `PLATFORM_FACTORIES` (a cloud without one does not compile).
 */
import { CloudPlatform } from "./components";
import { Cloud } from "./config/types";
import { AwsPlatformOptions, createAwsPlatform } from "./aws";
import { createDigitalOceanPlatform, DigitalOceanPlatformOptions } from "./digitalocean";

/** Each cloud's platform factory, the same shape on every cloud: `(options, onBuilt) => CloudPlatform`. */
const PLATFORM_FACTORIES = {
    aws: createAwsPlatform,
    digitalocean: createDigitalOceanPlatform,
} as const satisfies Record<Cloud, (options?: never) => CloudPlatform>;

/** Each cloud's platform options, as its platform declares them. */
interface OptionsByCloud {
    aws: AwsPlatformOptions;
    digitalocean: DigitalOceanPlatformOptions;
}

/**
 * Each cloud's platform options (`transform`, and what only that cloud has: AWS `tags`,
 * `uploadsKmsKeyArn`). Mapped over `Cloud`: a cloud missing from `OptionsByCloud` does not compile.
 */
export type PlatformOptions = { [C in Cloud]: OptionsByCloud[C] };

/**
 * The escape hatch of every child resource, for every cloud a stack may use: the program file is
 * shared by all stacks, so it holds each cloud's transforms and the stack's cloud picks its own.
 * Typed down to each child's args and options (`AwsTransform`, `DigitalOceanTransform`): a cloud,
 * component or child that does not exist is a compile error.
 *
 * ```ts
 * runWebtier({
 *     transform: {
 *         aws: { database: { instance: { performanceInsightsEnabled: true } } },
 *         digitalocean: { servers: { droplet: (args) => { args.backups = true; } } },
 *     },
 * });
 * ```
 */
export type TierTransform = { [C in Cloud]?: NonNullable<PlatformOptions[C]["transform"]> };

/** Builds `cloud`'s platform with `options` (its transforms included). */
export function createPlatform<C extends Cloud>(cloud: C, options?: PlatformOptions[C]): CloudPlatform {
    // The record pairs each cloud with its own factory; TypeScript cannot follow that pairing through `C`.
    const factory = PLATFORM_FACTORIES[cloud] as (options?: PlatformOptions[C]) => CloudPlatform;
    return factory(options);
}
