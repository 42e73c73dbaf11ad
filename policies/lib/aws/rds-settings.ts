/**
 * RDS instance settings refused together at create (webtier-preflight-settings), as the API and
 * the RDS User Guide ("Amazon RDS DB instance storage") state them:
 * - a Multi-AZ instance with an `availabilityZone`: "Requesting a specific availability zone is
 *   not valid for Multi-AZ instances" (InvalidParameterCombination);
 * - provisioned IOPS storage (io1, io2) without `iops`, and `iops` outside 0.5 to 50 times the
 *   allocated storage (1 to 50 for SQL Server): CreateDBInstance Iops constraints;
 * - gp3 storage with `iops` or `storageThroughput` below the size where gp3 performance can be
 *   set (400 GiB for MySQL, MariaDB and PostgreSQL, 200 GiB for Oracle): "You can't specify IOPS
 *   or storage throughput for engine ... and a storage size less than ..."; below it the volume
 *   has its fixed baseline.
 * Values unknown during preview are not judged; an instance restored from a snapshot or a
 * replica takes its storage settings from there and is judged as written.
 */
import { Res, describe, isUnknown, textOf } from "../values";

const INSTANCE = "aws:rds/instance:Instance";

/** The storage size below which gp3 IOPS and throughput cannot be set, by engine family. */
function gp3Threshold(engine: string): number | undefined {
    if (/^(mysql|mariadb|postgres)/.test(engine)) return 400;
    if (engine.startsWith("oracle")) return 200;
    return undefined;
}

const known = (value: unknown): value is number => typeof value === "number" && !isUnknown(value);

export function rdsSettingsProblems(res: Res): string[] {
    if (res.type !== INSTANCE) return [];
    const { multiAz, availabilityZone, storageType, iops, storageThroughput, allocatedStorage, engine } = res.props;
    const problems: string[] = [];
    if (multiAz === true && typeof availabilityZone === "string" && !isUnknown(availabilityZone) && availabilityZone)
        problems.push(
            `${describe(res)}: multiAz is true with availabilityZone ${availabilityZone}; RDS refuses it ("Requesting a specific availability zone is not valid for Multi-AZ instances"). Leave availabilityZone out: RDS places the primary and the standby in two zones of the subnet group.`,
        );
    const type = typeof storageType === "string" && !isUnknown(storageType) ? storageType.toLowerCase() : undefined;
    const engineText = typeof engine === "string" && !isUnknown(engine) ? engine.toLowerCase() : "";
    if ((type === "io1" || type === "io2") && (iops === undefined || iops === null))
        problems.push(
            `${describe(res)}: storageType ${type} without iops; RDS refuses provisioned IOPS storage without an IOPS rate. Set iops (0.5 to 50 per GiB of allocatedStorage).`,
        );
    if ((type === "io1" || type === "io2") && known(iops) && known(allocatedStorage) && allocatedStorage > 0) {
        const low = engineText.startsWith("sqlserver") ? 1 : 0.5;
        const ratio = iops / allocatedStorage;
        if (ratio < low || ratio > 50)
            problems.push(
                `${describe(res)}: iops ${iops} is ${ratio.toFixed(2)} times allocatedStorage ${allocatedStorage}; RDS takes ${low} to 50 IOPS per GiB${low === 1 ? " for SQL Server" : ""}. Set iops between ${Math.ceil(low * allocatedStorage)} and ${50 * allocatedStorage}, or change allocatedStorage.`,
            );
    }
    const threshold = gp3Threshold(engineText);
    const setsPerformance = [iops, storageThroughput].some((v) => v !== undefined && v !== null && !isUnknown(v));
    if (type === "gp3" && threshold && setsPerformance && known(allocatedStorage) && allocatedStorage < threshold)
        problems.push(
            `${describe(res)}: gp3 storage of ${allocatedStorage} GiB with ${[iops !== undefined && iops !== null ? "iops" : "", storageThroughput !== undefined && storageThroughput !== null ? "storageThroughput" : ""].filter(Boolean).join(" and ")}; RDS sets gp3 performance only from ${threshold} GiB for ${textOf(engine)} (below it the volume has its fixed baseline, 3,000 IOPS and 125 MiBps) and refuses the create. Leave iops and storageThroughput out, or allocate at least ${threshold} GiB.`,
        );
    return problems;
}
