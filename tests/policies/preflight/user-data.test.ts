import * as assert from "assert";
import { preflightUserData } from "../../../policies/preflight";
import { assertNone, assertViolation, UNKNOWN_STRING } from "../helpers";
import { check } from "./support";

const EC2 = "aws:ec2/instance:Instance";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const DROPLET = "digitalocean:index/droplet:Droplet";
const KB16 = 16 * 1024;
const KIB64 = 64 * 1024;

describe("preflight: user data over the cloud's size limit", () => {
    it("refuses EC2 user data over 16 KB, accepts exactly 16 KB", async () => {
        assertViolation(
            await check(preflightUserData, EC2, { userData: "x".repeat(KB16 + 1) }),
            "EC2 instance",
            "16385 bytes",
            "16 KB",
        );
        assertNone(await check(preflightUserData, EC2, { userData: "x".repeat(KB16) }));
    });
    it("counts bytes, not characters (UTF-8)", async () => {
        // 8193 two-byte characters: 16386 bytes in 8193 characters.
        assertViolation(await check(preflightUserData, EC2, { userData: "é".repeat(KB16 / 2 + 1) }), "16386 bytes");
    });
    it("measures userDataBase64 decoded: 16 KB of data passes though its base64 is longer", async () => {
        const exact = Buffer.alloc(KB16, 7).toString("base64");
        const over = Buffer.alloc(KB16 + 1, 7).toString("base64");
        assertNone(await check(preflightUserData, EC2, { userDataBase64: exact }));
        assertViolation(
            await check(preflightUserData, EC2, { userDataBase64: over }),
            "userDataBase64",
            "16385 bytes decoded",
        );
    });
    it("measures a launch template's (base64) user data decoded", async () => {
        assertViolation(
            await check(preflightUserData, TEMPLATE, { userData: Buffer.alloc(KB16 + 10).toString("base64") }),
            "16394 bytes decoded",
        );
        assertNone(await check(preflightUserData, TEMPLATE, { userData: Buffer.alloc(KB16).toString("base64") }));
    });
    it("advises a launch template to gzip into its own userData: it has no userDataBase64", async () => {
        const found = await check(preflightUserData, TEMPLATE, {
            userData: Buffer.alloc(KB16 + 10).toString("base64"),
        });
        assertViolation(found, "gzip it before base64-encoding it into userData");
        assert.ok(!found.some((message) => message.includes("userDataBase64")), found.join("\n"));
    });
    it("refuses droplet user data over 64 KiB, accepts exactly 64 KiB", async () => {
        assertViolation(
            await check(preflightUserData, DROPLET, { userData: "x".repeat(KIB64 + 1) }),
            "droplet",
            "65537 bytes",
            "64 KiB",
        );
        assertNone(await check(preflightUserData, DROPLET, { userData: "x".repeat(KIB64) }));
    });
    it("measures an autoscale pool's template user data, which each of its droplets is created with", async () => {
        const POOL = "digitalocean:index/dropletAutoscale:DropletAutoscale";
        const pool = (userData: unknown) => ({
            config: { minInstances: 2, maxInstances: 4 },
            dropletTemplate: { size: "s-1vcpu-2gb", region: "fra1", image: "ubuntu-24-04-x64", userData },
        });
        assertViolation(
            await check(preflightUserData, POOL, pool("x".repeat(KIB64 + 1))),
            "dropletTemplate.userData is 65537 bytes",
        );
        assertNone(await check(preflightUserData, POOL, pool("x".repeat(KIB64))));
        assertNone(await check(preflightUserData, POOL, pool(UNKNOWN_STRING)));
    });

    it("leaves user data unknown during preview alone", async () => {
        assertNone(await check(preflightUserData, EC2, { userData: UNKNOWN_STRING }));
    });
});
