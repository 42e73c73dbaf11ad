import * as assert from "assert";
import { queueWorkCommand, schedulerUnits, SystemdUnit, workerUnits } from "../../../infra/bootstrap/systemd";

/** systemd unit text to section -> key -> values (keys may repeat). */
function parseUnit(unit: SystemdUnit): Map<string, Map<string, string[]>> {
    const sections = new Map<string, Map<string, string[]>>();
    let current: Map<string, string[]> | undefined;
    for (const line of unit.content.split("\n")) {
        if (!line.trim() || line.startsWith("#")) continue;
        const section = /^\[(.+)\]$/.exec(line);
        if (section) {
            current = new Map();
            sections.set(section[1], current);
            continue;
        }
        const entry = /^([A-Za-z]+)=(.*)$/.exec(line);
        assert.ok(entry && current, `${unit.name}: not a key=value line in a section: ${line}`);
        current.set(entry[1], [...(current.get(entry[1]) ?? []), entry[2]]);
    }
    return sections;
}

function value(unit: SystemdUnit, section: string, key: string): string | undefined {
    return parseUnit(unit).get(section)?.get(key)?.at(-1);
}

function byName(units: SystemdUnit[], name: string): SystemdUnit {
    const unit = units.find((u) => u.name === name);
    assert.ok(unit, `${name} in ${units.map((u) => u.name).join(", ")}`);
    return unit;
}

describe("queue workers (systemd)", () => {
    const units = workerUnits({ phpVersion: "8.3", queueDriver: "redis", count: 3 });
    const worker = byName(units, "webtier-worker@.service");
    const target = byName(units, "webtier-workers.target");

    it("starts the configured number of workers through one target that boots with the server", () => {
        assert.deepStrictEqual(value(target, "Unit", "Wants")?.split(" "), [
            "webtier-worker@1.service",
            "webtier-worker@2.service",
            "webtier-worker@3.service",
        ]);
        assert.strictEqual(value(target, "Install", "WantedBy"), "multi-user.target");
        assert.strictEqual(value(worker, "Install", "WantedBy"), "webtier-workers.target");
    });

    it("works the configured connection with bounded tries, lifetime and sleep", () => {
        const command = value(worker, "Service", "ExecStart")!;
        assert.match(command, /^\/usr\/bin\/php8\.3 \/var\/www\/app\/current\/artisan queue:work redis /);
        assert.match(command, / --tries=3 /);
        assert.match(command, / --max-time=3600 /);
        assert.match(command, / --sleep=3 /);
        assert.match(queueWorkCommand({ phpVersion: "8.4", queueDriver: "sqs", count: 1 }), /queue:work sqs /);
    });

    it("runs as the deploy user from the live release, restarting whenever a worker exits (queue:restart, --max-time)", () => {
        assert.strictEqual(value(worker, "Service", "User"), "deploy");
        assert.strictEqual(value(worker, "Service", "WorkingDirectory"), "/var/www/app/current");
        assert.strictEqual(value(worker, "Service", "Restart"), "always");
        assert.strictEqual(
            value(worker, "Unit", "ConditionPathExists"),
            "/var/www/app/current/artisan",
            "waits for the first release",
        );
    });

    it("gives a stopping worker longer than a job may run, so deploys and shutdowns do not kill jobs", () => {
        const timeout = Number(/--timeout=(\d+)/.exec(value(worker, "Service", "ExecStart")!)![1]);
        assert.ok(Number(value(worker, "Service", "TimeoutStopSec")) > timeout);
    });

    it("refuses a worker count below one", () => {
        assert.throws(() => workerUnits({ phpVersion: "8.3", queueDriver: "redis", count: 0 }), /at least 1/);
    });
});

describe("scheduler (systemd timer)", () => {
    const units = schedulerUnits("8.3");
    const timer = byName(units, "webtier-schedule.timer");
    const service = byName(units, "webtier-schedule.service");

    it("runs schedule:run every minute on the minute, on every server", () => {
        assert.strictEqual(value(timer, "Timer", "OnCalendar"), "*-*-* *:*:00");
        assert.strictEqual(value(timer, "Timer", "AccuracySec"), "1s");
        assert.strictEqual(value(timer, "Timer", "Unit"), "webtier-schedule.service");
        assert.strictEqual(value(timer, "Install", "WantedBy"), "timers.target");
        assert.strictEqual(
            value(service, "Service", "ExecStart"),
            "/usr/bin/php8.3 /var/www/app/current/artisan schedule:run --no-interaction",
        );
    });

    it("runs as the deploy user, once per tick, only when a release is live", () => {
        assert.strictEqual(value(service, "Service", "User"), "deploy");
        assert.strictEqual(value(service, "Service", "Type"), "oneshot");
        assert.strictEqual(value(service, "Unit", "ConditionPathExists"), "/var/www/app/current/artisan");
    });
});
