/**
 * How the rendered cloud-config reaches each cloud, compressed. cloud-init reads gzip user
 * data on every datasource (it decompresses before it looks at the content type), so the
 * servers see the same `#cloud-config` text as before, at about a third of the size:
 * - EC2 takes binary user data through `userDataBase64` (its 16,384-byte limit applies to the
 *   decoded bytes), so the gzip goes there as is;
 * - DigitalOcean's API takes `user_data` as a JSON string, which cannot carry binary gzip.
 *   cloud-init also reads a MIME message whose part is `application/x-gzip` with
 *   `Content-Transfer-Encoding: base64` (cloudinit/user_data.py decodes and decompresses it),
 *   which is plain ASCII, so droplets get that.
 *
 * The gzip must be byte-for-byte the same wherever `pulumi up` runs: the servers are replaced
 * when their user data changes. Node's zlib is Chromium's fork, whose output differs between
 * CPUs, platforms and Node versions (nodejs/node#48690), so a Node upgrade or a colleague's
 * laptop would replace every server. fflate is pure JavaScript, pinned to an exact version:
 * the same input gives the same bytes everywhere. No timestamp is written (mtime 0).
 */
import { gunzipSync, gzipSync } from "fflate";

/** EC2's hard limit on user data, in bytes before base64 (RunInstances refuses more). */
export const EC2_USER_DATA_LIMIT = 16384;
/** DigitalOcean's limit on a droplet's `user_data` string. */
export const DROPLET_USER_DATA_LIMIT = 64 * 1024;

/** The MIME boundary of droplet user data; base64 never contains "-", so no line can collide. */
const MIME_BOUNDARY = "webtier-user-data";

/** gzip of the text, deterministic (pure-JS deflate at level 9, no timestamp, no file name). */
export function gzipText(text: string): Buffer {
    return Buffer.from(gzipSync(Buffer.from(text, "utf8"), { level: 9, mtime: 0 }));
}

/**
 * The gzip of each cloud-config text lately compressed, base64-encoded. Deflate at level 9 is
 * most of the cost of registering a server, and each server's text is its own (it carries the
 * server's hostname), so this pays when the same stack is evaluated again in one process (the
 * offline check's tests and bench do that hundreds of times), not within one run. Bounded,
 * oldest first out; the answer depends on the text alone.
 */
const recentGzip = new Map<string, string>();
const RECENT_GZIP = 16;

function gzipBase64(text: string): string {
    let encoded = recentGzip.get(text);
    if (encoded === undefined) {
        encoded = gzipText(text).toString("base64");
        if (recentGzip.size >= RECENT_GZIP) recentGzip.delete(recentGzip.keys().next().value!);
        recentGzip.set(text, encoded);
    }
    return encoded;
}

/** What `aws.ec2.Instance.userDataBase64` takes: the gzip, base64-encoded. */
export function ec2UserDataBase64(cloudConfig: string): string {
    return gzipBase64(cloudConfig);
}

/**
 * What `digitalocean.Droplet.userData` takes: a one-part MIME message carrying the gzip as
 * base64 (76-character lines, as MIME wants).
 */
export function dropletUserData(cloudConfig: string): string {
    const base64 = gzipBase64(cloudConfig);
    const lines = base64.match(/.{1,76}/g) ?? [];
    return [
        `Content-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"`,
        "MIME-Version: 1.0",
        "",
        `--${MIME_BOUNDARY}`,
        "Content-Type: application/x-gzip",
        "Content-Transfer-Encoding: base64",
        'Content-Disposition: attachment; filename="cloud-config.gz"',
        "",
        ...lines,
        `--${MIME_BOUNDARY}--`,
        "",
    ].join("\n");
}

/** The cloud-config text back from `ec2UserDataBase64` (for tests and tools; cloud-init does this on the server). */
export function ec2UserDataText(base64: string): string {
    return Buffer.from(gunzipSync(Buffer.from(base64, "base64"))).toString("utf8");
}

/** The cloud-config text back from `dropletUserData`. */
export function dropletUserDataText(mime: string): string {
    const start = mime.indexOf("\n\n", mime.indexOf(`--${MIME_BOUNDARY}\n`));
    const end = mime.indexOf(`\n--${MIME_BOUNDARY}--`);
    if (start < 0 || end < start) throw new Error("not webtier's droplet user data (no gzip part)");
    return Buffer.from(gunzipSync(Buffer.from(mime.slice(start + 2, end).replace(/\s+/g, ""), "base64"))).toString(
        "utf8",
    );
}
