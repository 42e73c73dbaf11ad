// The validation a bridged provider's Check runs before any cloud call: validators read from the
// Terraform providers' Go source (go-schema.ts), run as terraform-plugin-sdk's helper/validation
// runs them (validators.ts), over a resource's inputs as the SDK walks them, with the bridge's
// wording (validate.ts); on the generated data and on evaluated programs.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { evaluate } from "../../../tools/harness/evaluate";
import { resourceDefaults } from "../../../tools/harness/tf-defaults/apply";
import { literalConstants, Resolver, SchemaReader } from "../../../tools/harness/tf-defaults/go-schema";
import { awsTypesImports, BotocoreEnums } from "../../../tools/harness/tf-defaults/sources/aws";
import type { ResourceDefaults } from "../../../tools/harness/tf-defaults/spec";
import { checkFailures, checkResult, decode } from "../../../tools/harness/tf-defaults/validate";
import { goRegExp, runValidator, ValidatorSpec } from "../../../tools/harness/tf-defaults/validators";

const SOURCE =
    `
package example

import (
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/validation"
	awstypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func resourceThing() *schema.Resource {
	return &schema.Resource{
		Schema: map[string]*schema.Schema{
			"interval": {
				Type:         schema.TypeInt,
				Optional:     true,
				ValidateFunc: validation.IntBetween(minInterval, 300),
			},
			"name": {
				Type:     schema.TypeString,
				Optional: true,
				ValidateFunc: validation.All(
					validation.StringLenBetween(1, 32),
					validation.StringMatch(regexache.MustCompile(` +
    "`^[0-9A-Za-z-]+$`" +
    `), "only alphanumeric characters and hyphens allowed"),
					validName,
				),
			},
			"protocol": {
				Type:             schema.TypeString,
				Optional:         true,
				ValidateDiagFunc: validation.ToDiagFunc(validation.StringInSlice([]string{"HTTP", "HTTPS"}, true)),
			},
			"mode": {
				Type:         schema.TypeString,
				Optional:     true,
				ValidateFunc: validation.Any(validation.StringIsEmpty, validOwnMode),
			},
			"kind": {
				Type:             schema.TypeString,
				Optional:         true,
				ValidateDiagFunc: enum.Validate[awstypes.Kind](),
			},
			"target_type": {
				Type:             schema.TypeString,
				Optional:         true,
				ValidateDiagFunc: enum.ValidateIgnoreCase[awstypes.TargetTypeEnum](),
			},
			"tenancy": {
				Type:         schema.TypeString,
				Optional:     true,
				ValidateFunc: validation.StringInSlice(enum.Values[types.Tenancy](), false),
			},
			"ports": {
				Type:     schema.TypeList,
				Optional: true,
				MaxItems: 3,
				Elem: &schema.Schema{
					Type:         schema.TypeInt,
					ValidateFunc: validation.IsPortNumber,
				},
			},
		},
	}
}
`;

const ENUMS: Record<string, string[]> = {
    "elasticloadbalancingv2.TargetTypeEnum": ["instance", "ip"],
    "ec2.Tenancy": ["default", "dedicated"],
};

const resolver: Resolver = {
    constant: (q) => (q === "minInterval" ? 5 : undefined),
    functionSource: () => undefined,
    variableSource: () => undefined,
    enumValues: (source, qualified) => {
        const [alias, type] = qualified.split(".");
        return ENUMS[`${awsTypesImports(source).get(alias)}.${type}`];
    },
};

function read() {
    const reader = new SchemaReader(SOURCE, resolver);
    return { schema: reader.resourceSchema()!, unread: reader.allUnreadValidators() };
}

/** A target group's health check, as the generated data describes it (checked against the data below). */
const TARGET_GROUP: ResourceDefaults = {
    healthCheck: {
        t: "health_check",
        b: {
            interval: { t: "interval", v: ["IntBetween", 5, 300], ty: "i", d: 30 },
            path: { t: "path", v: ["Any", ["All", ["StringLenBetween", 1, 1024]], ["StringIsEmpty"]], ty: "s" },
        },
    },
    port: { t: "port", v: ["IntBetween", 1, 65535], ty: "i" },
    rules: {
        t: "rule",
        max: 2,
        b: { priority: { t: "priority", v: ["IntAtLeast", 1], ty: "i" } },
    },
    ingress: {
        t: "ingress",
        set: 1,
        b: { cidrBlocks: { t: "cidr_blocks", ev: ["IsCIDR"], et: "s" } },
    },
    labels: { t: "labels", ev: ["StringLenBetween", 1, 3], et: "s" },
};

describe("the provider's Check validation", () => {
    describe("read from a provider's Go source", () => {
        it("reads helper/validation's validators with their arguments, package constants resolved", () => {
            const { schema } = read();
            assert.deepStrictEqual(schema.interval.validate, ["IntBetween", 5, 300]);
            assert.deepStrictEqual(schema.protocol.validate, [
                "ToDiagFunc",
                ["StringInSlice", ["HTTP", "HTTPS"], true],
            ]);
            assert.deepStrictEqual(schema.ports.elem?.validate, ["IsPortNumber"]);
            assert.strictEqual(schema.ports.maxItems, 3);
        });

        it("drops the provider's own function from an All, and an Any or an enum it cannot read whole", () => {
            const { schema, unread } = read();
            assert.deepStrictEqual(schema.name.validate, [
                "All",
                ["StringLenBetween", 1, 32],
                ["StringMatch", "^[0-9A-Za-z-]+$", "only alphanumeric characters and hyphens allowed"],
            ]);
            assert.strictEqual(schema.mode.validate, undefined);
            assert.strictEqual(schema.kind.validate, undefined);
            assert.deepStrictEqual(unread.sort(), [
                "enum.Validate[awstypes.Kind]()",
                "validation.Any(validation.StringIsEmpty,validOwnMode)",
            ]);
        });

        it("reads the AWS provider's enum validators with the SDK enum's values, by the package the file imports", () => {
            const { schema } = read();
            assert.deepStrictEqual(schema.target_type.validate, [
                "ToDiagFunc",
                ["StringInSlice", ["instance", "ip"], true],
            ]);
            assert.deepStrictEqual(schema.tenancy.validate, ["StringInSlice", ["default", "dedicated"], false]);
        });

        it("takes the enums from botocore's models, the Go package named by the serviceId", () => {
            const data = fs.mkdtempSync(path.join(os.tmpdir(), "botocore-"));
            const model = (version: string, values: string[]) => {
                const dir = path.join(data, "elbv2", version);
                fs.mkdirSync(dir, { recursive: true });
                const shapes = { TargetTypeEnum: { type: "string", enum: values } };
                fs.writeFileSync(
                    path.join(dir, "service-2.json"),
                    JSON.stringify({ metadata: { serviceId: "Elastic Load Balancing v2" }, shapes }),
                );
            };
            model("2012-06-01", ["instance"]);
            model("2015-12-01", ["instance", "ip", "lambda", "alb"]);
            const enums = new BotocoreEnums(data);
            assert.deepStrictEqual(enums.values("elasticloadbalancingv2", "TargetTypeEnum"), [
                "instance",
                "ip",
                "lambda",
                "alb",
            ]);
            assert.strictEqual(enums.values("elasticloadbalancingv2", "Missing"), undefined);
            assert.strictEqual(enums.values("ec2", "Tenancy"), undefined);
            fs.rmSync(data, { recursive: true });
        });

        it("reads a Plugin Framework schema's attributes and their validators", () => {
            const source = `
package example

import (
	awstypes "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func (r *ruleResource) Schema(ctx context.Context, request resource.SchemaRequest, response *resource.SchemaResponse) {
	response.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			names.AttrID: framework.IDAttribute(),
			"from_port": schema.Int64Attribute{
				Optional: true,
				Validators: []validator.Int64{
					int64validator.Between(-1, 65535),
				},
			},
			"name": schema.StringAttribute{
				Required: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 64),
					stringvalidator.RegexMatches(regexache.MustCompile(\`^[a-z-]+$\`), ""),
					validOwnName(),
				},
			},
			"protocol": schema.StringAttribute{
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf("tcp", "udp")},
			},
			"tenancy": schema.StringAttribute{
				Optional:   true,
				Validators: []validator.String{enum.FrameworkValidate[awstypes.Tenancy]()},
			},
		},
	}
}
`;
            const reader = new SchemaReader(source, resolver);
            const schema = reader.frameworkSchema()!;
            assert.deepStrictEqual(Object.keys(schema).sort(), ["from_port", "name", "protocol", "tenancy"]);
            assert.deepStrictEqual(schema.from_port, {
                type: "Int",
                optional: true,
                validate: ["int64validator.Between", -1, 65535],
            });
            assert.deepStrictEqual(schema.name.validate, [
                "All",
                ["stringvalidator.LengthBetween", 1, 64],
                ["stringvalidator.RegexMatches", "^[a-z-]+$", ""],
            ]);
            assert.deepStrictEqual(schema.protocol.validate, ["stringvalidator.OneOf", ["tcp", "udp"]]);
            assert.deepStrictEqual(schema.tenancy.validate, ["stringvalidator.OneOf", ["default", "dedicated"]]);
            assert.deepStrictEqual(reader.allUnreadValidators().length, 1, "the provider's own validator");
        });

        it("reads a Plugin Framework resource's resource validators over root attributes", () => {
            const source = `
func (r *ruleResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(
			path.MatchRoot("cidr_ipv4"),
			path.MatchRoot(names.AttrPrefixListID),
		),
		resourcevalidator.Conflicting(path.MatchRoot("a"), path.MatchRelative().AtName("b")),
	}
}
`;
            const resolverWithNames: Resolver = {
                ...resolver,
                constant: (q) => (q === "names.AttrPrefixListID" ? "prefix_list_id" : undefined),
            };
            const reader = new SchemaReader(source, resolverWithNames);
            assert.deepStrictEqual(reader.frameworkResourceValidators(), [
                ["ExactlyOneOf", ["cidr_ipv4", "prefix_list_id"]],
            ]);
            assert.strictEqual(reader.allUnreadValidators().length, 1, "a relative path is not read");
        });

        it("reads a package constant only when its declaration is a literal", () => {
            const file = "package ec2\nimport (\n)\n\tvpcCIDRMaxIPv4Netmask     = 28\n";
            assert.strictEqual(literalConstants(file).get("vpcCIDRMaxIPv4Netmask"), 28);
            assert.strictEqual(literalConstants('\tname string = "x" // why\n').get("name"), "x");
            assert.strictEqual(literalConstants("\tenabled = false\n").get("enabled"), false);
            assert.strictEqual(literalConstants("\tnext = first + 1\n").has("next"), false);
        });
    });

    describe("validators, worded as the SDK words them", () => {
        const run = (spec: ValidatorSpec, value: string | number, k = "k") => runValidator(spec, value, k, k);

        it("ranges and lists of numbers", () => {
            assert.deepStrictEqual(run(["IntBetween", 5, 300], 2, "health_check.0.interval"), [
                "expected health_check.0.interval to be in the range (5 - 300), got 2",
            ]);
            assert.deepStrictEqual(run(["IntBetween", 5, 300], 5), []);
            assert.deepStrictEqual(run(["IntAtLeast", 1], 0), ["expected k to be at least (1), got 0"]);
            assert.deepStrictEqual(run(["IntInSlice", [1, 5]], 2), ["expected k to be one of [1 5], got 2"]);
            assert.deepStrictEqual(run(["FloatBetween", 0, 1], 1.5), [
                "expected k to be in the range (0.000000 - 1.000000), got 1.500000",
            ]);
            assert.deepStrictEqual(run(["IsPortNumber"], 70000), [
                'expected "k" to be a valid port number, got: 70000',
            ]);
            assert.deepStrictEqual(run(["IntBetween", 1, 2], "1"), ["expected type of k to be integer"]);
        });

        it("strings: length in bytes, slices with Go's quoting, patterns with their message or without", () => {
            assert.deepStrictEqual(run(["StringLenBetween", 1, 3], "héé"), [
                "expected length of k to be in the range (1 - 3), got héé",
            ]);
            assert.deepStrictEqual(run(["StringInSlice", ["HTTP", "HTTPS"], false], "http"), [
                'expected k to be one of ["HTTP" "HTTPS"], got http',
            ]);
            assert.deepStrictEqual(run(["StringInSlice", ["HTTP", "HTTPS"], true], "http"), []);
            assert.deepStrictEqual(run(["StringMatch", "^[a-z]+$", "lowercase only"], "Web"), [
                "invalid value for k (lowercase only)",
            ]);
            assert.deepStrictEqual(run(["StringMatch", "^[a-z]+$", ""], "Web"), [
                'expected value of k to match regular expression "^[a-z]+$", got Web',
            ]);
            assert.deepStrictEqual(run(["NoZeroValues"], ""), ["k must not be empty, got "]);
        });

        it("networks: a CIDR's network address and prefix length, IPv4 and IPv6", () => {
            assert.deepStrictEqual(run(["IsCIDRNetwork", 16, 28], "10.0.0.0/16"), []);
            assert.deepStrictEqual(run(["IsCIDRNetwork", 16, 28], "10.0.0.0/8"), [
                'expected "k" to contain a network Value with between 16 and 28 significant bits, got: 8',
            ]);
            assert.deepStrictEqual(run(["IsCIDRNetwork", 16, 28], "10.0.1.5/24"), [
                "expected k to contain a valid network Value, expected 10.0.1.0/24, got 10.0.1.5/24",
            ]);
            assert.deepStrictEqual(run(["IsCIDRNetwork", 16, 28], "10.0.0.0/33"), [
                "expected k to contain a valid Value, got: 10.0.0.0/33 with err: invalid CIDR address: 10.0.0.0/33",
            ]);
            assert.deepStrictEqual(run(["IsCIDRNetwork", 0, 128], "2001:DB8::1/32"), [
                "expected k to contain a valid network Value, expected 2001:db8::/32, got 2001:DB8::1/32",
            ]);
            assert.deepStrictEqual(run(["IsCIDR"], "::/0"), []);
            assert.deepStrictEqual(run(["IsIPv4Address"], "::ffff:10.0.0.1"), []);
            assert.deepStrictEqual(run(["IsIPv4Address"], "010.0.0.1"), [
                "expected k to contain a valid IPv4 address, got: 010.0.0.1",
            ]);
        });

        it("All gathers every error, Any none when one passes, ToDiagFunc names the attribute alone", () => {
            const all: ValidatorSpec = ["All", ["StringLenBetween", 1, 2], ["StringMatch", "^[a-z]+$", "lowercase"]];
            assert.strictEqual(run(all, "ABC").length, 2);
            assert.deepStrictEqual(run(["Any", ["IntBetween", 0, 0], ["IntBetween", 30, 900]], 0), []);
            assert.strictEqual(run(["Any", ["IntBetween", 0, 0], ["IntBetween", 30, 900]], 10).length, 2);
            assert.deepStrictEqual(runValidator(["ToDiagFunc", ["IntAtMost", 1]], 2, "block.0.count", "count"), [
                "expected count to be at most (1), got 2",
            ]);
        });

        it("framework validators, worded as terraform-plugin-framework-validators words them", () => {
            assert.deepStrictEqual(run(["int64validator.Between", -1, 65535], 70000, "from_port"), [
                "Invalid Attribute Value. Attribute from_port value must be between -1 and 65535, got: 70000",
            ]);
            assert.deepStrictEqual(run(["int64validator.AtLeast", 1], 1), []);
            assert.deepStrictEqual(run(["float64validator.AtMost", 1], 2), [
                "Invalid Attribute Value. Attribute k value must be at most 1.000000, got: 2.000000",
            ]);
            assert.deepStrictEqual(run(["stringvalidator.OneOf", ["tcp", "udp"]], "icmp", "protocol"), [
                'Invalid Attribute Value Match. Attribute protocol value must be one of: ["tcp" "udp"], got: "icmp"',
            ]);
            assert.deepStrictEqual(run(["stringvalidator.OneOfCaseInsensitive", ["tcp", "udp"]], "TCP"), []);
            assert.deepStrictEqual(run(["stringvalidator.LengthBetween", 1, 3], "héé"), [
                "Invalid Attribute Value Length. Attribute k string length must be between 1 and 3, got: 5",
            ]);
            assert.deepStrictEqual(run(["stringvalidator.RegexMatches", "^[a-z]+$", ""], "Web"), [
                "Invalid Attribute Value Match. Attribute k value must match regular expression '^[a-z]+$', got: Web",
            ]);
            assert.deepStrictEqual(run(["stringvalidator.RegexMatches", "^[a-z]+$", "lowercase only"], "Web"), [
                "Invalid Attribute Value Match. Attribute k lowercase only, got: Web",
            ]);
        });

        it("translates Go's regular expressions: flags, \\A and \\z, POSIX classes", () => {
            assert.ok(goRegExp("(?i)^web$")!.test("WEB"));
            assert.ok(goRegExp("\\A[[:alnum:]]+\\z")!.test("abc1"));
            assert.ok(!goRegExp("\\A[[:alnum:]]+\\z")!.test("ab-c"));
            assert.ok(goRegExp("^[\\w\\-]+$")!.test("a-b"));
            assert.strictEqual(goRegExp("(?U)a+"), undefined);
        });

        it("decodes a value to the attribute's type as the SDK does, and leaves what it cannot", () => {
            assert.strictEqual(decode("42", "i"), 42);
            assert.strictEqual(decode(4.5, "i"), undefined);
            assert.strictEqual(decode(30, "s"), "30");
            assert.strictEqual(decode("x", "f"), undefined);
        });
    });

    describe("over a resource's inputs, as the bridge reports them", () => {
        it("names the flat key, then where to look: a MaxItems 1 block has no index in the path", () => {
            assert.deepStrictEqual(
                checkFailures(TARGET_GROUP, { healthCheck: { interval: 2, path: "/up" }, port: 80 }, "tg"),
                [
                    "expected health_check.0.interval to be in the range (5 - 300), got 2. Examine values at 'tg.healthCheck.interval'.",
                ],
            );
        });

        it("checks a list's length, then each element; a set's errors are reported at the set", () => {
            assert.deepStrictEqual(checkFailures(TARGET_GROUP, { rules: [{}, {}, {}] }, "r"), [
                "Too many list items. Attribute rule supports 2 item maximum, but config has 3 declared.. Examine values at 'r.rules'.",
            ]);
            assert.deepStrictEqual(checkFailures(TARGET_GROUP, { rules: [{ priority: 1 }, { priority: 0 }] }, "r"), [
                "expected rule.1.priority to be at least (1), got 0. Examine values at 'r.rules[1].priority'.",
            ]);
            assert.deepStrictEqual(
                checkFailures(TARGET_GROUP, { ingress: [{ cidrBlocks: ["10.0.0.0/8"] }, { cidrBlocks: ["x"] }] }, "sg"),
                [
                    "expected \"ingress.1.cidr_blocks.0\" to be a valid CIDR Value, got x: invalid CIDR address: x. Examine values at 'sg.ingress'.",
                ],
            );
            assert.deepStrictEqual(checkFailures(TARGET_GROUP, { labels: ["ok", "long"] }, "l"), [
                "expected length of labels.1 to be in the range (1 - 3), got long. Examine values at 'l.labels[1]'.",
            ]);
        });

        it("tests the relations first: ExactlyOneOf and AtLeastOneOf set or not, then RequiredWith, then ConflictsWith", () => {
            const group = { e: ["launch_configuration", "launch_template"] };
            const specs: ResourceDefaults = {
                launchConfiguration: { t: "launch_configuration", r: group },
                launchTemplate: {
                    t: "launch_template",
                    r: group,
                    b: {
                        id: { t: "id", r: { c: ["launch_template.0.name"] } },
                        name: { t: "name", r: { c: ["launch_template.0.id"] } },
                    },
                },
                cidrBlocks: { t: "cidr_blocks", r: { c: ["source_security_group_id"], w: ["from_port"] } },
                sourceSecurityGroupId: { t: "source_security_group_id", r: { c: ["cidr_blocks"] } },
                fromPort: { t: "from_port", v: ["IsPortNumber"], ty: "i" },
            };
            const invalid = (k: string, detail: string) =>
                `Invalid combination of arguments. "${k}": ${detail}. Examine values at 'g.${k === "launch_template" ? "launchTemplate" : "launchConfiguration"}'.`;
            assert.deepStrictEqual(checkFailures(specs, {}, "g"), [
                invalid("launch_configuration", "one of `launch_configuration,launch_template` must be specified"),
                invalid("launch_template", "one of `launch_configuration,launch_template` must be specified"),
            ]);
            const both =
                "only one of `launch_configuration,launch_template` can be specified, but `launch_configuration,launch_template` were specified.";
            assert.deepStrictEqual(
                checkFailures(specs, { launchConfiguration: "lc", launchTemplate: { id: "lt" } }, "g"),
                [invalid("launch_configuration", both), invalid("launch_template", both)],
            );
            assert.deepStrictEqual(checkFailures(specs, { launchTemplate: { id: "lt", name: "web" } }, "g"), [
                "Conflicting configuration arguments. \"launch_template.0.id\": conflicts with launch_template.0.name. Examine values at 'g.launchTemplate.id'.",
                "Conflicting configuration arguments. \"launch_template.0.name\": conflicts with launch_template.0.id. Examine values at 'g.launchTemplate.name'.",
            ]);
            const rule = { launchTemplate: { id: "lt" }, cidrBlocks: ["10.0.0.0/8"], sourceSecurityGroupId: "sg-1" };
            assert.deepStrictEqual(checkFailures(specs, { ...rule, fromPort: 0 }, "g"), [
                "Conflicting configuration arguments. \"cidr_blocks\": conflicts with source_security_group_id. Examine values at 'g.cidrBlocks'.",
                "Conflicting configuration arguments. \"source_security_group_id\": conflicts with cidr_blocks. Examine values at 'g.sourceSecurityGroupId'.",
                "expected \"from_port\" to be a valid port number, got: 0. Examine values at 'g.fromPort'.",
            ]);
            assert.deepStrictEqual(
                checkFailures(specs, rule, "g")[0],
                "Missing required argument. \"cidr_blocks\": all of `cidr_blocks,from_port` must be specified. Examine values at 'g.cidrBlocks'.",
            );
            // Not known yet (a preview): the SDK defers ExactlyOneOf and ConflictsWith on it.
            const unknown = new (class Unknown {})();
            assert.deepStrictEqual(
                checkFailures(
                    specs,
                    {
                        launchTemplate: unknown,
                        cidrBlocks: ["10.0.0.0/8"],
                        sourceSecurityGroupId: unknown,
                        fromPort: 80,
                    },
                    "g",
                ),
                [],
            );
        });

        it("tests a framework resource's validators as the framework reports them at an attribute", () => {
            const keys = ["cidr_ipv4", "cidr_ipv6", "referenced_security_group_id"];
            const specs: ResourceDefaults = {
                cidrIpv4: {
                    t: "cidr_ipv4",
                    rv: [
                        ["ExactlyOneOf", keys],
                        ["RequiredTogether", ["cidr_ipv4", "description"]],
                    ],
                },
                cidrIpv6: { t: "cidr_ipv6" },
                description: { t: "description" },
                referencedSecurityGroupId: { t: "referenced_security_group_id" },
            };
            const exactlyOne = (at: string) =>
                `Invalid Attribute Combination. Exactly one of these attributes must be configured: [cidr_ipv4,cidr_ipv6,referenced_security_group_id]. Examine values at 'r.${at}'.`;
            // At the first one configured, in the validator's order.
            assert.deepStrictEqual(
                checkFailures(specs, { cidrIpv6: "::/0", referencedSecurityGroupId: "sg-1", description: "x" }, "r"),
                [
                    exactlyOne("cidrIpv6"),
                    // The group's other half is configured without it: reported at the one that is.
                    "Invalid Attribute Combination. These attributes must be configured together: [cidr_ipv4,description]. Examine values at 'r.description'.",
                ],
            );
            assert.deepStrictEqual(
                checkFailures(specs, { cidrIpv4: "10.0.0.0/8", referencedSecurityGroupId: "sg-1" }, "r"),
                [
                    exactlyOne("cidrIpv4"),
                    "Invalid Attribute Combination. These attributes must be configured together: [cidr_ipv4,description]. Examine values at 'r.cidrIpv4'.",
                ],
            );
            // None configured is an error without an attribute, which Check returns instead of its
            // failures; an unknown one may yet be configured.
            assert.deepStrictEqual(checkFailures(specs, {}, "r"), []);
            assert.deepStrictEqual(checkResult(specs, { description: "x" }, "r"), {
                failures: [],
                error: "Missing Attribute Configuration: Exactly one of these attributes must be configured: [cidr_ipv4,cidr_ipv6,referenced_security_group_id]",
            });
            assert.deepStrictEqual(checkResult(specs, { cidrIpv6: new (class Unknown {})() }, "r"), {
                failures: [],
            });
            const unknown = new (class Unknown {})();
            assert.deepStrictEqual(
                checkFailures(
                    specs,
                    { cidrIpv4: "10.0.0.0/8", description: "x", referencedSecurityGroupId: unknown },
                    "r",
                ),
                [],
            );
        });

        it("leaves unknown values, null and what is not set alone, and sees through a secret", () => {
            const unknown = new (class Unknown {})();
            assert.deepStrictEqual(checkFailures(TARGET_GROUP, { port: unknown, healthCheck: null }, "tg"), []);
            assert.deepStrictEqual(checkFailures(TARGET_GROUP, { rules: [unknown, {}, {}] }, "tg"), []);
            const secret = { secret: 0 };
            assert.strictEqual(
                checkFailures(TARGET_GROUP, { port: secret }, "tg", (v) => (v === secret ? 0 : v)).length,
                1,
            );
        });
    });

    describe("the generated data", () => {
        it("holds terraform-provider-aws' validators, named as @pulumi/aws names the properties", () => {
            const tg = resourceDefaults("aws:lb/targetGroup:TargetGroup")!;
            assert.deepStrictEqual(tg.healthCheck.b!.interval.v, ["IntBetween", 5, 300]);
            assert.strictEqual(tg.healthCheck.t, "health_check");
            assert.deepStrictEqual(resourceDefaults("aws:ec2/vpc:Vpc")!.cidrBlock.v, ["IsCIDRNetwork", 16, 28]);
            // An AWS SDK enum, from botocore's model of the same API.
            assert.deepStrictEqual(tg.protocol.v, [
                "ToDiagFunc",
                [
                    "StringInSlice",
                    ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"],
                    false,
                ],
            ]);
            assert.deepStrictEqual(resourceDefaults("aws:sqs/queue:Queue")!.visibilityTimeoutSeconds.v, [
                "IntBetween",
                0,
                43200,
            ]);
        });

        it("holds the relations between attributes, by their Terraform keys", () => {
            const group = resourceDefaults("aws:autoscaling/group:Group")!;
            assert.deepStrictEqual(group.launchTemplate.r?.e, [
                "launch_configuration",
                "launch_template",
                "mixed_instances_policy",
            ]);
            assert.deepStrictEqual(group.launchTemplate.b!.id.r?.c, ["launch_template.0.name"]);
        });

        it("holds the Plugin Framework resources' validators, the schema found through the resource's embedded type", () => {
            const rule = resourceDefaults("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")!;
            assert.deepStrictEqual(rule.fromPort.v, ["int64validator.Between", -1, 65535]);
            assert.strictEqual(rule.fromPort.d, undefined, "no Terraform defaults from a framework resource");
        });

        it("holds terraform-provider-digitalocean's", () => {
            const lb = resourceDefaults("digitalocean:index/loadBalancer:LoadBalancer")!;
            assert.ok(lb.healthcheck.b!.checkIntervalSeconds.v, JSON.stringify(lb.healthcheck));
        });
    });

    describe("on an evaluated program", () => {
        for (const preview of [false, true]) {
            const mode = preview ? "in a preview" : "in an update";
            it(`records the engine's error on the resource the Check refuses, and only there, ${mode}`, async () => {
                const evaluation = await evaluate({
                    preview,
                    program: async () => {
                        const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
                        new aws.lb.TargetGroup("tg", {
                            port: 80,
                            protocol: "HTTP2",
                            vpcId: vpc.id,
                            healthCheck: { interval: 2, path: "/up" },
                        });
                        // Known only after the VPC exists in a preview: not validated then.
                        new aws.ec2.Subnet("subnet", {
                            vpcId: vpc.id,
                            cidrBlock: vpc.cidrBlock.apply(() => "10.0.1.0/24"),
                        });
                        new digitalocean.LoadBalancer("lb", {
                            region: "nyc3",
                            forwardingRules: [
                                { entryPort: 80, entryProtocol: "http", targetPort: 80, targetProtocol: "http" },
                            ],
                            healthcheck: { port: 80, protocol: "http", checkIntervalSeconds: 1 },
                        });
                        return {};
                    },
                });
                const errors = Object.fromEntries(
                    evaluation.resources.filter((r) => r.checkErrors).map((r) => [r.name, r.checkErrors]),
                );
                assert.deepStrictEqual(Object.keys(errors).sort(), ["lb", "tg"]);
                assert.deepStrictEqual(errors.tg!.sort(), [
                    "aws:lb/targetGroup:TargetGroup resource 'tg' has a problem: expected health_check.0.interval to be in the range (5 - 300), got 2. Examine values at 'tg.healthCheck.interval'.",
                    'aws:lb/targetGroup:TargetGroup resource \'tg\' has a problem: expected protocol to be one of ["HTTP" "HTTPS" "TCP" "TLS" "UDP" "TCP_UDP" "GENEVE" "QUIC" "TCP_QUIC"], got HTTP2. Examine values at \'tg.protocol\'.',
                ]);
                assert.match(
                    errors.lb![0],
                    /^digitalocean:index\/loadBalancer:LoadBalancer resource 'lb' has a problem: expected healthcheck\.0\.check_interval_seconds to be in the range \(3 - 300\), got 1\. Examine values at 'lb\.healthcheck\.checkIntervalSeconds'\.$/,
                );
            });
        }

        for (const preview of [false, true]) {
            it(`refuses a rule with a CIDR and a source group when both are known, ${preview ? "not in a preview (the group's id is not)" : "in an update"}`, async () => {
                const evaluation = await evaluate({
                    preview,
                    program: async () => {
                        const lb = new aws.ec2.SecurityGroup("lb", { name: "lb" });
                        new aws.ec2.SecurityGroupRule("http", {
                            type: "ingress",
                            securityGroupId: "sg-0123456789abcdef0",
                            protocol: "tcp",
                            fromPort: 80,
                            toPort: 80,
                            cidrBlocks: ["10.0.0.0/16"],
                            sourceSecurityGroupId: lb.id,
                        });
                        return {};
                    },
                });
                const rule = evaluation.resources.find((r) => r.name === "http")!;
                assert.deepStrictEqual(
                    rule.checkErrors,
                    preview
                        ? undefined
                        : [
                              "aws:ec2/securityGroupRule:SecurityGroupRule resource 'http' has a problem: Conflicting configuration arguments. \"cidr_blocks\": conflicts with source_security_group_id. Examine values at 'http.cidrBlocks'.",
                              "aws:ec2/securityGroupRule:SecurityGroupRule resource 'http' has a problem: Conflicting configuration arguments. \"source_security_group_id\": conflicts with cidr_blocks. Examine values at 'http.sourceSecurityGroupId'.",
                          ],
                );
            });
        }

        it("takes an input the program passed as an output that the mocks leave unset as computed, not missing", async () => {
            const evaluation = await evaluate({
                program: async () => {
                    // The mocks compute no launch configuration name; the provider does.
                    const config = new aws.ec2.LaunchConfiguration("lc", {
                        imageId: "ami-0123456789abcdef0",
                        instanceType: "t3.small",
                    });
                    const zones = ["eu-west-1a"];
                    new aws.autoscaling.Group("computed", {
                        minSize: 1,
                        maxSize: 2,
                        availabilityZones: zones,
                        launchConfiguration: config.name,
                    });
                    new aws.autoscaling.Group("none", { minSize: 1, maxSize: 2, availabilityZones: zones });
                    return {};
                },
            });
            const errors = (name: string) => evaluation.resources.find((r) => r.name === name)!.checkErrors;
            assert.strictEqual(errors("computed"), undefined);
            assert.deepStrictEqual(
                errors("none")?.map((e) => e.replace(/.*has a problem: /, "")),
                ["launch_configuration", "launch_template", "mixed_instances_policy"].map(
                    (k) =>
                        `Invalid combination of arguments. "${k}": one of \`launch_configuration,launch_template,mixed_instances_policy\` must be specified. Examine values at 'none.${k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}'.`,
                ),
            );
        });

        it("refuses a framework resource's value as the bridge reports a framework diagnostic", async () => {
            const evaluation = await evaluate({
                program: async () => {
                    new aws.vpc.SecurityGroupIngressRule("http", {
                        securityGroupId: "sg-0123456789abcdef0",
                        ipProtocol: "tcp",
                        fromPort: 80,
                        toPort: 80080,
                        referencedSecurityGroupId: "sg-0fedcba9876543210",
                    });
                    return {};
                },
            });
            assert.deepStrictEqual(evaluation.resources.find((r) => r.name === "http")!.checkErrors, [
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule resource 'http' has a problem: Invalid Attribute Value. Attribute to_port value must be between -1 and 65535, got: 80080. Examine values at 'http.toPort'.",
            ]);
        });

        for (const preview of [false, true]) {
            it(`refuses an ingress rule from a CIDR and a security group at once, ${preview ? "not in a preview (the group's id is not known)" : "in an update"}`, async () => {
                const evaluation = await evaluate({
                    preview,
                    program: async () => {
                        const lb = new aws.ec2.SecurityGroup("lb", { name: "lb" });
                        new aws.vpc.SecurityGroupIngressRule("http", {
                            securityGroupId: "sg-0123456789abcdef0",
                            ipProtocol: "tcp",
                            fromPort: 80,
                            toPort: 80,
                            cidrIpv4: "10.0.0.0/16",
                            referencedSecurityGroupId: lb.id,
                        });
                        return {};
                    },
                });
                assert.deepStrictEqual(
                    evaluation.resources.find((r) => r.name === "http")!.checkErrors,
                    preview
                        ? undefined
                        : [
                              "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule resource 'http' has a problem: Invalid Attribute Combination. Exactly one of these attributes must be configured: [cidr_ipv4,cidr_ipv6,prefix_list_id,referenced_security_group_id]. Examine values at 'http.cidrIpv4'.",
                          ],
                );
            });
        }

        for (const preview of [false, true]) {
            it(`answers an ingress rule from no source at all with Check's error, not a failure, ${preview ? "in a preview" : "in an update"}`, async () => {
                const evaluation = await evaluate({
                    preview,
                    program: async () => {
                        const lb = new aws.ec2.SecurityGroup("lb", { name: "lb" });
                        new aws.vpc.SecurityGroupIngressRule("nowhere", {
                            securityGroupId: "sg-0123456789abcdef0",
                            ipProtocol: "tcp",
                            fromPort: 80,
                            toPort: 80,
                        });
                        // A source the program passes as an output may be one: no error.
                        new aws.vpc.SecurityGroupIngressRule("from-lb", {
                            securityGroupId: "sg-0123456789abcdef0",
                            ipProtocol: "tcp",
                            fromPort: 80,
                            toPort: 80,
                            referencedSecurityGroupId: lb.id,
                        });
                        return {};
                    },
                });
                assert.deepStrictEqual(evaluation.resources.find((r) => r.name === "nowhere")!.checkErrors, [
                    "Missing Attribute Configuration: Exactly one of these attributes must be configured: [cidr_ipv4,cidr_ipv6,prefix_list_id,referenced_security_group_id]",
                ]);
                assert.strictEqual(evaluation.resources.find((r) => r.name === "from-lb")!.checkErrors, undefined);
            });
        }

        it("validates the name the provider generated, as the Check does", async () => {
            const evaluation = await evaluate({
                program: async () => {
                    new aws.ec2.SecurityGroup("sg", {});
                    new aws.ec2.SecurityGroup("web", { name: pulumi.secret("web") });
                    return {};
                },
            });
            const sg = evaluation.resources.find((r) => r.name === "sg")!;
            assert.deepStrictEqual(sg.checkErrors, [
                "aws:ec2/securityGroup:SecurityGroup resource 'sg' has a problem: invalid value for name (cannot begin with sg-). Examine values at 'sg.name'.",
            ]);
            assert.strictEqual(evaluation.resources.find((r) => r.name === "web")!.checkErrors, undefined);
        });
    });
});
