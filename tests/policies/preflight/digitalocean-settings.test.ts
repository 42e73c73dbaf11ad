// DigitalOcean settings refused together (webtier-preflight-settings): a DNS record without what its
// type needs, and App Platform instance counts.
import { preflightSettings } from "../../../policies/preflight";
import { UNKNOWN_ARRAY, UNKNOWN_NUMBER, UNKNOWN_STRING, assertNone, assertViolation } from "../helpers";
import { check } from "./support";

const RECORD = "digitalocean:index/dnsRecord:DnsRecord";
const APP = "digitalocean:index/app:App";

describe("preflight: DigitalOcean settings refused together", () => {
    describe("DNS records", () => {
        const record = (props: Record<string, unknown>) =>
            check(preflightSettings, RECORD, {
                domain: "example.com",
                name: "@",
                value: "mail.example.com.",
                ...props,
            });

        it("refuses MX without priority, SRV without priority, weight or port, CAA without flags or tag", async () => {
            assertViolation(
                await record({ type: "MX" }),
                'DNS record "subject": type MX without priority',
                "Set priority: 10",
                "Source: terraform-provider-digitalocean digitalocean_record",
            );
            assertViolation(await record({ type: "SRV", priority: 10 }), "type SRV without weight and port");
            assertViolation(await record({ type: "SRV", priority: 10, weight: 5 }), "without port", "port: 5060");
            assertViolation(await record({ type: "CAA", flags: 0 }), "type CAA without tag", 'tag: "issue"');
            assertViolation(await record({ type: "CAA", tag: "issue" }), "without flags");
        });

        it("accepts what each type needs, zeros included, values unknown during preview, and other types", async () => {
            assertNone(await record({ type: "MX", priority: 0 }));
            assertNone(await record({ type: "SRV", priority: 0, weight: 0, port: 443 }));
            assertNone(await record({ type: "CAA", flags: 0, tag: "issue" }));
            assertNone(await record({ type: "MX", priority: UNKNOWN_NUMBER }));
            assertNone(await record({ type: UNKNOWN_STRING }));
            assertNone(await record({ type: "A" }));
            assertNone(await record({ type: "TXT" }));
        });
    });

    describe("App Platform instance counts", () => {
        const app = (spec: Record<string, unknown>) =>
            check(preflightSettings, APP, { spec: { name: "web", region: "fra", ...spec } });

        it("refuses autoscaling over 250 instances, or with its minimum above its maximum or below 1", async () => {
            assertViolation(
                await app({
                    services: [{ name: "web", autoscaling: { minInstanceCount: 2, maxInstanceCount: 300 } }],
                }),
                'App Platform app "subject": spec.services[0].autoscaling.maxInstanceCount 300 is above 250',
                "Source: DigitalOcean API app spec",
            );
            assertViolation(
                await app({
                    workers: [{ name: "queue", autoscaling: { minInstanceCount: 5, maxInstanceCount: 3 } }],
                }),
                "spec.workers[0].autoscaling.minInstanceCount 5 is above maxInstanceCount 3",
            );
            assertViolation(
                await app({
                    services: [
                        { name: "api", instanceCount: 2 },
                        { name: "web", autoscaling: { minInstanceCount: 0, maxInstanceCount: 3 } },
                    ],
                }),
                "spec.services[1].autoscaling.minInstanceCount 0",
            );
        });

        it("refuses an instance count beside autoscaling, and a negative one", async () => {
            assertViolation(
                await app({
                    services: [
                        { name: "web", instanceCount: 2, autoscaling: { minInstanceCount: 1, maxInstanceCount: 3 } },
                    ],
                }),
                "spec.services[0].instanceCount 2 with spec.services[0].autoscaling",
                "Must not be set if autoscaling is used",
            );
            assertViolation(
                await app({ jobs: [{ name: "migrate", instanceCount: -1 }] }),
                "spec.jobs[0].instanceCount -1",
            );
        });

        it("accepts counts the API takes, 0 (sent as no count), and values unknown during preview", async () => {
            assertNone(
                await app({
                    services: [
                        { name: "web", autoscaling: { minInstanceCount: 1, maxInstanceCount: 250 } },
                        { name: "api", instanceCount: 3 },
                        { name: "auto", instanceCount: 0, autoscaling: { minInstanceCount: 2, maxInstanceCount: 2 } },
                    ],
                    workers: [
                        { name: "queue", autoscaling: { minInstanceCount: UNKNOWN_NUMBER, maxInstanceCount: 4 } },
                    ],
                    jobs: [{ name: "migrate", instanceCount: 1 }],
                }),
            );
            assertNone(await app({ services: UNKNOWN_ARRAY }));
            assertNone(await app({ services: [{ name: "web", autoscaling: UNKNOWN_STRING }] }));
            assertNone(await check(preflightSettings, APP, { spec: UNKNOWN_STRING }));
        });
    });
});
