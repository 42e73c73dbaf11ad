// Lightsail through the rules that judge it: its instance firewall (SSH, the app port), its
// databases' public mode, and its load balancers' HTTPS, redirect and health check.
import * as assert from "assert";
import { databaseNotPublic } from "../../../../policies/rules/database-not-public";
import { healthChecks } from "../../../../policies/rules/health-checks";
import { port80OnlyFromBalancer } from "../../../../policies/rules/port-80-only-from-balancer";
import { sshAllowlist } from "../../../../policies/rules/ssh-allowlist";
import { tlsAtBalancer } from "../../../../policies/rules/tls-at-balancer";
import {
    FakeResource,
    UNKNOWN_STRING,
    assertNone,
    assertViolation,
    validateResource,
    validateStack,
} from "../../helpers";

const INSTANCE = "aws:lightsail/instance:Instance";
const PORTS = "aws:lightsail/instancePublicPorts:InstancePublicPorts";
const LB = "aws:lightsail/lb:Lb";
const ATTACHMENT = "aws:lightsail/lbCertificateAttachment:LbCertificateAttachment";
const REDIRECT = "aws:lightsail/lbHttpsRedirectionPolicy:LbHttpsRedirectionPolicy";
const DATABASE = "aws:lightsail/database:Database";

const instance = (name: string): FakeResource => ({
    type: INSTANCE,
    name,
    props: {
        name: `${name}-a1b2c3d`,
        availabilityZone: "eu-west-2a",
        blueprintId: "ubuntu_24_04",
        bundleId: "small_3_0",
    },
});

const firewall = (name: string, of: string, portInfos: unknown): FakeResource => ({
    type: PORTS,
    name,
    props: { instanceName: `${of}-a1b2c3d`, portInfos },
    deps: { instanceName: [of] },
});

const lb = (props: Record<string, unknown> = {}): FakeResource => ({
    type: LB,
    name: "shop-lb",
    props: { name: "shop-lb-9f8e7d6", instancePort: 80, healthCheckPath: "/up", ...props },
});

const names = (violations: { name?: string }[]) => violations.map((v) => v.name).sort();

const OFFICE = { allowSshFrom: ["203.0.113.0/24"] };

describe("Lightsail", () => {
    describe("instance firewalls", () => {
        it("refuses an instance no InstancePublicPorts names: the default firewall opens SSH and HTTP to everyone", async () => {
            const stack = [instance("web-1"), instance("web-2"), firewall("web-2-ports", "web-2", [])];
            const ssh = await validateStack(sshAllowlist, stack, OFFICE);
            assert.deepStrictEqual(names(ssh), ["web-1"]);
            assertViolation(ssh, 'Lightsail instance "web-1"', "default firewall", "InstancePublicPorts");
            const http = await validateStack(port80OnlyFromBalancer, [...stack, lb()]);
            assert.deepStrictEqual(names(http), ["web-1"]);
            assertViolation(http, "port 80 is reachable without the balancer", "leaves port 80 out");
        });

        it("reads a port rule without sources as open to everyone, and judges its CIDRs and aliases", async () => {
            const ssh = await validateStack(
                sshAllowlist,
                [
                    instance("web-1"),
                    firewall("web-1-ports", "web-1", [
                        { protocol: "tcp", fromPort: 22, toPort: 22 },
                        { protocol: "tcp", fromPort: 443, toPort: 443 },
                    ]),
                    instance("web-2"),
                    firewall("web-2-ports", "web-2", [
                        { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["198.51.100.7/32"] },
                    ]),
                    instance("web-3"),
                    firewall("web-3-ports", "web-3", [
                        { protocol: "all", fromPort: 0, toPort: 65535, cidrs: ["203.0.113.0/24"] },
                        { protocol: "tcp", fromPort: 22, toPort: 22, cidrListAliases: ["lightsail-connect"] },
                    ]),
                ],
                OFFICE,
            );
            assertViolation(ssh, 'portInfos[0] of Lightsail instance firewall "web-1-ports"', "0.0.0.0/0");
            assertViolation(ssh, "web-1-ports", "::/0");
            assertViolation(ssh, "web-2-ports", "198.51.100.7/32", "outside the allowlist");
            assertViolation(ssh, "portInfos[1]", "web-3-ports", "prefix list lightsail-connect");
            assert.ok(
                !ssh.some((v) => v.message.includes('portInfos[0] of Lightsail instance firewall "web-3-ports"')),
            );
        });

        it("passes instances whose firewalls admit SSH from the allowlist only and leave the app port closed", async () => {
            const stack = [
                instance("web-1"),
                firewall("web-1-ports", "web-1", [
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.8/29"] },
                ]),
                lb(),
            ];
            assertNone(await validateStack(sshAllowlist, stack, OFFICE));
            assertNone(await validateStack(port80OnlyFromBalancer, stack));
        });

        it("refuses a firewall opening the balancer's instance port to a CIDR, saying Lightsail cannot name the balancer", async () => {
            const http = await validateStack(port80OnlyFromBalancer, [
                instance("web-1"),
                firewall("web-1-ports", "web-1", [
                    { protocol: "tcp", fromPort: 8080, toPort: 8080, cidrs: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 80, toPort: 80, cidrs: ["0.0.0.0/0"] },
                ]),
                lb({ instancePort: 8080 }),
            ]);
            assert.strictEqual(http.length, 1, http.map((v) => v.message).join("\n"));
            assertViolation(http, "portInfos[0]", "port 8080", "cannot name a load balancer");
        });

        it("does not prove an instance covered when the firewall's instance is unknown in a preview and traces to none", async () => {
            const ssh = await validateStack(
                sshAllowlist,
                [
                    instance("web-1"),
                    { type: PORTS, name: "ports", props: { instanceName: UNKNOWN_STRING, portInfos: [] } },
                ],
                OFFICE,
            );
            assertViolation(ssh, 'Lightsail instance "web-1"', "may be under Lightsail's default firewall");
        });
    });

    describe("databases", () => {
        it("refuses a database in public mode, or unknown, and passes the default (private) one", async () => {
            const db = (props: Record<string, unknown>) =>
                validateStack(databaseNotPublic, [
                    {
                        type: DATABASE,
                        name: "shop-db",
                        props: {
                            relationalDatabaseName: "shop-db",
                            blueprintId: "mysql_8_0",
                            bundleId: "micro_2_0",
                            ...props,
                        },
                    },
                ]);
            assertViolation(
                await db({ publiclyAccessible: true }),
                'Lightsail database "shop-db" is publicly accessible',
            );
            assertViolation(await db({ publiclyAccessible: UNKNOWN_STRING }), "unknown during preview");
            assertNone(await db({}));
            assertNone(await db({ publiclyAccessible: false }));
        });
    });

    describe("load balancers", () => {
        const attachment: FakeResource = {
            type: ATTACHMENT,
            name: "shop-cert-attachment",
            props: { lbName: "shop-lb-9f8e7d6", certificateName: "shop-cert" },
            deps: { lbName: ["shop-lb"] },
        };
        const redirect = (enabled: unknown): FakeResource => ({
            type: REDIRECT,
            name: "shop-redirect",
            props: { lbName: "shop-lb-9f8e7d6", enabled },
        });

        it("refuses a balancer without a certificate attached, unless HTTP only is allowed", async () => {
            assertViolation(await validateStack(tlsAtBalancer, [lb()]), "serves no HTTPS", "LbCertificateAttachment");
            assertNone(await validateStack(tlsAtBalancer, [lb()], { allowHttpOnly: true }));
        });

        it("refuses HTTP next to HTTPS unless an enabled redirection policy names the balancer", async () => {
            assertViolation(
                await validateStack(tlsAtBalancer, [lb(), attachment]),
                "serves plain HTTP on port 80",
                "no aws.lightsail.LbHttpsRedirectionPolicy",
            );
            assertViolation(await validateStack(tlsAtBalancer, [lb(), attachment, redirect(false)]), "is not enabled");
            assertViolation(
                await validateStack(tlsAtBalancer, [lb(), attachment, redirect(UNKNOWN_STRING)]),
                "cannot be proven to redirect",
            );
            assertNone(await validateStack(tlsAtBalancer, [lb(), attachment, redirect(true)]));
            // Policies of another balancer do not count.
            const other = { ...redirect(true), props: { lbName: "other-lb", enabled: true } };
            assertViolation(await validateStack(tlsAtBalancer, [lb(), attachment, other]), "serves plain HTTP");
        });

        it("judges the health check path, '/' when unset", async () => {
            const check = (props: Record<string, unknown>) =>
                validateResource(
                    healthChecks,
                    LB,
                    { name: "shop-lb", instancePort: 80, ...props },
                    { healthCheckPath: "/up" },
                );
            assertViolation(await check({}), "checks health on path /", 'Set healthCheckPath to "/up"');
            assertViolation(await check({ healthCheckPath: "/" }), "checks health on path /");
            assertNone(await check({ healthCheckPath: "/up" }));
        });
    });
});
