/**
 * The clouds the operator tools know: the one registry in `tools/` that names them. Each cloud
 * brings, from its own files, its deploy adapter (`tools/deploy/<cloud>/platform.ts`), its prices
 * and pricers (`tools/cost/prices/<cloud>.ts`) and what its provider computes under the harness's
 * mocks (`tools/harness/mocks/<cloud>.ts`). `satisfies Record<Cloud, ...>` makes a cloud registered
 * in infra/clouds.ts but missing here a compile error.
 */
import type { Cloud } from "../infra/clouds";
import type { Pricer } from "./cost/pricing";
import { AWS_PRICERS, AWS_PRICES } from "./cost/prices/aws";
import { DIGITALOCEAN_PRICERS, DIGITALOCEAN_PRICES } from "./cost/prices/digitalocean";
import type { PriceTable } from "./cost/prices/types";
import type { PlatformFactory } from "./deploy/platforms";
import { APIGATEWAY_EMULATION } from "./harness/aws/apigateway";
import { AWSX_EMULATION } from "./harness/aws/awsx";
import { AWSX_MOCKS } from "./harness/aws/awsx/mocks";
import { EKS_EMULATION } from "./harness/aws/eks";
import { AWS_MOCKS } from "./harness/mocks/aws";
import { AWS_NATIVE_MOCKS } from "./harness/aws/native";
import { DIGITALOCEAN_MOCKS } from "./harness/mocks/digitalocean";
import { EKS_MOCKS } from "./harness/mocks/eks";
import { RANDOM_MOCKS } from "./harness/mocks/random";
import { TLS_MOCKS } from "./harness/mocks/tls";
import type { ComponentEmulation, ProviderMocks } from "./harness/provider-mocks";

/** What a cloud registers with the tools. */
export interface CloudTools {
    /**
     * Its deploy adapter, loaded on first use: it carries the cloud's API clients, which the cost
     * estimate and the policy check (which read this registry too) never need.
     */
    readonly deploy: () => PlatformFactory;
    /** Its list prices and what each of its resource types costs. */
    readonly cost: { readonly table: PriceTable; readonly pricers: Readonly<Record<string, Pricer>> };
    /** Its provider under the harness's mocks. */
    readonly mocks: ProviderMocks;
    /**
     * The environment variables its provider reads its credentials from, as CI passes them to
     * `pulumi preview` from repository secrets of the same names (tools/ci/preview-matrix.ts): a
     * stack is previewed only when every `required` one is configured; `optional` ones are passed
     * when present.
     */
    readonly credentials: { readonly required: readonly string[]; readonly optional: readonly string[] };
}

/* eslint-disable @typescript-eslint/no-require-imports -- a deploy adapter is required on first use (see above); the type is the module's own. */
export const TOOL_CLOUDS = {
    aws: {
        deploy: () => (require("./deploy/aws/platform") as typeof import("./deploy/aws/platform")).createAwsPlatform,
        cost: { table: AWS_PRICES, pricers: AWS_PRICERS },
        mocks: AWS_MOCKS,
        credentials: { required: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], optional: [] },
    },
    digitalocean: {
        deploy: () =>
            (require("./deploy/digitalocean/platform") as typeof import("./deploy/digitalocean/platform"))
                .createDigitalOceanPlatform,
        cost: { table: DIGITALOCEAN_PRICES, pricers: DIGITALOCEAN_PRICERS },
        mocks: DIGITALOCEAN_MOCKS,
        // Spaces keys only matter to the bucket; the token is the provider's.
        credentials: {
            required: ["DIGITALOCEAN_TOKEN"],
            optional: ["SPACES_ACCESS_KEY_ID", "SPACES_SECRET_ACCESS_KEY"],
        },
    },
} as const satisfies Record<Cloud, CloudTools>;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Every registered provider's mocks, for the harness. */
export const PROVIDER_MOCKS: readonly ProviderMocks[] = [
    ...Object.values(TOOL_CLOUDS).map((tools) => tools.mocks),
    // AWS through its native provider (CloudFormation's shapes), which programs may use besides the classic one.
    AWS_NATIVE_MOCKS,
    // Not a cloud: awsx's functions, which its provider answers by calling AWS.
    AWSX_MOCKS,
    // Not a cloud: the TLS provider's keys, certificates and requests, computed as it computes them.
    TLS_MOCKS,
    // Not a cloud: the eks provider's own custom resource, which it computes itself.
    EKS_MOCKS,
    // Not a cloud: the random provider's passwords, strings and ids.
    RANDOM_MOCKS,
];

/** Each cloud's price table, by cloud. */
export const PRICE_TABLES: Readonly<Record<Cloud, PriceTable>> = Object.fromEntries(
    Object.entries(TOOL_CLOUDS).map(([cloud, tools]) => [cloud, tools.cost.table]),
) as Record<Cloud, PriceTable>;

/** The multi-language components the harness builds itself, as their plugins build them. */
export const COMPONENT_EMULATIONS: readonly ComponentEmulation[] = [
    AWSX_EMULATION,
    APIGATEWAY_EMULATION,
    EKS_EMULATION,
];
