import * as assert from "assert";
import { needsOndrejPpa, phpPackages, renderFpmPool, renderPhpIni, SERVER_TUNING } from "../../../infra/bootstrap/php";
import { SIZE_CLASSES } from "../../../infra/config/types";

function ini(text: string): Map<string, string> {
    return new Map(
        text
            .split("\n")
            .filter((line) => line.includes("=") && !line.startsWith(";"))
            .map((line) => {
                const [key, ...rest] = line.split("=");
                return [key.trim(), rest.join("=").trim()] as [string, string];
            }),
    );
}

describe("PHP on the servers", () => {
    it("takes 8.3 from Ubuntu 24.04 and every other version from Ondřej's PPA", () => {
        assert.strictEqual(needsOndrejPpa("8.3"), false);
        assert.strictEqual(needsOndrejPpa("8.2"), true);
        assert.strictEqual(needsOndrejPpa("8.4"), true);
    });

    it("installs every package for the configured version only", () => {
        for (const version of ["8.2", "8.3", "8.4"]) {
            assert.ok(phpPackages(version, "mysql").every((name) => name.startsWith(`php${version}-`)));
        }
    });

    it("runs the FPM pool as the deploy user on a socket only nginx can use", () => {
        const pool = ini(renderFpmPool("8.3", SERVER_TUNING.small));
        assert.strictEqual(pool.get("user"), "deploy");
        assert.strictEqual(pool.get("listen"), "/run/php/php8.3-fpm-webtier.sock");
        assert.strictEqual(pool.get("listen.owner"), "www-data");
        assert.strictEqual(pool.get("listen.mode"), "0660");
    });

    it("sizes FPM and the workers with the server, keeping spare servers within the maximum", () => {
        let previous = { queueWorkers: 0, fpmMaxChildren: 0 };
        for (const size of SIZE_CLASSES) {
            const tuning = SERVER_TUNING[size];
            assert.ok(
                tuning.queueWorkers >= previous.queueWorkers && tuning.fpmMaxChildren > previous.fpmMaxChildren,
                size,
            );
            const pool = ini(renderFpmPool("8.3", tuning));
            const max = Number(pool.get("pm.max_children"));
            const [start, minSpare, maxSpare] = [
                "pm.start_servers",
                "pm.min_spare_servers",
                "pm.max_spare_servers",
            ].map((key) => Number(pool.get(key)));
            assert.ok(
                minSpare <= start && start <= maxSpare && maxSpare <= max,
                `${size}: FPM refuses to start otherwise`,
            );
            previous = tuning;
        }
    });

    it("never re-checks files in opcache (each release is a new path) and hides the PHP version", () => {
        const settings = ini(renderPhpIni());
        assert.strictEqual(settings.get("opcache.validate_timestamps"), "0");
        assert.strictEqual(settings.get("expose_php"), "Off");
    });
});
