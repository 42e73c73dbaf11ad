/**
 * The environment variables the DigitalOcean provider plugin reads its credentials from.
 * The program never reads them itself: credentials left out of the provider's inputs never
 * reach the stack's state or config, and rotating a token is not a change to preview.
 *
 * A module of its own, importing nothing: the health gate's dynamic provider reads the token's
 * name from here, and Pulumi serializes every module a dynamic provider reaches into each gate's
 * state. Reached through provider.ts, that was @pulumi/pulumi itself (about 100 KB per gate).
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
