import { preflightSettings } from "../../../policies/preflight";
import { UNKNOWN_BOOLEAN, assertNone, assertViolation } from "../helpers";
import { check } from "./support";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

describe("preflight: settings refused together", () => {
    it("refuses Multi-AZ without automatic failover, as the provider's plan does", async () => {
        assertViolation(
            await check(preflightSettings, GROUP, { multiAzEnabled: true, numCacheClusters: 2 }),
            "multiAzEnabled is true without automaticFailoverEnabled",
        );
        assertViolation(
            await check(preflightSettings, GROUP, {
                multiAzEnabled: true,
                automaticFailoverEnabled: false,
                numCacheClusters: 2,
            }),
            "Set automaticFailoverEnabled: true",
        );
        assertNone(
            await check(preflightSettings, GROUP, {
                multiAzEnabled: true,
                automaticFailoverEnabled: true,
                numCacheClusters: 2,
            }),
        );
        assertNone(
            await check(preflightSettings, GROUP, {
                multiAzEnabled: true,
                automaticFailoverEnabled: UNKNOWN_BOOLEAN,
                numCacheClusters: 2,
            }),
        );
    });

    it("refuses automatic failover with a single node, written or left to the default", async () => {
        assertViolation(
            await check(preflightSettings, GROUP, { automaticFailoverEnabled: true, numCacheClusters: 1 }),
            "numCacheClusters 1",
            "at least 2",
        );
        assertViolation(
            await check(preflightSettings, GROUP, { automaticFailoverEnabled: true }),
            "numCacheClusters 1",
        );
        assertNone(await check(preflightSettings, GROUP, { automaticFailoverEnabled: true, numCacheClusters: 3 }));
        assertNone(await check(preflightSettings, GROUP, { numCacheClusters: 1 }));
        // Shards and replicas per shard are another sizing, not judged here.
        assertNone(
            await check(preflightSettings, GROUP, {
                automaticFailoverEnabled: true,
                numNodeGroups: 2,
                replicasPerNodeGroup: 1,
            }),
        );
        assertNone(await check(preflightSettings, GROUP, { automaticFailoverEnabled: true, replicasPerNodeGroup: 1 }));
    });
});
