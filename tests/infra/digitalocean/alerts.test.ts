import * as assert from "assert";
import { devTier, ofType, only, prodTier, T } from "./fixture";
import { RegisteredResource } from "../../../tools/harness/evaluate";
import { revealSecrets } from "../../support/secrets";

const MONITOR = "digitalocean:index/monitorAlert:MonitorAlert";
const CHECK = "digitalocean:index/uptimeCheck:UptimeCheck";
const UPTIME = "digitalocean:index/uptimeAlert:UptimeAlert";

function dependsOn(resource: RegisteredResource, key: string, target: RegisteredResource): boolean {
    return (resource.propertyDependencies[key] ?? []).includes(target.urn);
}

describe("DigitalOcean alerts (registered resources)", () => {
    it("watches every app droplet through the app tag: CPU, memory, disk and load", async () => {
        const { evaluation } = await prodTier();
        const appTag = only(evaluation, T.tag, "do-prod-app");
        const droplets = ofType(evaluation, MONITOR).filter((a) => a.inputs.type.startsWith("v1/insights/droplet/"));
        assert.deepStrictEqual(droplets.map((a) => a.inputs.type.split("/").pop()).sort(), [
            "cpu",
            "disk_utilization_percent",
            "load_5",
            "memory_utilization_percent",
        ]);
        for (const alert of droplets) {
            assert.deepStrictEqual(alert.inputs.tags, [appTag.state.name]);
            assert.ok(dependsOn(alert, "tags", appTag), alert.name);
        }
        for (const droplet of ofType(evaluation, T.droplet)) assert.ok(droplet.inputs.tags.includes(appTag.state.name));
        // medium droplets have 2 vCPUs: 2 runnable tasks per vCPU.
        assert.strictEqual(droplets.find((a) => a.inputs.type.endsWith("load_5"))!.inputs.value, 4);
    });

    it("watches the database and the cache clusters by id, and the balancer's 5xx rate", async () => {
        const { evaluation } = await prodTier();
        const db = only(evaluation, T.cluster, "do-prod-db");
        const cache = only(evaluation, T.cluster, "do-prod-cache");
        const lb = only(evaluation, T.loadBalancer);
        const on = (target: RegisteredResource) =>
            ofType(evaluation, MONITOR)
                .filter((a) => a.inputs.entities?.includes(target.id) && dependsOn(a, "entities", target))
                .map((a) => a.inputs.type)
                .sort();
        assert.deepStrictEqual(on(db), ["v1/dbaas/alerts/cpu_alerts", "v1/dbaas/alerts/disk_utilization_alerts"]);
        assert.deepStrictEqual(on(cache), ["v1/dbaas/alerts/cpu_alerts", "v1/dbaas/alerts/memory_utilization_alerts"]);
        assert.deepStrictEqual(on(lb), ["v1/insights/lbaas/increase_in_http_error_rate_percentage_5xx"]);
    });

    it("checks the app's health URL and alerts when it is down, slow, or its certificate is about to expire", async () => {
        const { evaluation } = await prodTier();
        const check = only(evaluation, CHECK);
        assert.strictEqual(check.inputs.target, "https://app.example.com/up");
        assert.strictEqual(check.inputs.type, "https");
        const alerts = ofType(evaluation, UPTIME);
        assert.deepStrictEqual(alerts.map((a) => a.inputs.type).sort(), ["down", "latency", "ssl_expiry"]);
        for (const alert of alerts) assert.strictEqual(alert.inputs.checkId, check.id);
        const latency = alerts.find((a) => a.inputs.type === "latency")!;
        assert.strictEqual(latency.inputs.threshold, 2000);
        // The API's spelling (snake case); the SDK's docs print "greaterThan".
        assert.strictEqual(latency.inputs.comparison, "greater_than");
        assert.deepStrictEqual(check.inputs.regions, ["eu_west", "us_east"]);
    });

    it("sends every alert to the configured email and Slack channel, the webhook kept secret", async () => {
        const { evaluation } = await prodTier();
        for (const alert of ofType(evaluation, MONITOR)) {
            assert.notDeepStrictEqual(
                revealSecrets(alert.inputs.alerts),
                alert.inputs.alerts,
                "the Slack webhook is a secret in the state",
            );
            const destinations = revealSecrets(alert.inputs.alerts);
            assert.deepStrictEqual(destinations.emails, ["ops@example.com"], alert.name);
            assert.deepStrictEqual(
                destinations.slacks.map((s: any) => s.channel),
                ["#ops"],
            );
            assert.strictEqual(alert.inputs.enabled, true);
        }
        for (const alert of ofType(evaluation, UPTIME))
            assert.deepStrictEqual(revealSecrets(alert.inputs.notifications)[0].emails, ["ops@example.com"]);
    });

    it("creates no alert where alerts are off (dev), and lists every alert in prod's outputs", async () => {
        const dev = (await devTier()).evaluation;
        assert.deepStrictEqual([...ofType(dev, MONITOR), ...ofType(dev, CHECK), ...ofType(dev, UPTIME)], []);
        const prod = (await prodTier()).evaluation;
        const { alerts } = prod.outputs;
        assert.strictEqual(alerts.enabled, true);
        assert.strictEqual(alerts.topic, undefined);
        assert.deepStrictEqual(
            alerts.items.map((i: any) => i.id).sort(),
            [...ofType(prod, MONITOR), ...ofType(prod, UPTIME)].map((a) => a.id).sort(),
        );
    });
});
