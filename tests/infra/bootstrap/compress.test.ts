import * as assert from "assert";
import { createHash } from "crypto";
import { gunzipSync } from "zlib";
import { renderCloudConfig } from "../../../infra/bootstrap/cloud-config";
import {
    dropletUserData,
    dropletUserDataText,
    ec2UserDataBase64,
    ec2UserDataText,
    gzipText,
} from "../../../infra/bootstrap/compress";
import { awsServer, doServer } from "./fixtures";
import { cloudInitSchema, cloudInitUserDataParts } from "./validators";

describe("compressed user data, as cloud-init reads it", () => {
    it("EC2: the gzip behind userDataBase64 is what cloud-init turns back into the #cloud-config", () => {
        const text = renderCloudConfig(awsServer());
        // EC2 base64-decodes userDataBase64 and the instance gets the bytes.
        const parts = cloudInitUserDataParts(Buffer.from(ec2UserDataBase64(text), "base64"));
        assert.deepStrictEqual(parts, [{ type: "text/cloud-config", text }]);
        assert.ok(cloudInitSchema(parts[0].text).ok);
    });

    it("DigitalOcean: the MIME message's gzip part is what cloud-init turns back into the #cloud-config", () => {
        const text = renderCloudConfig(doServer());
        const mime = dropletUserData(text);
        const parts = cloudInitUserDataParts(Buffer.from(mime, "utf8"));
        assert.deepStrictEqual(
            parts.map((part) => part.type),
            ["text/cloud-config"],
        );
        assert.strictEqual(parts[0].text, text);
        assert.ok(
            mime.split("\n").every((line) => line.length <= 76),
            "MIME lines of at most 76 characters",
        );
    });

    it("is a standard gzip any inflater reads, and decodes back to the same text", () => {
        const text = renderCloudConfig(awsServer({ size: "large" }));
        assert.strictEqual(gunzipSync(gzipText(text)).toString("utf8"), text);
        assert.strictEqual(ec2UserDataText(ec2UserDataBase64(text)), text);
        assert.strictEqual(dropletUserDataText(dropletUserData(text)), text);
        assert.ok(gzipText(text).length < Buffer.byteLength(text) / 2.5, "about a third of the text");
    });

    it("compresses a fixed text to the recorded bytes, on every Node.js version and machine", () => {
        // Recorded once; CI runs this on Node.js 22 and 24. A different result means the servers'
        // user data would change (and the servers be replaced) without any change of bootstrap.
        const text = Array.from(
            { length: 400 },
            (_, i) => `line ${i}: ${"webtier".repeat(i % 7)} ${(i * 7919) % 1000}`,
        ).join("\n");
        const gzip = gzipText(text);
        assert.strictEqual(
            createHash("sha256").update(gzip).digest("hex"),
            "751cd105c7a7f3110ba6890ce8cd35a76bffc179cbe471f7c5eb52a76e35fd7f",
        );
        assert.strictEqual(gzip.length, 2552);
    });

    it("gives each text its own encoding when many texts come and go (compressed once per text)", () => {
        const texts = Array.from({ length: 40 }, (_, i) => `#cloud-config\nruncmd: [echo ${i}]\n`);
        for (const round of [1, 2]) {
            for (const text of round === 1 ? texts : [...texts].reverse()) {
                const ec2 = ec2UserDataBase64(text);
                assert.strictEqual(ec2, gzipText(text).toString("base64"));
                assert.strictEqual(ec2UserDataText(ec2), text);
                assert.strictEqual(dropletUserDataText(dropletUserData(text)), text);
            }
        }
    });

    it("refuses to decode droplet user data that is not webtier's MIME message", () => {
        assert.throws(() => dropletUserDataText("#cloud-config\n"), /no gzip part/);
    });
});
