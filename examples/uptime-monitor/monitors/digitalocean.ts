/**
 * Watches the app from DigitalOcean: an uptime check on webtier's health URL from two continents,
 * with an alert by email when it is down.
 */
import * as digitalocean from "@pulumi/digitalocean";
import type { Monitor } from "../monitor";

export const monitor: Monitor = {
    watch(name, target, alertEmail, parent) {
        const check = new digitalocean.UptimeCheck(
            `${name}-check`,
            {
                name: `${name}-health`,
                target: target.url,
                type: target.https.apply((https) => (https ? "https" : "http")),
                regions: ["us_east", "eu_west"],
                enabled: true,
            },
            { parent },
        );
        new digitalocean.UptimeAlert(
            `${name}-down`,
            {
                name: `${name}-down`,
                checkId: check.id,
                type: "down",
                period: "2m",
                notifications: [{ emails: [alertEmail] }],
            },
            { parent },
        );
    },
};
