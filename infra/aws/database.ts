import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { DatabaseEndpoint } from "../components";
import { DatabaseEngine, SizeClass } from "../config/types";
import { childName } from "../naming";
import { rdsEngineLifecycleSupport, rdsParameterApplyMethod } from "../../policies/lib/aws/engine-versions";
import { databaseSize } from "../sizing";
import { transform, Transform } from "../transform";
import {
    DATABASE_NAME,
    DATABASE_USER,
    finalSnapshotIdentifier,
    RDS_CA_BUNDLE_URL,
    rdsEngineSettings,
    RDS_PASSWORD_SPECIALS,
} from "./engines";
import { nameTag } from "./tags";

/** Escape hatches for the database's children, by role. */
export interface DatabaseTransform {
    /** The app user's generated password. */
    password?: Transform<random.RandomPasswordArgs>;
    subnetGroup?: Transform<aws.rds.SubnetGroupArgs>;
    parameterGroup?: Transform<aws.rds.ParameterGroupArgs>;
    instance?: Transform<aws.rds.InstanceArgs>;
}

export interface DatabaseArgs {
    /**
     * "mysql" or "postgres". Required: the platform passes `webtier:database.engine` (default in
     * parseConfig's `DEFAULTS.database.engine`: MySQL, the engine of the single box the app comes from).
     */
    engine: DatabaseEngine;
    /**
     * Engine version, one RDS offers in standard support (or with `extendedSupport`). Required:
     * `webtier:database.version`, whose default (`DEFAULTS.database.version`) is the newest in the
     * dated table of policies/preflight/engine-versions.ts.
     */
    version: string;
    /**
     * Opt in to paid RDS Extended Support. Required (`webtier:database.extendedSupport`, default
     * false): sent explicitly either way, so RDS never enrols the instance silently.
     */
    extendedSupport: boolean;
    /** Size class, mapped by infra/sizing.ts. Required: `webtier:database.size` (default "small"). */
    size: SizeClass;
    /** Allocated gp3 storage in GiB. Required: `webtier:database.storageGb` (default 20, RDS's gp3 minimum). */
    storageGb: number;
    /**
     * Multi-AZ: a synchronous standby in another zone that RDS fails over to. Required:
     * `webtier:database.highAvailability`, whose default depends on the environment (on in prod).
     */
    highAvailability: boolean;
    /** RDS's own deletion protection. Required: `webtier:database.deletionProtection` (on in prod by default). */
    deletionProtection: boolean;
    /** Days of automated backups, 1 to 35. Required: `webtier:database.backupRetentionDays` (1 / 7 / 14 by environment). */
    backupRetentionDays: number;
    /**
     * Pulumi's `protect` on the instance, so `pulumi destroy` or a replacement cannot delete it.
     * Required: `webtier:protectData` (default true); turned off only to tear a dev stack down.
     */
    protect: boolean;
    /** Private subnets, one per zone: the DB subnet group spans them all so Multi-AZ has a standby zone. Required. */
    subnetIds: pulumi.Input<string>[];
    /** The database security group (its only ingress, from the app servers, is added by rules.ts). Required. */
    securityGroupId: pulumi.Input<string>;
    /** Escape hatches for the children. Default: none. */
    transform?: DatabaseTransform;
}

/**
 * The shared MySQL or Postgres database on RDS: private (no public address, in the private
 * subnets, behind its own security group), encrypted, backed up, TLS-only through its
 * parameter group, Multi-AZ and deletion-protected where the environment asks for it, and
 * protected against `pulumi destroy` unless `protect` is turned off on purpose.
 */
export class Database extends pulumi.ComponentResource {
    public readonly instance: aws.rds.Instance;
    public readonly parameterGroup: aws.rds.ParameterGroup;
    public readonly subnetGroup: aws.rds.SubnetGroup;
    /** The engine's port, known before deployment (the security-group rules need it). */
    public readonly port: number;
    /** The neutral view the servers and outputs use. */
    public readonly endpoint: DatabaseEndpoint;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:Database", name, {}, opts);
        const t = args.transform ?? {};
        const engine = rdsEngineSettings(args.engine, args.version);
        this.port = engine.port;

        const password = new random.RandomPassword(
            ...transform(
                t.password,
                childName(name, "db-password"),
                {
                    length: 32,
                    special: true,
                    overrideSpecial: RDS_PASSWORD_SPECIALS,
                    minLower: 1,
                    minUpper: 1,
                    minNumeric: 1,
                },
                { parent: this },
            ),
        );

        const subnetGroupName = childName(name, "db-subnets");
        this.subnetGroup = new aws.rds.SubnetGroup(
            ...transform(
                t.subnetGroup,
                subnetGroupName,
                {
                    description: `webtier ${name}: private subnets of the database`,
                    subnetIds: args.subnetIds,
                    tags: nameTag(subnetGroupName),
                },
                { parent: this },
            ),
        );

        const parameterGroupName = childName(name, "db-params");
        this.parameterGroup = new aws.rds.ParameterGroup(
            ...transform(
                t.parameterGroup,
                parameterGroupName,
                {
                    family: engine.family,
                    description: `webtier ${name}: ${engine.engine} ${engine.engineVersion}, TLS required`,
                    // A static parameter must wait for a reboot (RDS refuses "immediate" for it); a new
                    // instance boots with the group, so TLS is enforced from the first connection either way.
                    parameters: [
                        {
                            name: engine.tlsParameter.name,
                            value: engine.tlsParameter.value,
                            applyMethod: rdsParameterApplyMethod(args.engine, args.version, engine.tlsParameter.name),
                        },
                    ],
                    tags: nameTag(parameterGroupName),
                },
                { parent: this },
            ),
        );

        const instanceName = childName(name, "db");
        this.instance = new aws.rds.Instance(
            ...transform(
                t.instance,
                instanceName,
                {
                    engine: engine.engine,
                    engineVersion: engine.engineVersion,
                    // Explicit, never RDS's default: without it RDS enrols a version past standard support
                    // in paid Extended Support silently. Extended Support only on database.extendedSupport.
                    engineLifecycleSupport: rdsEngineLifecycleSupport(args.extendedSupport),
                    instanceClass: databaseSize("aws", args.size),
                    allocatedStorage: args.storageGb,
                    storageType: "gp3",
                    storageEncrypted: true,
                    dbName: DATABASE_NAME,
                    username: DATABASE_USER,
                    password: password.result,
                    port: engine.port,
                    dbSubnetGroupName: this.subnetGroup.name,
                    vpcSecurityGroupIds: [args.securityGroupId],
                    parameterGroupName: this.parameterGroup.name,
                    publiclyAccessible: false,
                    multiAz: args.highAvailability,
                    backupRetentionPeriod: args.backupRetentionDays,
                    deletionProtection: args.deletionProtection,
                    skipFinalSnapshot: false,
                    finalSnapshotIdentifier: finalSnapshotIdentifier(name),
                    copyTagsToSnapshot: true,
                    autoMinorVersionUpgrade: true,
                    // A major upgrade is a planned change of webtier:database.version, never a side effect.
                    allowMajorVersionUpgrade: false,
                    tags: nameTag(instanceName),
                },
                {
                    parent: this,
                    protect: args.protect,
                    // The provider returns the password it was given in plain state; keep it secret there too.
                    additionalSecretOutputs: ["password"],
                },
            ),
        );

        this.endpoint = {
            engine: args.engine,
            host: this.instance.address,
            port: this.instance.port,
            name: this.instance.dbName.apply((value) => value ?? DATABASE_NAME),
            user: this.instance.username.apply((value) => value ?? DATABASE_USER),
            password: pulumi.secret(password.result),
            requireTls: true,
            caCertificateUrl: RDS_CA_BUNDLE_URL,
        };
        this.registerOutputs({ address: this.instance.address });
    }
}
