import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { childName } from "../naming";
import { transform, Transform } from "../transform";

import { CREDENTIAL_VARIABLES, missingCredentials } from "./credentials";

export { CREDENTIAL_VARIABLES, missingCredentials };

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
