// The uptime monitor program; index.ts hands its outputs to the engine.
import * as pulumi from "@pulumi/pulumi";
import { readWebtierOutputs } from "../../infra/outputs/reader";
import { WebtierOutputs } from "../../infra/outputs/contract";
import { UptimeMonitor } from "./monitor";

export async function main() {
    const config = new pulumi.Config();
    const reference = new pulumi.StackReference(config.require("webtierStack"));
    // The cloud decides which resources to declare, so it is read before declaring them.
    const cloud = (await reference.getOutputDetails("cloud")).value as WebtierOutputs["cloud"];
    const monitor = new UptimeMonitor("uptime", {
        web: readWebtierOutputs(reference),
        cloud,
        alertEmail: config.require("alertEmail"),
    });
    return { checkedUrl: monitor.checkedUrl };
}
