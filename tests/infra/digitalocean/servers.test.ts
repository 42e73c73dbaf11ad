/** The app droplets on DigitalOcean, on the registered resources. */
import * as assert from "assert";
import { dropletUserDataText } from "../../../infra/bootstrap/compress";
import { Built, clusters, devTier, ofType, only, prodTier, someOf, T } from "./fixture";

describe("digitalocean: servers", () => {
    let dev: Built;
    let prod: Built;
    before(async () => {
        dev = await devTier();
        prod = await prodTier();
    });

    it("creates as many droplets as configured, at the size class's slug", () => {
        assert.strictEqual(ofType(dev.evaluation, T.droplet).length, 1);
        const droplets = ofType(prod.evaluation, T.droplet);
        assert.strictEqual(droplets.length, 3);
        for (const droplet of droplets) assert.strictEqual(droplet.inputs.size, "s-2vcpu-4gb");
    });

    it("puts every droplet in the region and the VPC, with monitoring, no IPv6 and graceful shutdown", () => {
        for (const { evaluation: ev } of [dev, prod]) {
            const vpc = only(ev, T.vpc);
            for (const droplet of someOf(ev, T.droplet)) {
                assert.strictEqual(droplet.inputs.region, "ams3");
                assert.strictEqual(droplet.inputs.vpcUuid, vpc.id);
                assert.strictEqual(droplet.inputs.monitoring, true);
                assert.strictEqual(droplet.inputs.ipv6, false);
                assert.strictEqual(droplet.inputs.gracefulShutdown, true);
                assert.strictEqual(droplet.inputs.image, "ubuntu-24-04-x64");
            }
        }
    });

    it("tags every droplet from creation with the app tag and the balancer's in-rotation tag, both Tag resources", () => {
        const ev = prod.evaluation;
        const tag = only(ev, T.tag, "do-prod-app");
        const memberTag = only(ev, T.tag, "do-prod-lb");
        for (const droplet of someOf(ev, T.droplet)) {
            assert.deepStrictEqual(droplet.inputs.tags, ["do-prod-app", "do-prod-lb"]);
            assert.ok(droplet.propertyDependencies.tags.includes(tag.urn));
            assert.ok(droplet.propertyDependencies.tags.includes(memberTag.urn));
        }
    });

    it("installs the SSH key resource when a public key is configured, and none otherwise", () => {
        const key = only(prod.evaluation, T.sshKey);
        for (const droplet of someOf(prod.evaluation, T.droplet)) {
            assert.deepStrictEqual(droplet.inputs.sshKeys, [key.state.fingerprint]);
            assert.ok(droplet.propertyDependencies.sshKeys.includes(key.urn));
        }
        assert.deepStrictEqual(ofType(dev.evaluation, T.sshKey), []);
        assert.strictEqual(only(dev.evaluation, T.droplet).inputs.sshKeys, undefined);
    });

    it("renders each droplet's user data from the shared endpoints with its index and the count", () => {
        assert.deepStrictEqual(prod.renderCalls, [
            { index: 0, count: 3 },
            { index: 1, count: 3 },
            { index: 2, count: 3 },
        ]);
        const { database, cache } = clusters(prod.evaluation);
        someOf(prod.evaluation, T.droplet).forEach((droplet, index) => {
            const text = dropletUserDataText(droplet.inputs.userData);
            assert.ok(text.includes(`server ${index + 1} of 3`));
            assert.ok(text.includes(database.state.privateHost), "the database's private host");
            assert.ok(text.includes(cache.state.privateHost), "the cache's private host");
        });
    });

    it("sends the user data gzip-compressed in a MIME message (a string, as DigitalOcean's API takes it)", () => {
        for (const droplet of someOf(prod.evaluation, T.droplet)) {
            const mime: string = droplet.inputs.userData;
            assert.match(mime, /^Content-Type: multipart\/mixed; boundary="webtier-user-data"\nMIME-Version: 1\.0\n/);
            assert.match(mime, /\nContent-Type: application\/x-gzip\nContent-Transfer-Encoding: base64\n/);
            assert.ok(/^[\x20-\x7e\n]*$/.test(mime), "ASCII only");
            assert.ok(dropletUserDataText(mime).startsWith("#cloud-config\n"));
        }
    });

    it("replaces droplets one after the other, each after the previous one's health gate, and never deletes before replacing", () => {
        const droplets = someOf(prod.evaluation, T.droplet);
        const gates = someOf(prod.evaluation, "pulumi-nodejs:dynamic:Resource");
        droplets.forEach((droplet, index) => {
            assert.strictEqual(
                droplet.deleteBeforeReplace,
                false,
                `${droplet.name} is created before its predecessor is deleted`,
            );
            const waitsFor = [...droplets, ...gates]
                .filter((other) => droplet.dependencies.includes(other.urn))
                .map((other) => other.name);
            assert.deepStrictEqual(
                waitsFor,
                index === 0 ? [] : [`${droplets[index - 1].name}-healthy`],
                `${droplet.name} waits for the gate before it only`,
            );
        });
    });

    it("reports each droplet's id, addresses and region in the outputs", () => {
        const droplets = ofType(prod.evaluation, T.droplet);
        const servers = prod.evaluation.outputs.servers as any[];
        assert.deepStrictEqual(
            servers.map((s) => [s.name, s.id, s.privateIp, s.publicIp, s.zone]),
            droplets.map((d) => [d.name, d.id, d.state.ipv4AddressPrivate, d.state.ipv4Address, "ams3"]),
        );
    });
});
