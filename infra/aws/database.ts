import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { DatabaseEndpoint, applyTransform, Transform } from "../components";
import { WebtierConfig } from "../config/types";
import { rdsEngineLifecycleSupport, rdsParameterApplyMethod } from "../../policies/lib/aws/engine-versions";
import { databaseSize } from "../sizing";
import {
    DATABASE_NAME,
    DATABASE_USER,
    finalSnapshotIdentifier,
    RDS_CA_BUNDLE_URL,
    rdsEngineSettings,
    RDS_PASSWORD_SPECIALS,
} from "./engines";
import { nameTag } from "./tags";

export interface DatabaseArgs {
    /** The validated stack config; reads `database`, `protectData` and `name`. */
    config: WebtierConfig;
    /** Private subnets, one per zone: the DB subnet group spans them all so Multi-AZ has a standby zone. */
    subnetIds: pulumi.Input<string>[];
    /** The database security group (its only ingress, from the app servers, is added by rules.ts). */
    securityGroupId: pulumi.Input<string>;
    /** Escape hatches for the database's children. */
    transform?: {
        instance?: Transform<aws.rds.InstanceArgs>;
        parameterGroup?: Transform<aws.rds.ParameterGroupArgs>;
        subnetGroup?: Transform<aws.rds.SubnetGroupArgs>;
    };
}

/**
 * The shared MySQL or Postgres database on RDS: private (no public address, in the private
 * subnets, behind its own security group), encrypted, backed up, TLS-only through its
 * parameter group, Multi-AZ and deletion-protected where the environment asks for it, and
 * protected against `pulumi destroy` unless `protectData` is turned off on purpose.
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
        const { config } = args;
        const db = config.database;
        const t = args.transform ?? {};
        const parent = { parent: this };
        const engine = rdsEngineSettings(db.engine, db.version);
        this.port = engine.port;

        const password = new random.RandomPassword(
            `${name}-db-password`,
            {
                length: 32,
                special: true,
                overrideSpecial: RDS_PASSWORD_SPECIALS,
                minLower: 1,
                minUpper: 1,
                minNumeric: 1,
            },
            parent,
        );

        this.subnetGroup = new aws.rds.SubnetGroup(
            `${name}-db-subnets`,
            applyTransform<aws.rds.SubnetGroupArgs>(
                {
                    description: `webtier ${name}: private subnets of the database`,
                    subnetIds: args.subnetIds,
                    tags: nameTag(`${name}-db-subnets`),
                },
                t.subnetGroup,
            ),
            parent,
        );

        this.parameterGroup = new aws.rds.ParameterGroup(
            `${name}-db-params`,
            applyTransform<aws.rds.ParameterGroupArgs>(
                {
                    family: engine.family,
                    description: `webtier ${name}: ${engine.engine} ${engine.engineVersion}, TLS required`,
                    // A static parameter must wait for a reboot (RDS refuses "immediate" for it); a new
                    // instance boots with the group, so TLS is enforced from the first connection either way.
                    parameters: [
                        {
                            name: engine.tlsParameter.name,
                            value: engine.tlsParameter.value,
                            applyMethod: rdsParameterApplyMethod(db.engine, db.version, engine.tlsParameter.name),
                        },
                    ],
                    tags: nameTag(`${name}-db-params`),
                },
                t.parameterGroup,
            ),
            parent,
        );

        this.instance = new aws.rds.Instance(
            `${name}-db`,
            applyTransform<aws.rds.InstanceArgs>(
                {
                    engine: engine.engine,
                    engineVersion: engine.engineVersion,
                    // Explicit, never RDS's default: without it RDS enrols a version past standard support
                    // in paid Extended Support silently. Extended Support only on database.extendedSupport.
                    engineLifecycleSupport: rdsEngineLifecycleSupport(db.extendedSupport),
                    instanceClass: databaseSize("aws", db.size),
                    allocatedStorage: db.storageGb,
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
                    multiAz: db.highAvailability,
                    backupRetentionPeriod: db.backupRetentionDays,
                    deletionProtection: db.deletionProtection,
                    skipFinalSnapshot: false,
                    finalSnapshotIdentifier: finalSnapshotIdentifier(name),
                    copyTagsToSnapshot: true,
                    autoMinorVersionUpgrade: true,
                    // A major upgrade is a planned change of webtier:database.version, never a side effect.
                    allowMajorVersionUpgrade: false,
                    tags: nameTag(`${name}-db`),
                },
                t.instance,
            ),
            {
                parent: this,
                protect: config.protectData,
                // The provider returns the password it was given in plain state; keep it secret there too.
                additionalSecretOutputs: ["password"],
            },
        );

        this.endpoint = {
            engine: db.engine,
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
