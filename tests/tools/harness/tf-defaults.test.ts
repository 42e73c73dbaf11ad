// The Terraform schema defaults a bridged provider adds: reading them from Go source (go-schema.ts,
// names.ts), and adding them as the bridge's Check and the provider's plan do (apply.ts), on the
// generated data and on evaluated programs.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { evaluate, RegisteredResource } from "../../../tools/harness/evaluate";
import { applyPatch, defaultsPatch, resourceDefaults } from "../../../tools/harness/tf-defaults/apply";
import { loadSchemaFile, SchemaFile, writeSchemaFile } from "../../../tools/harness/tf-defaults/file";
import { Resolver, SchemaReader, TfSchema } from "../../../tools/harness/tf-defaults/go-schema";
import {
    attrConstantName,
    documentedConstant,
    documentedNumber,
    plural,
} from "../../../tools/harness/tf-defaults/names";
import type { ResourceDefaults } from "../../../tools/harness/tf-defaults/spec";

/** A resource written the ways terraform-provider-aws writes them. */
const RESOURCE = `
package example

func resourceThing() *schema.Resource {
	return &schema.Resource{
		StateUpgraders: []schema.StateUpgrader{{Type: resourceThingV0().CoreConfigSchema().ImpliedType()}},
		SchemaFunc: func() map[string]*schema.Schema {
			return map[string]*schema.Schema{
				names.AttrVPCID: {
					Type:     schema.TypeString,
					Optional: true,
				},
				"enable_logging": {
					Type:     schema.TypeBool,
					Optional: true,
					Default:  true,
				},
				"idle_timeout": {
					Type:         schema.TypeInt,
					Optional:     true,
					Default:      60, // seconds
					ValidateFunc: validation.IntBetween(1, 4000),
				},
				"mode": {
					Type:     schema.TypeString,
					Optional: true,
					Default:  awstypes.ModeEnumDefensive,
				},
				"old_mode": {
					Type:       schema.TypeString,
					Optional:   true,
					Default:    "legacy",
					Deprecated: "use mode",
				},
				"name": {
					Type:          schema.TypeString,
					Optional:      true,
					ConflictsWith: []string{names.AttrNamePrefix},
				},
				names.AttrNamePrefix: {
					Type:          schema.TypeString,
					Optional:      true,
					Default:       "thing-",
					ConflictsWith: []string{"name"},
				},
				"health_check": {
					Type:     schema.TypeList,
					Optional: true,
					MaxItems: 1,
					Elem: &schema.Resource{
						Schema: map[string]*schema.Schema{
							names.AttrEnabled: {Type: schema.TypeBool, Optional: true, Default: true},
							"interval":        {Type: schema.TypeInt, Optional: true, Default: 30},
						},
					},
				},
				"rule":     ruleSchema(),
				"listener": listenerBlock,
				names.AttrTags: tftags.TagsSchema(),
			}
		},
	}
}
`;

const HELPERS: Record<string, string> = {
    ruleSchema: `func ruleSchema() *schema.Schema {
	return &schema.Schema{
		Type:     schema.TypeSet,
		Optional: true,
		Elem: &schema.Resource{
			Schema: map[string]*schema.Schema{
				"priority": {Type: schema.TypeInt, Optional: true, Default: -1},
			},
		},
	}
}`,
};

const VARIABLES: Record<string, string> = {
    listenerBlock: `listenerBlock = &schema.Schema{
	Type:     schema.TypeList,
	Optional: true,
	Elem:     &schema.Resource{Schema: map[string]*schema.Schema{"port": {Type: schema.TypeString, Optional: true, Default: "traffic-port"}}},
}`,
};

const resolver: Resolver = {
    constant: (q) => (q.startsWith("names.Attr") ? attrConstantName(q.slice("names.Attr".length)) : undefined),
    functionSource: (name) => HELPERS[name],
    variableSource: (name) => VARIABLES[name],
};

describe("Terraform schema defaults", () => {
    describe("read from a provider's Go source", () => {
        let schema: TfSchema;
        before(() => {
            schema = new SchemaReader(RESOURCE, resolver).resourceSchema()!;
        });

        it("reads the schema map a SchemaFunc returns, not the function's result type", () => {
            assert.deepStrictEqual(Object.keys(schema).sort(), [
                "enable_logging",
                "health_check",
                "idle_timeout",
                "listener",
                "mode",
                "name",
                "name_prefix",
                "old_mode",
                "rule",
                "tags",
                "vpc_id",
            ]);
        });

        it("reads literal defaults, deprecation and conflicts", () => {
            assert.strictEqual(schema.enable_logging.default, true);
            assert.strictEqual(schema.idle_timeout.default, 60);
            assert.strictEqual(schema.old_mode.deprecated, true);
            assert.deepStrictEqual(schema.name_prefix.conflictsWith, ["name"]);
            assert.strictEqual(schema.name_prefix.default, "thing-");
        });

        it("keeps a constant it cannot resolve as its expression, for the documentation to answer", () => {
            assert.strictEqual(schema.mode.default, undefined);
            assert.strictEqual(schema.mode.unresolvedDefault, "awstypes.ModeEnumDefensive");
        });

        it("reads nested blocks written inline, by a helper function and by a package variable", () => {
            assert.strictEqual(schema.health_check.maxItems, 1);
            assert.strictEqual(schema.health_check.block?.enabled.default, true);
            assert.strictEqual(schema.health_check.block?.interval.default, 30);
            assert.strictEqual(schema.rule.block?.priority.default, -1);
            assert.strictEqual(schema.listener.block?.port.default, "traffic-port");
        });

        it("keeps the name of an attribute another package declares", () => {
            assert.deepStrictEqual(schema.tags, { opaque: true });
        });

        it("follows a schema assembled with maps.Copy from an earlier version's", () => {
            const source = `
func resourceLbV1() map[string]*schema.Schema {
	v0 := resourceLbV0().Schema
	v1 := map[string]*schema.Schema{}
	extra := map[string]*schema.Schema{"certificate_name": {Type: schema.TypeString, Optional: true}}
	maps.Copy(v1, v0)
	return v1
}`;
            const functions: Record<string, string> = {
                resourceLbV0: `func resourceLbV0() *schema.Resource {
	return &schema.Resource{Schema: map[string]*schema.Schema{"redirect_http_to_https": {Type: schema.TypeBool, Optional: true, Default: false}}}
}`,
            };
            const read = new SchemaReader(source, { ...resolver, functionSource: (n) => functions[n] }).returned();
            assert.deepStrictEqual(Object.keys(read?.schema ?? {}), ["redirect_http_to_https"]);
        });
    });

    describe("names", () => {
        it("spells terraform-provider-aws' attribute constants as the attributes they name", () => {
            assert.deepStrictEqual(
                ["VPCID", "KMSKeyID", "ARNs", "S3BucketName", "IPAddressType", "VPCSecurityGroupIDs", "Username"].map(
                    attrConstantName,
                ),
                [
                    "vpc_id",
                    "kms_key_id",
                    "arns",
                    "s3_bucket_name",
                    "ip_address_type",
                    "vpc_security_group_ids",
                    "username",
                ],
            );
        });

        it("pluralizes a list of blocks as the bridge names it", () => {
            assert.deepStrictEqual(["defaultAction", "address", "policy", "rule"].map(plural), [
                "defaultActions",
                "addresses",
                "policies",
                "rules",
            ]);
        });

        it("resolves a constant from the one documented value that spells it, and nothing when two could", () => {
            const doc = "How requests are handled. Valid values are `monitor`, `defensive` (default), `strictest`.";
            assert.strictEqual(documentedConstant("httpDesyncMitigationModeDefensive", doc), "defensive");
            assert.strictEqual(documentedConstant("awstypes.ModeEnumLenient", doc), undefined);
            assert.strictEqual(documentedConstant("string(awstypes.StorageTypeSsd)", "One of `SSD`, `HDD`."), "SSD");
            assert.strictEqual(documentedConstant("x.ModeOn", "Either `on` or `On`."), undefined);
        });

        it("reads a numeric default from the documentation, only when one number is the default", () => {
            assert.strictEqual(documentedNumber("The default for this attribute is 30. See the docs."), 30);
            assert.strictEqual(documentedNumber("From 0 to 20 seconds. Defaults to `0`."), 0);
            assert.strictEqual(documentedNumber("Default 3 here, default 5 there."), undefined);
            assert.strictEqual(documentedNumber("An integer from 0 to 900."), undefined);
        });
    });

    describe("added as the bridge's Check and the provider's plan add them", () => {
        const DEFAULTS: ResourceDefaults = {
            enableLogging: { d: true },
            forceDestroy: { d: false },
            retries: { d: 0 },
            oldMode: { d: "legacy", dep: 1 },
            namePrefix: { d: "thing-", c: ["name"] },
            sourceDestCheck: { d: true, nc: 1 },
            healthCheck: { b: { enabled: { d: true }, interval: { d: 30 } } },
            rules: { b: { priority: { d: 1 } } },
        };

        it("adds at Check only what is truthy, current and not kept out by a conflicting property", () => {
            const patch = defaultsPatch(DEFAULTS, {}, "check");
            assert.deepStrictEqual(applyPatch({}, patch!), { enableLogging: true, namePrefix: "thing-" });
            assert.deepStrictEqual(applyPatch({ name: "x" }, defaultsPatch(DEFAULTS, { name: "x" }, "check")!), {
                name: "x",
                enableLogging: true,
            });
        });

        it("adds to the plan every default the inputs leave out, falsy and deprecated ones too", () => {
            assert.deepStrictEqual(applyPatch({ name: "x" }, defaultsPatch(DEFAULTS, { name: "x" }, "plan")!), {
                name: "x",
                enableLogging: true,
                forceDestroy: false,
                retries: 0,
                oldMode: "legacy",
                namePrefix: "thing-",
                sourceDestCheck: true,
            });
        });

        it("keeps what the program set, null as unset, and enters only the blocks it wrote", () => {
            const inputs = {
                enableLogging: false,
                retries: null,
                healthCheck: { interval: 10 },
                rules: [{ priority: 5 }, {}, "opaque"],
            };
            const out = applyPatch(inputs, defaultsPatch(DEFAULTS, inputs, "check")!);
            assert.deepStrictEqual(out, {
                enableLogging: false,
                retries: null,
                namePrefix: "thing-",
                healthCheck: { interval: 10, enabled: true },
                rules: [{ priority: 5 }, { priority: 1 }, "opaque"],
            });
            assert.deepStrictEqual(inputs.healthCheck, { interval: 10 }, "the program's value is not changed in place");
        });

        it("takes an unknown value (any non-plain object) as set, with no defaults inside", () => {
            const unknown = new (class Unknown {})();
            assert.strictEqual(
                defaultsPatch({ healthCheck: DEFAULTS.healthCheck }, { healthCheck: unknown }, "plan"),
                undefined,
            );
        });

        it("applies a patch through a wrapper such as a secret in wire form", () => {
            const wire = { healthCheck: { secret: true, value: { interval: 10 } } };
            const patch = defaultsPatch(DEFAULTS, { healthCheck: { interval: 10 } }, "check")!;
            const unwrap = (v: unknown) => {
                const w = v as { secret?: boolean; value?: unknown };
                return w && w.secret
                    ? { value: w.value, rewrap: (inner: unknown) => ({ ...w, value: inner }) }
                    : { value: v, rewrap: (i: unknown) => i };
            };
            assert.deepStrictEqual(applyPatch(wire, patch, unwrap).healthCheck, {
                secret: true,
                value: { interval: 10, enabled: true },
            });
        });
    });

    describe("the generated data", () => {
        it("is stored one type per line and read back as it was written", () => {
            const data = {
                source: "example@1",
                resources: {
                    "aws:lb/targetGroup:TargetGroup": { port: { t: "port", v: ["IsPortNumber"], ty: "i" } },
                    "aws:sqs/queue:Queue": { delaySeconds: { d: 0 } },
                } as Record<string, ResourceDefaults>,
            };
            const text = writeSchemaFile(data);
            assert.strictEqual(text.split("\n").length, 4, text);
            const file = new SchemaFile(text);
            assert.strictEqual(file.source, "example@1");
            assert.deepStrictEqual(file.types(), Object.keys(data.resources));
            for (const [type, defaults] of Object.entries(data.resources))
                assert.deepStrictEqual(file.resource(type), defaults);
            assert.strictEqual(file.resource("aws:s3/bucket:Bucket"), undefined);
            assert.ok(loadSchemaFile("aws.jsonl").types().length > 900);
        });

        it("holds the defaults terraform-provider-aws declares, named as @pulumi/aws names them", () => {
            const tg = resourceDefaults("aws:lb/targetGroup:TargetGroup");
            assert.deepStrictEqual(tg?.healthCheck?.b?.enabled, { d: true });
            assert.deepStrictEqual(tg?.deregistrationDelay, { d: 300 }, "a string in Terraform, a number in the SDK");
            assert.deepStrictEqual(resourceDefaults("aws:lb/loadBalancer:LoadBalancer")?.desyncMitigationMode, {
                d: "defensive",
            });
            assert.strictEqual(resourceDefaults("aws:sqs/queue:Queue")?.visibilityTimeoutSeconds?.d, 30);
            // Nested blocks of one name in two parents, each typed by its own interface: a string here, a number there.
            const health = tg?.targetGroupHealth?.b;
            assert.deepStrictEqual(health?.dnsFailover?.b?.minimumHealthyTargetsCount, { d: "off" });
            assert.deepStrictEqual(health?.unhealthyStateRouting?.b?.minimumHealthyTargetsCount, { d: 1 });
        });

        it("holds terraform-provider-digitalocean's, nested blocks included", () => {
            const lb = resourceDefaults("digitalocean:index/loadBalancer:LoadBalancer");
            assert.strictEqual(lb?.healthcheck?.b?.checkIntervalSeconds?.d, 10);
            assert.strictEqual(lb?.stickySessions?.b?.type?.d, "none");
            assert.deepStrictEqual(resourceDefaults("digitalocean:index/droplet:Droplet")?.resizeDisk, { d: true });
        });
    });

    describe("on an evaluated program", () => {
        const byName = (resources: RegisteredResource[], name: string) => resources.find((r) => r.name === name)!;

        for (const preview of [false, true]) {
            const mode = preview ? "in a preview" : "in an update";
            it(`hands the pack the Check's inputs and keeps every default in the state, ${mode}`, async () => {
                const { resources } = await evaluate({
                    program: () => {
                        new aws.lb.TargetGroup("tg", { port: 80, protocol: "HTTP", healthCheck: { path: "/up" } });
                        new aws.rds.Instance("db", { instanceClass: "db.t3.micro", engine: "mysql" });
                        new digitalocean.Droplet("web", { image: "ubuntu-24-04-x64", size: "s-1vcpu-1gb" });
                        new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: pulumi.secret(60) });
                    },
                    preview,
                });
                const tg = byName(resources, "tg");
                assert.deepStrictEqual(tg.wireInputs?.healthCheck, {
                    path: "/up",
                    enabled: true,
                    healthyThreshold: 3,
                    interval: 30,
                    port: "traffic-port",
                    protocol: "HTTP",
                    unhealthyThreshold: 3,
                });
                assert.strictEqual(tg.wireInputs?.proxyProtocolV2, undefined, "a falsy default stays out of the Check");
                assert.strictEqual(tg.state.proxyProtocolV2, false, "and is in the plan");
                assert.strictEqual(
                    tg.inputs.healthCheck.enabled,
                    undefined,
                    "the program's own inputs are as it wrote them",
                );

                const db = byName(resources, "db");
                assert.strictEqual(db.wireInputs?.autoMinorVersionUpgrade, true);
                assert.strictEqual(db.wireInputs?.publiclyAccessible, undefined);
                assert.strictEqual(db.state.publiclyAccessible, false);

                assert.strictEqual(byName(resources, "web").wireInputs?.resizeDisk, true);
                const jobs = byName(resources, "jobs");
                assert.strictEqual(jobs.wireInputs?.messageRetentionSeconds, 345600);
                assert.ok(
                    jobs.wireInputs?.visibilityTimeoutSeconds?.value === 60,
                    "a secret the program set stays as it was",
                );
            });

            it(`reports every attribute of the schema in the state, unset ones null or an empty list of blocks, ${mode}`, async () => {
                const { resources } = await evaluate({
                    program: () => {
                        new aws.ec2.LaunchTemplate("app", { imageId: "ami-0abc", tags: { team: "web" } });
                    },
                    preview,
                });
                const template = byName(resources, "app");
                assert.strictEqual(template.state.description, null, "an unset attribute");
                assert.deepStrictEqual(template.state.blockDeviceMappings, [], "an unset list of blocks");
                assert.notStrictEqual(template.state.metadataOptions, null, "a computed one is the provider's");
                assert.deepStrictEqual(template.state.tags, { team: "web" }, "what the program set");
                assert.strictEqual(
                    "description" in template.wireInputs!,
                    false,
                    "not in the inputs the pack is handed",
                );
            });
        }
    });
});
