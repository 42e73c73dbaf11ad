/**
 * User data over the size a cloud accepts: the instance or droplet would be refused at
 * creation, after everything it depends on exists.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, fromResourceArgs, isUnknown } from "../lib/values";

export interface UserDataLimit {
    types: readonly string[];
    /** Properties holding user data, and whether each is base64 (measured decoded). */
    properties: readonly { name: string; base64: boolean }[];
    /** The limit in bytes. */
    maxBytes: number;
    /** The limit as the source writes it. */
    limitText: string;
    source: string;
}

export const USER_DATA_LIMITS: readonly UserDataLimit[] = [
    {
        types: ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
        // userDataBase64 carries binary (gzip) user data; the limit applies to the raw bytes.
        properties: [
            { name: "userData", base64: false },
            { name: "userDataBase64", base64: true },
        ],
        maxBytes: 16 * 1024,
        limitText: "16 KB",
        source: 'EC2 User Guide, "Specify instance user data at launch": user data is limited to 16 KB, in raw form, before it is base64-encoded',
    },
    {
        types: ["aws:ec2/launchTemplate:LaunchTemplate"],
        // A launch template's userData is base64 already (the API takes it encoded).
        properties: [{ name: "userData", base64: true }],
        maxBytes: 16 * 1024,
        limitText: "16 KB",
        source: "EC2 API RequestLaunchTemplateData.UserData: the same 16 KB limit on the raw, decoded data",
    },
    {
        types: ["digitalocean:index/droplet:Droplet"],
        properties: [{ name: "userData", base64: false }],
        maxBytes: 64 * 1024,
        limitText: "64 KiB",
        source: 'DigitalOcean OpenAPI droplet_create user_data: "It must be plain text and may not exceed 64 KiB in size"',
    },
];

/** Bytes of user data as the cloud counts them (UTF-8 text, or the decoded bytes of base64). */
export function userDataBytes(value: string, base64: boolean): number {
    return base64 ? Buffer.from(value, "base64").length : Buffer.byteLength(value, "utf8");
}

export const preflightUserData: ResourceValidationPolicy = {
    name: "webtier-preflight-user-data",
    description: "Instance and droplet user data within the cloud's size limit (16 KB raw on EC2, 64 KiB on droplets).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const limit = USER_DATA_LIMITS.find((l) => l.types.includes(args.type));
        if (!limit) return;
        const res = fromResourceArgs(args);
        for (const property of limit.properties) {
            const value = res.props[property.name];
            if (typeof value !== "string" || isUnknown(value)) continue;
            const bytes = userDataBytes(value, property.base64);
            if (bytes > limit.maxBytes) {
                reportViolation(
                    `${describe(res)}: ${property.name} is ${bytes} bytes${property.base64 ? " decoded" : ""}, over the ${limit.limitText} (${limit.maxBytes} bytes) the cloud accepts. ` +
                        `Move large content out of user data: fetch it at boot from object storage or a parameter store${limit.types[0].startsWith("aws") ? ", or gzip it and pass it as userDataBase64" : ""}. Source: ${limit.source}.`,
                );
            }
        }
    },
};
