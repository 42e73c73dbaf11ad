// The uptime monitor program; index.ts hands its outputs to the engine.
import * as pulumi from "@pulumi/pulumi";
import { readWebtierOutputs } from "../../infra/outputs/reader";
import { loadMonitor, UptimeMonitor } from "./monitor";

export async function main() {
    const config = new pulumi.Config();
    const reference = new pulumi.StackReference(config.require("webtierStack"));
    // The service to watch from decides which resources to declare, so it is known before declaring
    // them: `monitorWith` when set, otherwise the cloud the webtier stack runs on.
    const chosen = config.get("monitorWith");
    const cloud = chosen ? undefined : (await reference.getOutputDetails("cloud")).value;
    if (!chosen && typeof cloud !== "string")
        throw new Error(
            "uptime-monitor: the webtier stack exports no `cloud` output to pick a monitor by; set uptime-monitor:monitorWith.",
        );
    const monitor = chosen
        ? await loadMonitor(chosen, "uptime-monitor:monitorWith")
        : await loadMonitor(cloud as string, "the webtier stack's cloud");
    const uptime = new UptimeMonitor("uptime", {
        web: readWebtierOutputs(reference),
        monitor,
        alertEmail: config.require("alertEmail"),
    });
    return { checkedUrl: uptime.checkedUrl };
}
