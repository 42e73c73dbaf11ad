import * as assert from "assert";
import { preflightCredentials } from "../../../policies/preflight";
import { DEFAULT_SPECIAL, randomStringCharacters } from "../../../policies/lib/random-strings";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../helpers";

const RDS = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const DOCDB = "aws:docdb/cluster:Cluster";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

const rds = (props: Record<string, any>, deps?: Record<string, string[]>): FakeResource => ({
    type: RDS,
    name: "db",
    props: { engine: "mysql", instanceClass: "db.t4g.micro", ...props },
    deps,
});
const random = (name: string, props: Record<string, any>): FakeResource => ({ type: RANDOM_PASSWORD, name, props });
const check = (stack: FakeResource[]) => validateStack(preflightCredentials, stack);

describe("webtier-preflight-credentials", () => {
    describe("a password as written", () => {
        it("refuses a master password RDS refuses, by length for the engine and by character, never quoting it", async () => {
            const short = await check([rds({ password: "hunter2" })]);
            assertViolation(
                short,
                'RDS instance "db": password is 7 characters long',
                "mysql takes a master password of 8 to 41",
            );
            const long = "x".repeat(42);
            assertViolation(await check([rds({ password: long })]), "42 characters long", "8 to 41");
            assertNone(await check([rds({ engine: "postgres", password: long })]));
            assertViolation(await check([rds({ engine: "oracle-ee", password: "x".repeat(31) })]), "8 to 30");
            const withAt = await check([rds({ password: "Correct@Horse/Battery" })]);
            assertViolation(
                withAt,
                "contains '@', '/'",
                'RDS refuses in a master password (it takes any printable ASCII character but /, ", @ and the space)',
            );
            assert.ok(!withAt.some((v) => v.message.includes("Correct")), "the password is never in a message");
            assertViolation(await check([rds({ password: "correct horse battery" })]), "contains the space");
            assertViolation(
                await check([rds({ engine: "oracle-se2", password: "Tom&Jerry-2026" })]),
                "contains '&'",
                "Oracle",
            );
            assertNone(await check([rds({ password: "Correct-Horse_Battery#Staple!" })]));
        });

        it("refuses a password set next to manageMasterUserPassword, and judges clusters, DocumentDB and AUTH tokens by their own rules", async () => {
            assertViolation(
                await check([rds({ password: "Correct-Horse-1", manageMasterUserPassword: true })]),
                "manageMasterUserPassword is true",
            );
            assertViolation(
                await check([
                    {
                        type: CLUSTER,
                        name: "aurora",
                        props: { engine: "aurora-postgresql", masterPassword: "p".repeat(50) },
                    },
                ]),
                "masterPassword is 50 characters long",
                "8 to 41",
            );
            assertNone(await check([{ type: DOCDB, name: "docs", props: { masterPassword: "p p".repeat(20) } }]));
            assertViolation(
                await check([{ type: DOCDB, name: "docs", props: { masterPassword: "a@b".repeat(5) } }]),
                "contains '@'",
            );
            const token = await check([
                {
                    type: CACHE,
                    name: "cache",
                    props: { authToken: "Sessions_Token_2026_long", transitEncryptionEnabled: true },
                },
            ]);
            assertViolation(token, "authToken contains '_'", "! & # $ ^ < > -");
            assertViolation(
                await check([
                    { type: CACHE, name: "cache", props: { authToken: "short-token", transitEncryptionEnabled: true } },
                ]),
                "16 to 128",
            );
            assertNone(
                await check([
                    {
                        type: CACHE,
                        name: "cache",
                        props: { authToken: "Sessions-Token-2026&More", transitEncryptionEnabled: true },
                    },
                ]),
            );
        });
    });

    describe("master user names and what an AUTH token needs", () => {
        it("refuses a master user name RDS refuses: its characters, its length for the engine, a reserved name", async () => {
            assertViolation(
                await check([rds({ username: "app-user" })]),
                'username "app-user" is not letters, digits and underscores',
            );
            assertViolation(await check([rds({ username: "1app" })]), "starting with a letter");
            assertViolation(
                await check([rds({ username: "laravel_application" })]),
                "19 characters long",
                "at most 16",
            );
            assertNone(await check([rds({ engine: "postgres", username: "laravel_application" })]));
            assertViolation(await check([rds({ engine: "postgres", username: "user" })]), "reserves");
            assertViolation(await check([rds({ username: "rdsadmin" })]), "reserves");
            assertNone(await check([rds({ username: "app_user" })]));
            assertViolation(
                await check([
                    {
                        type: CLUSTER,
                        name: "aurora",
                        props: { engine: "aurora-mysql", masterUsername: "laravel_application" },
                    },
                ]),
                "at most 16",
            );
            assertNone(
                await check([{ type: DOCDB, name: "docs", props: { masterUsername: "catalogue_reader_2026" } }]),
            );
        });

        it("refuses an AUTH token on a replication group without transit encryption", async () => {
            const token = "Sessions-Token-2026&More";
            assertViolation(
                await check([{ type: CACHE, name: "cache", props: { authToken: token } }]),
                "transitEncryptionEnabled is not true",
            );
            assertNone(
                await check([
                    { type: CACHE, name: "cache", props: { authToken: token, transitEncryptionEnabled: true } },
                ]),
            );
            assertNone(
                await check([
                    {
                        type: CACHE,
                        name: "cache",
                        props: { authToken: token, transitEncryptionEnabled: UNKNOWN_STRING },
                    },
                ]),
            );
            assertNone(await check([{ type: CACHE, name: "cache", props: { transitEncryptionEnabled: false } }]));
        });
    });

    describe("a password drawn by the random provider", () => {
        it("refuses a random password that can draw a character RDS refuses, naming the fix, whatever this run drew", async () => {
            const stack = [
                random("db-password", { length: 24 }),
                rds({ password: "mockAbcdefgh12" }, { password: ["db-password"] }),
            ];
            assertViolation(
                await check(stack),
                "password comes from random password \"db-password\", which can draw '@'",
                'Set overrideSpecial on "db-password" to "!#$%&*()-_=+[]{}<>:?"',
            );
            // During a preview the value is unknown: its source still says what it can be.
            const preview = [
                random("db-password", { length: 24 }),
                rds({ password: UNKNOWN_STRING }, { password: ["db-password"] }),
            ];
            assertViolation(await check(preview), "which can draw '@'");
            for (const settings of [
                { length: 24, overrideSpecial: "!#$%&*()-_=+[]{}<>:?" },
                { length: 24, special: false },
            ])
                assertNone(
                    await check([
                        random("db-password", settings),
                        rds({ password: UNKNOWN_STRING }, { password: ["db-password"] }),
                    ]),
                );
        });

        it("refuses a random AUTH token with the default special characters, and a random length out of bounds", async () => {
            const token = await check([
                random("cache-auth", { length: 32 }),
                {
                    type: CACHE,
                    name: "cache",
                    props: { authToken: UNKNOWN_STRING, transitEncryptionEnabled: true },
                    deps: { authToken: ["cache-auth"] },
                },
            ]);
            assertViolation(token, "which can draw '@', '%', '*'", 'Set overrideSpecial on "cache-auth" to "!&#$^<>-"');
            assertViolation(
                await check([
                    random("cache-auth", { length: 12, special: false }),
                    {
                        type: CACHE,
                        name: "cache",
                        props: { authToken: UNKNOWN_STRING, transitEncryptionEnabled: true },
                        deps: { authToken: ["cache-auth"] },
                    },
                ]),
                'authToken (from random password "cache-auth") is 12 characters long',
                "16 to 128",
            );
            assertNone(
                await check([
                    random("cache-auth", { length: 40, special: false }),
                    {
                        type: CACHE,
                        name: "cache",
                        props: { authToken: UNKNOWN_STRING, transitEncryptionEnabled: true },
                        deps: { authToken: ["cache-auth"] },
                    },
                ]),
            );
        });

        it("cannot say what a random password draws when its settings are unknown during preview", async () => {
            assertNone(
                await check([
                    random("db-password", { length: 24, overrideSpecial: UNKNOWN_STRING }),
                    rds({ password: UNKNOWN_STRING }, { password: ["db-password"] }),
                ]),
            );
        });
    });

    it("reads what the random provider draws as it draws it: flags, minimums and an empty override", () => {
        const chars = (props: Record<string, any>) => {
            const { characters } = randomStringCharacters({
                type: RANDOM_PASSWORD,
                name: "r",
                urn: "u",
                props,
                propertyDependencies: {},
                dependencies: [],
            });
            return [...(characters as Set<string>)].join("");
        };
        assert.strictEqual(
            chars({}),
            `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789${DEFAULT_SPECIAL}`,
        );
        assert.strictEqual(chars({ special: false, upper: false, numeric: false }), "abcdefghijklmnopqrstuvwxyz");
        // A minimum draws from its class even with the class turned off; an empty override is the default.
        assert.ok(chars({ special: false, minSpecial: 2, overrideSpecial: "" }).endsWith(DEFAULT_SPECIAL));
        assert.ok(!chars({ number: false }).includes("7"), "number is numeric's old name");
    });
});
