import { preflightNames } from "../../../policies/preflight";
import { assertNone, assertViolation, UNKNOWN_STRING } from "../helpers";
import { check } from "./support";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const BUCKET = "aws:s3/bucket:Bucket";
const RDS = "aws:rds/instance:Instance";
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const ROLE = "aws:iam/role:Role";
const DROPLET = "digitalocean:index/droplet:Droplet";
const TAG = "digitalocean:index/tag:Tag";
const DO_CLUSTER = "digitalocean:index/databaseCluster:DatabaseCluster";
const SPACES = "digitalocean:index/spacesBucket:SpacesBucket";

describe("preflight: names the cloud would refuse", () => {
    describe("after the provider's autonaming (no name set: logical name + 8)", () => {
        it("refuses a balancer whose autoname passes ELB's 32 characters, accepts one that fills it exactly", async () => {
            assertViolation(
                await check(preflightNames, LB, {}, "a".repeat(25)),
                "load balancer name",
                "33 characters",
                "limit of 32",
                "Shorten the logical name",
            );
            assertNone(await check(preflightNames, LB, {}, "a".repeat(24)));
        });
        it("recognises the autoname the provider already chose (under pulumi preview) and advises on the logical name", async () => {
            const logical = "a".repeat(25);
            assertViolation(
                await check(preflightNames, LB, { name: `${logical}-1f2e3d4` }, logical),
                "33 characters",
                "Shorten the logical name",
            );
            assertViolation(
                await check(preflightNames, LB, { name: "b".repeat(33) }, logical),
                "33 characters",
                "Set name",
            );
        });
        it("refuses an ElastiCache replication group whose autoname passes 40 characters", async () => {
            assertViolation(await check(preflightNames, REPLICATION_GROUP, {}, "c".repeat(33)), "41 characters", "40");
            assertNone(await check(preflightNames, REPLICATION_GROUP, {}, "C".repeat(32)));
        });
        it("refuses a DigitalOcean database cluster whose autoname is no DNS label", async () => {
            assertViolation(await check(preflightNames, DO_CLUSTER, {}, "d".repeat(56)), "64 characters", "63");
            assertViolation(await check(preflightNames, DO_CLUSTER, {}, "app_db"), "DNS label");
        });
        it("lowercases where the provider lowercases (S3 buckets), not where it does not (droplets keep case)", async () => {
            assertNone(await check(preflightNames, BUCKET, {}, "Uploads"));
            assertViolation(
                await check(preflightNames, SPACES, { name: "Uploads" }),
                "Spaces bucket name",
                "lowercase",
            );
        });
        it("carries a reserved prefix of the logical name into the autoname", async () => {
            assertViolation(await check(preflightNames, SG, {}, "sg-web"), "security group name", 'starts with "sg-"');
            assertViolation(await check(preflightNames, LB, {}, "internal-api"), 'starts with "internal-"');
            assertViolation(await check(preflightNames, BUCKET, {}, "sthree-logs"), 'starts with "sthree-"');
        });
    });

    describe("names the program sets", () => {
        it("refuses ELB names over 32, with a hyphen at an end, or with other characters", async () => {
            assertViolation(
                await check(preflightNames, TG, { name: "t".repeat(33) }),
                "target group name",
                "33 characters",
            );
            assertViolation(await check(preflightNames, TG, { name: "web-" }), "letters, digits and hyphens");
            assertViolation(await check(preflightNames, LB, { name: "web_lb" }), "letters, digits and hyphens");
            assertNone(await check(preflightNames, TG, { name: "t".repeat(32) }));
        });
        it("refuses S3's reserved prefixes and suffixes, IP-shaped names and double periods", async () => {
            for (const bucket of [
                "amzn-s3-demo-bucket",
                "xn--bucket",
                "uploads-s3alias",
                "uploads--ol-s3",
                "uploads--x-s3",
                "uploads.mrap",
                "10.0.0.1",
                "my..bucket",
                "ab",
                "My-Bucket",
            ]) {
                assertViolation(await check(preflightNames, BUCKET, { bucket }), "S3 bucket name", bucket);
            }
            assertNone(await check(preflightNames, BUCKET, { bucket: "example-uploads.eu" }));
        });
        it("refuses RDS identifiers that do not start with a letter, have two hyphens in a row, or pass 63", async () => {
            assertViolation(
                await check(preflightNames, RDS, { identifier: "1db" }),
                "RDS instance identifier",
                "starting with a letter",
            );
            assertViolation(await check(preflightNames, RDS, { identifier: "app--db" }), "two hyphens in a row");
            assertViolation(await check(preflightNames, RDS, { identifier: "d".repeat(64) }), "64 characters");
            assertNone(await check(preflightNames, RDS, { identifier: "app-db" }));
        });
        it("refuses an RDS final snapshot identifier RDS would refuse at deletion, and an identifier ending with a hyphen", async () => {
            assertViolation(
                await check(preflightNames, RDS, { identifier: "app-db", finalSnapshotIdentifier: "app-db-final-" }),
                "RDS final snapshot identifier",
                "ends with a hyphen",
            );
            assertViolation(
                await check(preflightNames, RDS, { finalSnapshotIdentifier: "2026-final" }),
                "starting with a letter",
            );
            assertViolation(
                await check(preflightNames, RDS, { identifier: "app-db-" }),
                "RDS instance identifier",
                "ends with a hyphen",
            );
            assertNone(
                await check(preflightNames, RDS, {
                    identifier: "app-db",
                    finalSnapshotIdentifier: "app-db-final-snapshot",
                }),
            );
        });
        it("refuses an IAM role name over 64 characters", async () => {
            assertViolation(
                await check(preflightNames, ROLE, { name: "r".repeat(65) }),
                "IAM role name",
                "65 characters",
            );
            assertNone(await check(preflightNames, ROLE, { name: "r".repeat(64) }));
        });
        it("refuses DigitalOcean droplet and tag names outside their patterns", async () => {
            assertViolation(await check(preflightNames, DROPLET, { name: "web_1" }), "droplet name", "hostname");
            assertViolation(await check(preflightNames, TAG, { name: "app servers" }), "tag name", "colons");
            assertNone(await check(preflightNames, DROPLET, { name: "web-1.example" }));
            assertNone(await check(preflightNames, TAG, { name: "k8s:worker" }));
        });
    });

    describe("name prefixes (Terraform adds 26 characters)", () => {
        it("refuses a target group prefix that leaves no room, accepts a short one", async () => {
            assertViolation(await check(preflightNames, TG, { namePrefix: "web-tg-" }), "namePrefix", "33 characters");
            assertNone(await check(preflightNames, TG, { namePrefix: "web-" }));
        });
    });

    it("leaves a name unknown during preview to the provider, and ignores types without name rules", async () => {
        assertNone(await check(preflightNames, LB, { name: UNKNOWN_STRING }, "a".repeat(40)));
        assertNone(await check(preflightNames, "aws:lb/listener:Listener", {}, "a".repeat(80)));
    });
});

describe("preflight: names of other commonly used types", () => {
    it("refuses a Lambda function autoname over 64 characters and an ECR repository with capitals", async () => {
        assertViolation(
            await check(preflightNames, "aws:lambda/function:Function", {}, "f".repeat(57)),
            "Lambda function name",
            "65 characters",
        );
        assertNone(await check(preflightNames, "aws:lambda/function:Function", {}, "f".repeat(56)));
        assertViolation(
            await check(preflightNames, "aws:ecr/repository:Repository", { name: "MyApp" }),
            "ECR repository name",
            "lowercase",
        );
        assertNone(await check(preflightNames, "aws:ecr/repository:Repository", { name: "team/my-app" }));
    });
    it("refuses an EKS cluster name over 100 characters and a DynamoDB table under 3", async () => {
        assertViolation(
            await check(preflightNames, "aws:eks/cluster:Cluster", { name: "e".repeat(101) }),
            "101 characters",
        );
        assertViolation(await check(preflightNames, "aws:dynamodb/table:Table", { name: "t" }), "minimum of 3");
    });
});
