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
 *   has its fixed baseline;
 * - provisioned IOPS below 1,000: the RDS User Guide's "Provisioned IOPS SSD storage" ranges
 *   start at 1,000 IOPS for every engine, io1 and io2 (read 2026-12-03);
 * - `maxAllocatedStorage` (storage autoscaling) below `allocatedStorage`: terraform-provider-aws
 *   aws_db_instance max_allocated_storage "Must be greater than or equal to allocated_storage or
 *   0 to disable" (RDS answers InvalidParameterCombination; read 2026-12-03);
 * - a backup window under 30 minutes or meeting the maintenance window, a maintenance window under
 *   30 minutes (rds-windows.ts), on instances and clusters alike;
 * - a Multi-AZ SQL Server Express instance: RDS User Guide "Multi-AZ deployments for Amazon RDS
 *   for Microsoft SQL Server" (Express edition has none; read 2026-12-03);
 * - the `db.serverless` class on an instance that is not Aurora: Aurora Serverless v2 is a class of
 *   Aurora cluster instances only (Aurora User Guide, "Using Aurora Serverless v2");
 * - an Aurora Serverless v2 cluster whose minCapacity is above its maxCapacity (API rds
 *   ServerlessV2ScalingConfiguration: the minimum and maximum ACUs of a range);
 * - an Aurora Serverless v1 cluster (`engineMode: "serverless"`): Aurora User Guide "Using Amazon
 *   Aurora Serverless v1" and "Aurora Serverless v1 and Aurora database engine versions" (read
 *   2026-12-03): AWS announced its end of life for March 31, 2025, and no new Serverless v1
 *   cluster can be created from January 8, 2025.
 * Values unknown during preview are not judged; an instance restored from a snapshot or a
 * replica takes its storage settings from there and is judged as written.
 */
import { Res, describe, isUnknown, textOf } from "../values";
import { parseBackupWindow, parseMaintenanceWindow, windowMinutes, windowsOverlap } from "./rds-windows";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

/** The least provisioned IOPS RDS takes on io1 and io2, whatever the engine. */
const LEAST_PROVISIONED_IOPS = 1000;

/** The storage size below which gp3 IOPS and throughput cannot be set, by engine family. */
function gp3Threshold(engine: string): number | undefined {
    if (/^(mysql|mariadb|postgres)/.test(engine)) return 400;
    if (engine.startsWith("oracle")) return 200;
    return undefined;
}

const known = (value: unknown): value is number => typeof value === "number" && !isUnknown(value);

const knownText = (value: unknown): value is string => typeof value === "string" && !isUnknown(value);

/** The backup and maintenance windows of an instance or a cluster, under their own property names. */
function windowProblems(res: Res, backupKey: string, maintenanceKey: string): string[] {
    const problems: string[] = [];
    const backupText = res.props[backupKey];
    const maintenanceText = res.props[maintenanceKey];
    // A window of another shape is the provider's validator's to refuse (validOnceADayWindowFormat).
    const backup = knownText(backupText) ? parseBackupWindow(backupText) : undefined;
    const maintenance = knownText(maintenanceText) ? parseMaintenanceWindow(maintenanceText) : undefined;
    const source =
        "Source: API rds CreateDBInstance / CreateDBCluster PreferredBackupWindow and PreferredMaintenanceWindow.";
    if (backup && windowMinutes(backup) < 30)
        problems.push(
            `${describe(res)}: ${backupKey} "${backupText}" is ${windowMinutes(backup)} minutes; RDS takes a backup window of at least 30 minutes. Widen it (such as "03:00-03:30"). ${source}`,
        );
    if (maintenance && windowMinutes(maintenance) < 30)
        problems.push(
            `${describe(res)}: ${maintenanceKey} "${maintenanceText}" is ${windowMinutes(maintenance)} minutes; RDS takes a maintenance window of at least 30 minutes. Widen it (such as "sun:04:00-sun:04:30"). ${source}`,
        );
    if (backup && maintenance && windowsOverlap(backup, maintenance))
        problems.push(
            `${describe(res)}: ${backupKey} "${backupText}" (daily, UTC) overlaps ${maintenanceKey} "${maintenanceText}"; RDS refuses a backup window that conflicts with the maintenance window. Move one of them (a daily backup window runs on the maintenance window's day too). ${source}`,
        );
    return problems;
}

function clusterProblems(res: Res): string[] {
    const problems = windowProblems(res, "preferredBackupWindow", "preferredMaintenanceWindow");
    const engineMode = res.props.engineMode;
    if (knownText(engineMode) && engineMode.toLowerCase() === "serverless")
        problems.push(
            `${describe(res)}: engineMode "serverless" is Aurora Serverless v1, which reached its end of life on 2025-03-31; AWS creates no Serverless v1 cluster since 2025-01-08 and refuses the create. Use Aurora Serverless v2: engineMode "provisioned" with serverlessv2ScalingConfiguration (minCapacity, maxCapacity) and aws.rds.ClusterInstance members of instanceClass "db.serverless". Source: Aurora User Guide "Using Amazon Aurora Serverless v1" (end-of-life notice).`,
        );
    const scaling = res.props.serverlessv2ScalingConfiguration as Record<string, unknown> | undefined;
    if (scaling && typeof scaling === "object" && !isUnknown(scaling)) {
        const { minCapacity, maxCapacity } = scaling;
        if (known(minCapacity) && known(maxCapacity) && minCapacity > maxCapacity)
            problems.push(
                `${describe(res)}: serverlessv2ScalingConfiguration.minCapacity ${minCapacity} is above maxCapacity ${maxCapacity}; RDS refuses a capacity range whose minimum exceeds its maximum. Set minCapacity at or below maxCapacity. Source: API rds ServerlessV2ScalingConfiguration.`,
            );
    }
    return problems;
}

export function rdsSettingsProblems(res: Res): string[] {
    if (res.type === CLUSTER) return clusterProblems(res);
    if (res.type !== INSTANCE) return [];
    const { multiAz, availabilityZone, storageType, iops, storageThroughput, allocatedStorage, engine } = res.props;
    const { maxAllocatedStorage, instanceClass } = res.props;
    const problems: string[] = windowProblems(res, "backupWindow", "maintenanceWindow");
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
        const least = Math.max(LEAST_PROVISIONED_IOPS, Math.ceil(low * allocatedStorage));
        const most = 50 * allocatedStorage;
        const fix =
            least <= most
                ? `Set iops between ${least} and ${most}`
                : `Allocate at least ${Math.ceil(LEAST_PROVISIONED_IOPS / 50)} GiB`;
        if (ratio < low || ratio > 50)
            problems.push(
                `${describe(res)}: iops ${iops} is ${ratio.toFixed(2)} times allocatedStorage ${allocatedStorage}; RDS takes ${low} to 50 IOPS per GiB${low === 1 ? " for SQL Server" : ""}. ${fix}, or change allocatedStorage.`,
            );
        else if (iops < LEAST_PROVISIONED_IOPS)
            problems.push(
                `${describe(res)}: iops ${iops} on ${type} storage; RDS provisions at least ${LEAST_PROVISIONED_IOPS} IOPS on io1 and io2. ${fix}, or use gp3 storage (3,000 IOPS included). Source: RDS User Guide "Provisioned IOPS SSD storage".`,
            );
    }
    if (known(maxAllocatedStorage) && maxAllocatedStorage > 0 && known(allocatedStorage))
        if (maxAllocatedStorage < allocatedStorage)
            problems.push(
                `${describe(res)}: maxAllocatedStorage ${maxAllocatedStorage} is below allocatedStorage ${allocatedStorage}; RDS refuses a storage autoscaling ceiling under the storage it starts with. Set maxAllocatedStorage above allocatedStorage, or 0 (or leave it out) to turn autoscaling off. Source: terraform-provider-aws aws_db_instance max_allocated_storage.`,
            );
    if (multiAz === true && engineText === "sqlserver-ex")
        problems.push(
            `${describe(res)}: multiAz is true on SQL Server Express (sqlserver-ex); RDS has no Multi-AZ deployment for the Express edition and refuses the create. Use Standard (sqlserver-se) or Enterprise (sqlserver-ee) for Multi-AZ, or set multiAz: false. Source: RDS User Guide "Multi-AZ deployments for Amazon RDS for Microsoft SQL Server".`,
        );
    if (knownText(instanceClass) && instanceClass === "db.serverless" && engineText && !engineText.startsWith("aurora"))
        problems.push(
            `${describe(res)}: instanceClass db.serverless on engine ${engineText}; db.serverless is Aurora Serverless v2's class, taken only by an Aurora cluster's instances (aws.rds.ClusterInstance). Give this instance a provisioned class such as db.t4g.micro, or use an Aurora engine in an aws.rds.Cluster. Source: Aurora User Guide "Using Aurora Serverless v2".`,
        );
    const threshold = gp3Threshold(engineText);
    const setsPerformance = [iops, storageThroughput].some((v) => v !== undefined && v !== null && !isUnknown(v));
    if (type === "gp3" && threshold && setsPerformance && known(allocatedStorage) && allocatedStorage < threshold)
        problems.push(
            `${describe(res)}: gp3 storage of ${allocatedStorage} GiB with ${[iops !== undefined && iops !== null ? "iops" : "", storageThroughput !== undefined && storageThroughput !== null ? "storageThroughput" : ""].filter(Boolean).join(" and ")}; RDS sets gp3 performance only from ${threshold} GiB for ${textOf(engine)} (below it the volume has its fixed baseline, 3,000 IOPS and 125 MiBps) and refuses the create. Leave iops and storageThroughput out, or allocate at least ${threshold} GiB.`,
        );
    return problems;
}
