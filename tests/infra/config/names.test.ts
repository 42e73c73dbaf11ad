// The names config checks are the names the program creates: evaluated on both clouds with every
// optional resource on, each named resource of the graph is in derivedNames and the other way round.
import * as assert from "assert";
import { evaluate, RegisteredResource } from "../../../tools/harness/evaluate";
import { runWebtier } from "../../../infra/program";
import { derivedNames } from "../../../infra/config/names";
import { nameRuleFor } from "../../../policies/preflight/name-rules";

const APP_KEY = `base64:${"A".repeat(43)}=`;
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHJmZXN0b2Z0aGVrZXlpc2hlcmVmb3J0ZXN0cw== ops@example";

const EVERYTHING: Record<"aws" | "digitalocean", Record<string, unknown>> = {
    aws: {
        cloud: "aws",
        region: "eu-west-1",
        environment: "prod",
        domain: "app.example.com",
        dnsZone: "example.com",
        servers: { count: 2, sshPublicKey: SSH_KEY },
        storage: { cdn: true },
        queue: { driver: "sqs" },
    },
    digitalocean: {
        cloud: "digitalocean",
        region: "ams3",
        environment: "prod",
        domain: "app.example.com",
        dnsZone: "example.com",
        servers: { count: 2, sshPublicKey: SSH_KEY },
        storage: { cdn: true },
    },
};

async function graph(cloud: "aws" | "digitalocean", stack: string): Promise<RegisteredResource[]> {
    const config: Record<string, string> = { "webtier:appKey": APP_KEY };
    for (const [key, value] of Object.entries(EVERYTHING[cloud]))
        config[`webtier:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    const evaluation = await evaluate({ stack, config, secretKeys: ["webtier:appKey"], program: () => runWebtier() });
    return evaluation.resources;
}

describe("the names config validates are the names the program creates", function () {
    this.timeout(120000);

    for (const cloud of ["aws", "digitalocean"] as const) {
        it(`on ${cloud}: every named resource of the graph is checked, and every checked name exists`, async () => {
            const stack = `${cloud === "aws" ? "aws" : "do"}-names`;
            const resources = (await graph(cloud, stack)).filter(
                (r) => nameRuleFor(r.type) && r.name.startsWith(`${stack}-`),
            );
            assert.ok(resources.length > 5, `named resources were registered: ${resources.length}`);
            const listed = derivedNames(cloud, stack);
            const covered = (r: RegisteredResource) =>
                listed.some(
                    (d) =>
                        d.type === r.type &&
                        (d.logicalName === r.name ||
                            (r.type === "digitalocean:index/droplet:Droplet" &&
                                /-app-\d+$/.test(r.name) &&
                                d.logicalName.startsWith(`${stack}-app-`))),
                );
            assert.deepStrictEqual(
                resources.filter((r) => !covered(r)).map((r) => `${r.type} ${r.name}`),
                [],
                "named resources missing from infra/config/names.ts",
            );
            const present = (d: (typeof listed)[number]) =>
                resources.some(
                    (r) =>
                        r.type === d.type &&
                        (r.name === d.logicalName ||
                            (d.type === "digitalocean:index/droplet:Droplet" && /-app-\d+$/.test(r.name))),
                );
            assert.deepStrictEqual(
                listed.filter((d) => !present(d)).map((d) => `${d.type} ${d.logicalName}`),
                [],
                "names.ts lists resources the program does not create",
            );
        });
    }
});
