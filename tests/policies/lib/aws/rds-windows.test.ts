import * as assert from "assert";
import {
    parseBackupWindow,
    parseMaintenanceWindow,
    windowMinutes,
    windowsOverlap,
} from "../../../../policies/lib/aws/rds-windows";

const overlap = (backup: string, maintenance: string) =>
    windowsOverlap(parseBackupWindow(backup)!, parseMaintenanceWindow(maintenance)!);

describe("RDS backup and maintenance windows", () => {
    it("measures windows, across midnight and across the week's end", () => {
        assert.strictEqual(windowMinutes(parseBackupWindow("03:00-03:10")!), 10);
        assert.strictEqual(windowMinutes(parseBackupWindow("23:50-00:20")!), 30);
        assert.strictEqual(windowMinutes(parseMaintenanceWindow("Sun:23:45-Mon:00:15")!), 30);
        assert.strictEqual(windowMinutes(parseMaintenanceWindow("mon:03:00-mon:03:20")!), 20);
    });

    it("leaves what is not a window to the provider's validator", () => {
        assert.strictEqual(parseBackupWindow("3:00-4:00"), undefined);
        assert.strictEqual(parseBackupWindow("03:00-03:00"), undefined);
        assert.strictEqual(parseMaintenanceWindow("Mon:03:00"), undefined);
        assert.strictEqual(parseMaintenanceWindow("Xyz:03:00-Xyz:04:00"), undefined);
    });

    it("finds a daily backup window meeting the weekly maintenance window on its day", () => {
        assert.strictEqual(overlap("03:00-04:00", "Mon:03:30-Mon:04:30"), true);
        assert.strictEqual(overlap("03:00-04:00", "sat:02:00-sat:03:01"), true);
        // Across midnight, either of them.
        assert.strictEqual(overlap("23:30-00:30", "Wed:00:00-Wed:00:30"), true);
        assert.strictEqual(overlap("00:00-00:30", "Sun:23:45-Mon:00:15"), true);
        // A maintenance window over a whole day meets every backup window.
        assert.strictEqual(overlap("12:00-12:30", "Tue:00:00-Wed:00:00"), true);
    });

    it("accepts windows that only touch or stay apart", () => {
        assert.strictEqual(overlap("03:00-03:30", "Mon:03:30-Mon:04:00"), false);
        assert.strictEqual(overlap("03:00-03:30", "Mon:02:30-Mon:03:00"), false);
        assert.strictEqual(overlap("23:30-00:30", "Wed:01:00-Wed:01:30"), false);
        assert.strictEqual(overlap("05:00-05:30", "Sun:23:45-Mon:00:15"), false);
    });
});
