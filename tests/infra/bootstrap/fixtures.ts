/**
 * Realistic endpoint shapes of both clouds, as plain values, with long names and passwords full
 * of characters that need quoting: what a real stack hands the renderer.
 */
import { laravelEnv, LaravelEnvValues, DATABASE_CA_PATH } from "../../../infra/bootstrap/laravel-env";
import { ServerBootstrapValues } from "../../../infra/bootstrap/cloud-config";

export const SECRETS = {
    appKey: "base64:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=",
    dbPassword: `Db"pa$$w0rd\\with'quotes&more-chars-0123456789abcdef`,
    cachePassword: "CacheAuthToken-0123456789abcdefghijklmnopqrstuvwxyz",
    spacesSecret: "SpacesSecretKey/0123456789abcdefghijklmnopqrstuvwxyzABCD",
};

export const FAKE_CA_PEM = [
    "-----BEGIN CERTIFICATE-----",
    ...Array.from(
        { length: 20 },
        (_, i) => `MIIEQTCCAqmgAwIBAgIUV${String(i).padStart(2, "0")}abcdefghijklmnopqrstuvwxyzABCDEFGHIJK`,
    ),
    "-----END CERTIFICATE-----",
    "",
].join("\n");

/** What both clouds' prod stacks render alike: the app, the database's name and user, the cache user. */
function envValues(
    cloud: Pick<LaravelEnvValues, "storage" | "queue"> & {
        database: Pick<LaravelEnvValues["database"], "host" | "port" | "requireTls">;
        cache: Pick<LaravelEnvValues["cache"], "host" | "port">;
    },
): LaravelEnvValues {
    return {
        appName: "Example",
        environment: "prod",
        appKey: SECRETS.appKey,
        appUrl: "https://app.example.com",
        trustedProxies: "10.20.0.0/16",
        database: {
            engine: "mysql",
            name: "app",
            user: "app",
            password: SECRETS.dbPassword,
            caFile: DATABASE_CA_PATH,
            ...cloud.database,
        },
        cache: { user: "default", password: SECRETS.cachePassword, tls: true, ...cloud.cache },
        storage: cloud.storage,
        queue: cloud.queue,
    };
}

export function awsEnvValues(overrides: Partial<LaravelEnvValues> = {}): LaravelEnvValues {
    return {
        ...envValues({
            database: {
                host: "aws-prod-db-8f3c2a1.c9akciq32.eu-west-1.rds.amazonaws.com",
                port: 3306,
                requireTls: false,
            },
            cache: { host: "master.aws-prod-cache-1a2b3c4.abcdef.euw1.cache.amazonaws.com", port: 6379 },
            storage: {
                bucket: "aws-prod-uploads-8f3c2a1",
                region: "eu-west-1",
                endpoint: "https://s3.eu-west-1.amazonaws.com",
                cdnDomain: "d111111abcdef8.cloudfront.net",
                usesInstanceRole: true,
            },
            queue: {
                driver: "sqs",
                url: "https://sqs.eu-west-1.amazonaws.com/123456789012/aws-prod-queue-8f3c2a1",
                name: "aws-prod-queue-8f3c2a1",
            },
        }),
        ...overrides,
    };
}

export function doEnvValues(overrides: Partial<LaravelEnvValues> = {}): LaravelEnvValues {
    return {
        ...envValues({
            database: {
                host: "private-do-prod-db-do-user-1234567-0.b.db.ondigitalocean.com",
                port: 25060,
                requireTls: true,
            },
            cache: { host: "private-do-prod-cache-do-user-1234567-0.b.db.ondigitalocean.com", port: 25061 },
            storage: {
                bucket: "do-prod-uploads-8f3c2a1",
                region: "ams3",
                endpoint: "https://ams3.digitaloceanspaces.com",
                cdnDomain: "do-prod-uploads-8f3c2a1.ams3.cdn.digitaloceanspaces.com",
                accessKeyId: "DO00ABCDEFGHIJKLMNOP",
                secretAccessKey: SECRETS.spacesSecret,
                usesInstanceRole: false,
            },
            queue: { driver: "redis" },
        }),
        ...overrides,
    };
}

/** AWS prod: .env from Parameter Store, instance role (no storage keys), SQS, RDS CA downloaded at boot, PHP from the PPA, a repository. */
export function awsServer(overrides: Partial<ServerBootstrapValues> = {}): ServerBootstrapValues {
    return {
        stackName: "aws-production-eu",
        server: { index: 1, count: 3 },
        phpVersion: "8.4",
        databaseEngine: "mysql",
        queueDriver: "sqs",
        size: "medium",
        vpcCidr: "10.20.0.0/16",
        healthCheckPath: "/up",
        repository: "https://github.com/example-organisation/example-laravel-application.git",
        branch: "main",
        sshPublicKey:
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3x0j1Hn1r0qB8rjD8e6k1o2p3q4r5s6t7u8v9w0x1y ops@example.com",
        env: { parameter: "/webtier/aws-production-eu/laravel-env", region: "eu-west-1" },
        databaseCa: { url: "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem" },
        ...overrides,
    };
}

/** DigitalOcean prod: .env in the user data, Spaces keys, Redis queue, TLS database with the CA passed as text. */
export function doServer(overrides: Partial<ServerBootstrapValues> = {}): ServerBootstrapValues {
    return {
        stackName: "do-prod",
        server: { index: 0, count: 3 },
        phpVersion: "8.3",
        databaseEngine: "mysql",
        queueDriver: "redis",
        size: "small",
        vpcCidr: "10.30.0.0/20",
        healthCheckPath: "/up",
        branch: "main",
        env: { text: laravelEnv(doEnvValues()) },
        databaseCa: { pem: FAKE_CA_PEM },
        ...overrides,
    };
}
