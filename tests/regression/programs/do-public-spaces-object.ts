// DigitalOcean: a private Spaces bucket, but the logo uploaded with it is public-read, and the
// invoices uploaded the same way would be too (Spaces has no public access block).
import * as digitalocean from "@pulumi/digitalocean";

export = function program() {
    const bucket = new digitalocean.SpacesBucket("brand", {
        region: "ams3",
        acl: "private",
        versioning: { enabled: true },
    });
    new digitalocean.SpacesBucketObject("brand-logo", {
        region: "ams3",
        bucket: bucket.name,
        key: "logo.png",
        content: "png",
        acl: "public-read",
    });
    new digitalocean.SpacesBucketObject("brand-terms", {
        region: "ams3",
        bucket: bucket.name,
        key: "terms.pdf",
        content: "pdf",
    });
}
