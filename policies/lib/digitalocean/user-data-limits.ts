/** The user data size DigitalOcean accepts on a droplet (see policies/preflight/user-data.ts, which checks it). */
import type { UserDataLimit } from "../../preflight/user-data";

export const DIGITALOCEAN_USER_DATA_LIMITS: readonly UserDataLimit[] = [
    {
        types: ["digitalocean:index/droplet:Droplet"],
        properties: [{ name: "userData", base64: false }],
        maxBytes: 64 * 1024,
        limitText: "64 KiB",
        source: 'DigitalOcean OpenAPI droplet_create user_data: "It must be plain text and may not exceed 64 KiB in size"',
    },
    {
        // The droplets an autoscale pool starts are created from its template's user data.
        types: ["digitalocean:index/dropletAutoscale:DropletAutoscale"],
        properties: [{ name: "dropletTemplate.userData", base64: false }],
        maxBytes: 64 * 1024,
        limitText: "64 KiB",
        source: 'DigitalOcean OpenAPI droplet_create user_data (the pool\'s droplet_template.user_data creates each droplet): "It must be plain text and may not exceed 64 KiB in size"',
    },
];
