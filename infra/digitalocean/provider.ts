import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { childName } from "../naming";
import { transform, Transform } from "../transform";

/**
 * The environment variables the DigitalOcean provider plugin reads its credentials from.
 * The program never reads them itself: credentials left out of the provider's inputs never
 * reach the stack's state or config, and rotating a token is not a change to preview.
 */
export const CREDENTIAL_VARIABLES = {
    token: "DIGITALOCEAN_TOKEN",
    spacesAccessKeyId: "SPACES_ACCESS_KEY_ID",
    spacesSecretAccessKey: "SPACES_SECRET_ACCESS_KEY",
} as const;

/** Which credential variables are missing from `env`, for a warning that names them. */
export function missingCredentials(env: Record<string, string | undefined>): string[] {
    return Object.values(CREDENTIAL_VARIABLES).filter((variable) => !env[variable]);
}

/**
 * The provider's inputs: no credentials (see `CREDENTIAL_VARIABLES`), only retry settings,
 * because a tier of a dozen resources created at once meets the API's rate limit (HTTP 429).
 */
export function providerArgs(): digitalocean.ProviderArgs {
    return { httpRetryMax: 8, httpRetryWaitMin: 1, httpRetryWaitMax: 30 };
}

/** The explicit provider every DigitalOcean child of the tier uses. */
export function createProvider(
    name: string,
    parent: pulumi.Resource,
    providerTransform?: Transform<digitalocean.ProviderArgs, pulumi.CustomResourceOptions>,
): digitalocean.Provider {
    const missing = missingCredentials(process.env);
    if (missing.length > 0 && !pulumi.runtime.isDryRun()) {
        void pulumi.log.warn(
            `webtier: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set; the DigitalOcean provider reads its API token and Spaces keys ` +
                `from the environment (export ${CREDENTIAL_VARIABLES.token}=... before \`pulumi up\`; create Spaces keys under API > Spaces Keys).`,
            parent,
        );
    }
    return new digitalocean.Provider(
        ...transform(providerTransform, childName(name, "provider"), providerArgs(), { parent }),
    );
}
