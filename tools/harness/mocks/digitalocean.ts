/**
 * DigitalOcean under the harness's mocks: numeric droplet ids, tag ids that are their names, and
 * the computed outputs (addresses, hosts, URNs, endpoints) DigitalOcean would hand back, and the
 * data sources webtier reads. Registered in tools/clouds.ts.
 */
import type { MockIds } from "../mock-state";
import { AutonameRule, autonameOf, ProviderMocks, stableUuid } from "../provider-mocks";
import { loadSchemaFile } from "../tf-defaults/file";

/**
 * pulumi-digitalocean (provider/resources.go) calls `prov.SetAutonaming(255, "-")`, so every
 * resource with a `name` input is autonamed; these have limits of their own (Volume lowercases its
 * name, at most 64 characters).
 */
const AUTONAMED: Record<string, AutonameRule> = {
    "digitalocean:index/volume:Volume": autonameOf("name", 64, true),
};

export const DIGITALOCEAN_MOCKS: ProviderMocks = {
    package: "digitalocean",
    // pulumi-digitalocean bridges terraform-provider-digitalocean.
    bridged: true,
    terraformDefaults: () => loadSchemaFile("digitalocean.jsonl"),
    // Droplets have numeric ids (the load balancer and firewalls take them as numbers) and a tag's id is its name.
    id: (type: string, inputs: Record<string, any>, ids: MockIds) => {
        if (type === "digitalocean:index/droplet:Droplet")
            return String(500000000 + parseInt(ids.next("d").slice(2), 16));
        if (type === "digitalocean:index/tag:Tag" && typeof inputs.name === "string") {
            ids.next("tag");
            return inputs.name;
        }
        return undefined;
    },
    created: (type: string, name: string, inputs: Record<string, any>, state: Record<string, any>, id: string) => {
        switch (type) {
            case "digitalocean:index/droplet:Droplet":
                // An address from DigitalOcean's own blocks, not a documentation range (203.0.113.0/24 and
                // the like), which allowlists in examples and tests use: a rule naming a droplet's address
                // would otherwise pass an allowlist its real address never falls in.
                state.ipv4Address = `164.90.${parseInt(id.slice(-4, -2), 16)}.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
                state.ipv4AddressPrivate = `10.20.0.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
                state.urn = `do:droplet:${id}`;
                break;
            case "digitalocean:index/loadBalancer:LoadBalancer":
                state.ip = `138.68.${parseInt(id.slice(-4, -2), 16)}.${(parseInt(id.slice(-2), 16) % 250) + 4}`;
                state.loadBalancerUrn = `do:loadbalancer:${id}`;
                break;
            case "digitalocean:index/databaseCluster:DatabaseCluster": {
                const port = inputs.engine === "pg" ? 25060 : inputs.engine === "mysql" ? 25060 : 25061;
                state.host = `${name}-do-user-0.db.ondigitalocean.com`;
                state.privateHost = `private-${state.host}`;
                state.port = port;
                // Valkey and Redis clusters have a single ACL user, "default"; SQL engines an admin.
                state.user = inputs.engine === "valkey" || inputs.engine === "redis" ? "default" : "doadmin";
                state.password = `mock-password-${id}`;
                state.database = "defaultdb";
                state.uri = `${inputs.engine}://doadmin:mock-password-${id}@${state.host}:${port}/defaultdb`;
                state.privateUri = state.uri.replace(state.host, state.privateHost);
                state.clusterUrn = `do:dbaas:${id}`;
                state.urn = state.clusterUrn;
                break;
            }
            case "digitalocean:index/databaseUser:DatabaseUser":
                state.password = `mock-password-${id}`;
                break;
            case "digitalocean:index/spacesBucket:SpacesBucket":
                state.bucketDomainName = `${inputs.name ?? name}.${inputs.region ?? "nyc3"}.digitaloceanspaces.com`;
                state.endpoint = `${inputs.region ?? "nyc3"}.digitaloceanspaces.com`;
                state.urn = `do:space:${inputs.name ?? name}`;
                break;
            case "digitalocean:index/cdn:Cdn":
                state.endpoint = `${id.slice(-8)}.cdn.digitaloceanspaces.com`;
                break;
            case "digitalocean:index/spacesKey:SpacesKey":
                state.accessKey = `DO00${id.slice(-8).toUpperCase()}`;
                state.secretKey = `mock-secret-${id}`;
                break;
            case "digitalocean:index/vpc:Vpc":
                state.urn = `do:vpc:${id}`;
                break;
            case "digitalocean:index/certificate:Certificate":
                state.uuid = id;
                break;
            case "digitalocean:index/sshKey:SshKey":
                state.fingerprint = `mock:${id}`;
                break;
        }
    },
    autoname: (type, hasInput) => AUTONAMED[type] ?? (hasInput("name") ? autonameOf("name") : undefined),
    calls: {
        "digitalocean:index/getDatabaseCa:getDatabaseCa": (inputs) => ({
            clusterId: inputs.clusterId,
            certificate: `-----BEGIN CERTIFICATE-----\nMOCK-CA-FOR-${inputs.clusterId}\n-----END CERTIFICATE-----\n`,
            id: inputs.clusterId,
        }),
        // A certificate of the account looked up by name (one that does not exist fails the
        // engine's run instead): verified, with a uuid stable per name.
        "digitalocean:index/getCertificate:getCertificate": (inputs) => {
            if (typeof inputs.name !== "string") return undefined;
            const uuid = stableUuid(inputs.name);
            return { name: inputs.name, id: uuid, uuid, type: "lets_encrypt", state: "verified", domains: [] };
        },
        "digitalocean:index/getDomain:getDomain": (inputs) => ({
            name: inputs.name,
            id: inputs.name,
            urn: `do:domain:${inputs.name}`,
        }),
    },
};
