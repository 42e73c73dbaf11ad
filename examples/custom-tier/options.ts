/**
 * What a team changes about webtier without forking it: a few children adjusted through the one
 * escape hatch (`transform`, keyed by cloud, component and child) and AWS's extra tags. Config,
 * stacks and the policy pack stay as they are. `index.ts` is this folder's program, the way the
 * repository's own `index.ts` would read with these options; tests/examples/custom-tier.test.ts
 * runs it on the shipped stacks.
 */
import type { WebtierProgramOptions } from "../../infra/program";

export const CUSTOM_TIER: WebtierProgramOptions = {
    transform: {
        aws: {
            // Query-level metrics for the database, kept the free 7 days.
            database: { instance: { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 7 } },
            servers: {
                // Burstable servers may burst past their credits (billed) rather than slow down under load.
                instance: (args) => {
                    args.creditSpecification = { cpuCredits: "unlimited" };
                },
            },
            alerts: {
                // CPU alarms fire when 2 of their 3 periods breach, not all 3: this app's load comes in bursts.
                alarm: (args, _opts, name) => {
                    if (name.endsWith("-cpu")) args.datapointsToAlarm = 2;
                },
            },
        },
        digitalocean: {
            // Weekly droplet backups on top of the bootstrap: a way back from a bad manual change.
            servers: { droplet: { backups: true } },
            // Two balancer nodes: more connections per second than one.
            loadBalancer: { loadBalancer: { sizeUnit: 2 } },
        },
    },
    platforms: {
        aws: { tags: { team: "web", "cost-center": "1234" } },
    },
};
