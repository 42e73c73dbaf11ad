/**
 * User data over the size a cloud accepts: the instance or droplet would be refused at
 * creation, after everything it depends on exists.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { registered } from "../lib/registered";
import { describe, fromResourceArgs, isUnknown, valueAtPath } from "../lib/values";

export interface UserDataLimit {
    types: readonly string[];
    /**
     * Properties holding user data, and whether each is base64 (measured decoded). A dotted name
     * reads a block's field (`dropletTemplate.userData`).
     */
    properties: readonly { name: string; base64: boolean }[];
    /** The limit in bytes. */
    maxBytes: number;
    /** The limit as the source writes it. */
    limitText: string;
    source: string;
    /** A way out particular to the cloud, appended to the advice (", or gzip it and ..."). */
    hint?: string;
}

/** Bytes of user data as the cloud counts them (UTF-8 text, or the decoded bytes of base64). */
export function userDataBytes(value: string, base64: boolean): number {
    return base64 ? Buffer.from(value, "base64").length : Buffer.byteLength(value, "utf8");
}

export const preflightUserData: ResourceValidationPolicy = {
    name: "webtier-preflight-user-data",
    description:
        "Instance, droplet and autoscale pool user data within the cloud's size limit (16 KB raw on EC2, 64 KiB on droplets).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        // Each cloud's pack says the limits of its types.
        const limit = registered().USER_DATA_LIMITS.find((l) => l.types.includes(args.type));
        if (!limit) return;
        const res = fromResourceArgs(args);
        for (const property of limit.properties) {
            const value = valueAtPath(res.props, property.name);
            if (typeof value !== "string" || isUnknown(value)) continue;
            const bytes = userDataBytes(value, property.base64);
            if (bytes > limit.maxBytes) {
                reportViolation(
                    `${describe(res)}: ${property.name} is ${bytes} bytes${property.base64 ? " decoded" : ""}, over the ${limit.limitText} (${limit.maxBytes} bytes) the cloud accepts. ` +
                        `Move large content out of user data: fetch it at boot from object storage or a parameter store${limit.hint ?? ""}. Source: ${limit.source}.`,
                );
            }
        }
    },
};
