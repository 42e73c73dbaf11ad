// The dated version tables, and what the program registers from them on both clouds.
import * as assert from "assert";
import { evaluate, RegisteredResource } from "../../../tools/harness/evaluate";
import { runWebtier } from "../../../infra/program";
import {
    defaultEngineVersion,
    engineVersionProblem,
    offeredVersions,
    today,
} from "../../../policies/preflight/engine-versions";
import { AWS_ENGINE_VERSIONS, rdsParameterApplyMethod } from "../../../policies/lib/aws/engine-versions";
import { DIGITALOCEAN_ENGINE_VERSIONS } from "../../../policies/lib/digitalocean/engine-versions";

const ENGINE_VERSIONS = { aws: AWS_ENGINE_VERSIONS, digitalocean: DIGITALOCEAN_ENGINE_VERSIONS };
import { DATABASE_ENGINES } from "../../../infra/config/types";
import { preflightDatabaseVersions } from "../../../policies/preflight";
import { assertNone } from "../../policies/helpers";
import { check } from "../../policies/preflight/support";

const APP_KEY = `base64:${"A".repeat(43)}=`;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

async function registered(
    cloud: "aws" | "digitalocean",
    database: Record<string, unknown>,
): Promise<RegisteredResource[]> {
    const config: Record<string, string> = {
        "webtier:cloud": cloud,
        "webtier:region": cloud === "aws" ? "eu-west-1" : "ams3",
        "webtier:environment": "dev",
        "webtier:appKey": APP_KEY,
        "webtier:database": JSON.stringify(database),
    };
    const evaluation = await evaluate({
        stack: `${cloud === "aws" ? "aws" : "do"}-versions`,
        config,
        secretKeys: ["webtier:appKey"],
        program: () => runWebtier(),
    });
    return evaluation.resources;
}

describe("database version tables", () => {
    it("say where they come from and when they were checked, with well-formed dates", () => {
        for (const table of Object.values(ENGINE_VERSIONS)) {
            assert.match(table.asOf, ISO_DAY);
            assert.ok(table.source.length > 20, `${table.cloud} names its source`);
            for (const v of table.versions) {
                for (const day of [v.endOfAvailability, v.endOfStandardSupport])
                    if (day !== undefined) assert.match(day, ISO_DAY);
            }
        }
    });

    it("give each engine on each cloud one default, offered for a new database today", () => {
        for (const table of Object.values(ENGINE_VERSIONS)) {
            for (const engine of DATABASE_ENGINES) {
                assert.strictEqual(
                    table.versions.filter((v) => v.engine === engine && v.default).length,
                    1,
                    `${table.cloud} ${engine}`,
                );
                const chosen = defaultEngineVersion(table.cloud, engine);
                assert.ok(
                    offeredVersions(table.cloud, engine, today()).includes(chosen),
                    `${table.cloud} ${engine} ${chosen.version} is offered today`,
                );
                assert.strictEqual(engineVersionProblem(table.cloud, engine, chosen.version), undefined);
            }
        }
    });

    it("apply rds.force_ssl at the next reboot where it is static (PostgreSQL 14), immediately elsewhere", () => {
        assert.strictEqual(rdsParameterApplyMethod("postgres", "14", "rds.force_ssl"), "pending-reboot");
        assert.strictEqual(rdsParameterApplyMethod("postgres", "16", "rds.force_ssl"), "immediate");
        assert.strictEqual(rdsParameterApplyMethod("mysql", "8.4", "require_secure_transport"), "immediate");
    });
});

describe("today()", () => {
    const realNow = Date.now;
    afterEach(() => {
        Date.now = realNow;
    });

    it("follows the clock's UTC day, across midnight and when the clock is set back", () => {
        const at = (iso: string) => {
            Date.now = () => Date.parse(iso);
            return today();
        };
        assert.strictEqual(at("2026-12-03T23:59:59.999Z"), "2026-12-03");
        assert.strictEqual(at("2026-12-04T00:00:00.000Z"), "2026-12-04");
        assert.strictEqual(at("2026-12-04T13:00:00.000Z"), "2026-12-04");
        assert.strictEqual(at("2026-12-03T23:59:59.999Z"), "2026-12-03");
        assert.strictEqual(at("1969-12-31T12:00:00.000Z"), "1969-12-31");
        assert.strictEqual(at("2028-02-29T05:00:00.000Z"), "2028-02-29");
    });

    it("reads a given date as it is", () => {
        assert.strictEqual(today(new Date("2030-01-02T03:04:05Z")), "2030-01-02");
    });
});

describe("what the program registers from the tables", function () {
    this.timeout(120000);

    it("AWS PostgreSQL 14: rds.force_ssl with apply method pending-reboot, which the preflight accepts", async () => {
        const resources = await registered("aws", { engine: "postgres", version: "14" });
        const group = resources.find((r) => r.type === "aws:rds/parameterGroup:ParameterGroup")!;
        assert.strictEqual(group.inputs.family, "postgres14");
        assert.deepStrictEqual(
            group.inputs.parameters.map((p: any) => [p.name, p.applyMethod]),
            [["rds.force_ssl", "pending-reboot"]],
        );
        assertNone(await check(preflightDatabaseVersions, group.type, group.inputs, group.name));
    });

    it("AWS: the default is MySQL 8.4 with Extended Support disabled; opting in keeps 8.0 in paid Extended Support", async () => {
        const byDefault = (await registered("aws", {})).find((r) => r.type === "aws:rds/instance:Instance")!;
        assert.deepStrictEqual(
            [byDefault.inputs.engineVersion, byDefault.inputs.engineLifecycleSupport],
            ["8.4", "open-source-rds-extended-support-disabled"],
        );
        const optedIn = (await registered("aws", { version: "8.0", extendedSupport: true })).find(
            (r) => r.type === "aws:rds/instance:Instance",
        )!;
        assert.deepStrictEqual(
            [optedIn.inputs.engineVersion, optedIn.inputs.engineLifecycleSupport],
            ["8.0", "open-source-rds-extended-support"],
        );
        for (const db of [byDefault, optedIn])
            assertNone(await check(preflightDatabaseVersions, db.type, db.inputs, db.name));
    });

    it('DigitalOcean: MySQL goes to the API as "8", PostgreSQL as the table\'s version', async () => {
        const mysql = (await registered("digitalocean", { engine: "mysql" })).find(
            (r) => r.type === "digitalocean:index/databaseCluster:DatabaseCluster" && r.name.endsWith("-db"),
        )!;
        assert.deepStrictEqual([mysql.inputs.engine, mysql.inputs.version], ["mysql", "8"]);
        const pg = (await registered("digitalocean", { engine: "postgres", version: "15" })).find(
            (r) => r.type === "digitalocean:index/databaseCluster:DatabaseCluster" && r.name.endsWith("-db"),
        )!;
        assert.deepStrictEqual([pg.inputs.engine, pg.inputs.version], ["pg", "15"]);
        for (const db of [mysql, pg]) assertNone(await check(preflightDatabaseVersions, db.type, db.inputs, db.name));
    });
});
