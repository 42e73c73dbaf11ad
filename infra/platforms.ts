/**
 * The one place that maps the `webtier:cloud` key to an implementation of the component layer,
 * and the one option a program passes to any of them: `transform`, keyed by cloud, component and
 * child. Each cloud's factory, and so its options, come from its registration in infra/clouds.ts:
 * a cloud registered there has both, and nothing here names a cloud.
 */
import { CLOUD_REGISTRY, Cloud } from "./clouds";
import { CloudPlatform } from "./components";

/** A cloud's platform factory, the same shape on every cloud: `(options, onBuilt) => CloudPlatform`. */
type FactoryOf<C extends Cloud> = ReturnType<(typeof CLOUD_REGISTRY)[C]["platform"]>;

/**
 * Each cloud's platform options (`transform`, and what only that cloud has: AWS `tags`,
 * `uploadsKmsKeyArn`), as its factory declares them. Mapped over `Cloud`.
 */
export type PlatformOptions = { [C in Cloud]: NonNullable<Parameters<FactoryOf<C>>[0]> };

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
    const factory = CLOUD_REGISTRY[cloud].platform() as (options?: PlatformOptions[C]) => CloudPlatform;
    return factory(options);
}
