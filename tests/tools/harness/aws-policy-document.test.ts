// aws:iam/getPolicyDocument's `json` and `minifiedJson` as terraform-provider-aws renders them
// (mocks/aws-policy-document.ts). Most expectations are the provider's own acceptance tests
// (internal/service/iam/policy_document_data_source_test.go), their HCL written as the camelCase
// inputs a Pulumi program passes, in the standard partition; where a test there compares JSON as
// equivalent rather than as text, the expectation is that document in Go's layout (map keys
// sorted, two-space indent) and is also checked equivalent to the acceptance test's text.
import * as assert from "assert";
import { evaluate } from "../../../tools/harness/evaluate";
import { policyDocumentId, renderPolicyDocument } from "../../../tools/harness/mocks/aws-policy-document";

/** `data.aws_partition.current.partition` where the acceptance tests run. */
const partition = "aws";

const render = renderPolicyDocument;
const json = (inputs: Record<string, any>) => render(inputs).json;
const minified = (inputs: Record<string, any>) => render(inputs).minifiedJson;

/** The message the render fails with. */
function failure(inputs: Record<string, any>): string {
    try {
        render(inputs);
    } catch (e) {
        return (e as Error).message;
    }
    assert.fail("expected the data source to fail");
}

// testAccPolicyDocumentDataSourceConfig_basic
const basic = {
    policyId: "policy_id",
    statements: [
        {
            sid: "1",
            actions: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
            resources: [`arn:${partition}:s3:::*`],
        },
        {
            actions: ["s3:ListBucket"],
            resources: [`arn:${partition}:s3:::foo`],
            conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["home/", "", "home/&{aws:username}/"] }],
            notPrincipals: [{ type: "AWS", identifiers: ["arn:blahblah:example"] }],
        },
        {
            actions: ["s3:*"],
            resources: [
                `arn:${partition}:s3:::foo/home/&{aws:username}`,
                `arn:${partition}:s3:::foo/home/&{aws:username}/*`,
            ],
            principals: [{ type: "AWS", identifiers: ["arn:blahblah:example"] }],
        },
        { effect: "Deny", notActions: ["s3:*"], notResources: [`arn:${partition}:s3:::*`] },
        // Normalization of wildcard principals
        { effect: "Allow", actions: ["kinesis:*"], principals: [{ type: "AWS", identifiers: ["*"] }] },
        { effect: "Allow", actions: ["firehose:*"], principals: [{ type: "*", identifiers: ["*"] }] },
    ],
};

// testAccPolicyDocumentExpectedJSON
const basicJson = `{
  "Version": "2012-10-17",
  "Id": "policy_id",
  "Statement": [
    {
      "Sid": "1",
      "Effect": "Allow",
      "Action": [
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation"
      ],
      "Resource": "arn:${partition}:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:${partition}:s3:::foo",
      "NotPrincipal": {
        "AWS": "arn:blahblah:example"
      },
      "Condition": {
        "StringLike": {
          "s3:prefix": [
            "home/",
            "",
            "home/\${aws:username}/"
          ]
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": [
        "arn:${partition}:s3:::foo/home/\${aws:username}/*",
        "arn:${partition}:s3:::foo/home/\${aws:username}"
      ],
      "Principal": {
        "AWS": "arn:blahblah:example"
      }
    },
    {
      "Effect": "Deny",
      "NotAction": "s3:*",
      "NotResource": "arn:${partition}:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "kinesis:*",
      "Principal": {
        "AWS": "*"
      }
    },
    {
      "Effect": "Allow",
      "Action": "firehose:*",
      "Principal": "*"
    }
  ]
}`;

// testAccPolicyDocumentExpectedJSONMinified
const basicMinified = `{"Version":"2012-10-17","Id":"policy_id","Statement":[{"Sid":"1","Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetBucketLocation"],"Resource":"arn:${partition}:s3:::*"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:${partition}:s3:::foo","NotPrincipal":{"AWS":"arn:blahblah:example"},"Condition":{"StringLike":{"s3:prefix":["home/","","home/\${aws:username}/"]}}},{"Effect":"Allow","Action":"s3:*","Resource":["arn:${partition}:s3:::foo/home/\${aws:username}/*","arn:${partition}:s3:::foo/home/\${aws:username}"],"Principal":{"AWS":"arn:blahblah:example"}},{"Effect":"Deny","NotAction":"s3:*","NotResource":"arn:${partition}:s3:::*"},{"Effect":"Allow","Action":"kinesis:*","Principal":{"AWS":"*"}},{"Effect":"Allow","Action":"firehose:*","Principal":"*"}]}`;

/** Two statements, one Sid-less, for the merging tests (their `policy_a` and so on). */
const statementsDoc = (...statements: Record<string, any>[]) => json({ statements });

describe("aws:iam/getPolicyDocument rendered as terraform-provider-aws renders it", () => {
    describe("the provider's acceptance tests", () => {
        it("basic: json and minified_json, word for word", () => {
            assert.strictEqual(json(basic), basicJson);
            assert.strictEqual(minified(basic), basicMinified);
        });

        it("singleConditionValue: one condition value is a string", () => {
            const expected = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": "elasticfilesystem:*",
      "Resource": "*",
      "Principal": {
        "AWS": "*"
      },
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}`;
            const actual = json({
                statements: [
                    {
                        effect: "Deny",
                        principals: [{ type: "AWS", identifiers: ["*"] }],
                        actions: ["elasticfilesystem:*"],
                        resources: ["*"],
                        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
                    },
                ],
            });
            assert.strictEqual(actual, expected);
        });

        it("multipleConditionKeys: conditions on one test merge into one object, keys sorted", () => {
            const actual = json({
                statements: [
                    {
                        sid: "AWSCloudTrailWrite20150319",
                        effect: "Allow",
                        principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
                        actions: ["s3:PutObject"],
                        resources: ["*"],
                        conditions: [
                            { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
                            { test: "StringEquals", variable: "aws:SourceArn", values: ["some-other-value"] },
                        ],
                    },
                ],
            });
            assert.strictEqual(
                actual,
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AWSCloudTrailWrite20150319",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": "*",
      "Principal": {
        "Service": "cloudtrail.amazonaws.com"
      },
      "Condition": {
        "StringEquals": {
          "aws:SourceArn": "some-other-value",
          "s3:x-amz-acl": "bucket-owner-full-control"
        }
      }
    }
  ]
}`,
            );
            // testAccPolicyDocumentConfig_multipleConditionKeys_ExpectedJSON, compared as equivalent JSON there.
            assert.deepStrictEqual(JSON.parse(actual), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "AWSCloudTrailWrite20150319",
                        Effect: "Allow",
                        Action: "s3:PutObject",
                        Resource: "*",
                        Principal: { Service: "cloudtrail.amazonaws.com" },
                        Condition: {
                            StringEquals: {
                                "s3:x-amz-acl": "bucket-owner-full-control",
                                "aws:SourceArn": "some-other-value",
                            },
                        },
                    },
                ],
            });
        });

        it("duplicateConditionKeys: conditions on one key concatenate their values in the set's order", () => {
            const actual = minified({
                statements: [
                    {
                        sid: "DuplicateConditionTest",
                        effect: "Allow",
                        principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
                        actions: ["s3:PutObject"],
                        resources: ["*"],
                        conditions: [
                            { test: "StringEquals", variable: "s3:prefix", values: ["one/", "two/"] },
                            { test: "StringEquals", variable: "s3:prefix", values: ["three/"] },
                        ],
                    },
                ],
            });
            assert.strictEqual(
                actual,
                `{"Version":"2012-10-17","Statement":[{"Sid":"DuplicateConditionTest","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Principal":{"Service":"cloudtrail.amazonaws.com"},"Condition":{"StringEquals":{"s3:prefix":["one/","two/","three/"]}}}]}`,
            );
        });

        it("source: a document's statements come first, a principal's two identifiers in reverse order", () => {
            // testAccPolicyDocumentDataSourceConfig_deprecated: `test`, then `test_source` on its json.
            const test = {
                policyId: "policy_id",
                statements: [
                    basic.statements[0],
                    {
                        ...basic.statements[1],
                        conditions: [
                            { test: "StringLike", variable: "s3:prefix", values: ["home/", "home/&{aws:username}/"] },
                        ],
                    },
                    {
                        ...basic.statements[2],
                        principals: [
                            { type: "AWS", identifiers: ["arn:blahblah:example", "arn:blahblahblah:example"] },
                        ],
                    },
                    ...basic.statements.slice(3),
                ],
            };
            const actual = json({
                sourcePolicyDocuments: [json(test)],
                statements: [{ sid: "SourceJSONTest1", actions: ["*"], resources: ["*"] }],
            });
            // testAccPolicyDocumentSourceExpectedJSON
            assert.strictEqual(
                actual,
                `{
  "Version": "2012-10-17",
  "Id": "policy_id",
  "Statement": [
    {
      "Sid": "1",
      "Effect": "Allow",
      "Action": [
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation"
      ],
      "Resource": "arn:${partition}:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:${partition}:s3:::foo",
      "NotPrincipal": {
        "AWS": "arn:blahblah:example"
      },
      "Condition": {
        "StringLike": {
          "s3:prefix": [
            "home/",
            "home/\${aws:username}/"
          ]
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": [
        "arn:${partition}:s3:::foo/home/\${aws:username}/*",
        "arn:${partition}:s3:::foo/home/\${aws:username}"
      ],
      "Principal": {
        "AWS": [
          "arn:blahblahblah:example",
          "arn:blahblah:example"
        ]
      }
    },
    {
      "Effect": "Deny",
      "NotAction": "s3:*",
      "NotResource": "arn:${partition}:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "kinesis:*",
      "Principal": {
        "AWS": "*"
      }
    },
    {
      "Effect": "Allow",
      "Action": "firehose:*",
      "Principal": "*"
    },
    {
      "Sid": "SourceJSONTest1",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`,
            );
        });

        it("source blank: an empty string among the source documents is skipped", () => {
            assert.strictEqual(
                json({
                    sourcePolicyDocuments: [""],
                    statements: [{ sid: "SourceJSONTest2", actions: ["*"], resources: ["*"] }],
                }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "SourceJSONTest2",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`,
            );
            // testAccPolicyDocumentExpectedJSONNoStatement: nothing but the default version.
            assert.strictEqual(json({ sourcePolicyDocuments: [""] }), `{\n  "Version": "2012-10-17"\n}`);
            assert.strictEqual(json({ overridePolicyDocuments: [""] }), `{\n  "Version": "2012-10-17"\n}`);
        });

        it("sourceList: source documents merge in order, Sid-less statements appended", () => {
            const policyA = statementsDoc(
                { sid: "", effect: "Allow", actions: ["foo:ActionOne"] },
                { sid: "validSidOne", effect: "Allow", actions: ["bar:ActionOne"] },
            );
            const policyB = statementsDoc({ sid: "validSidTwo", effect: "Deny", actions: ["foo:ActionTwo"] });
            const policyC = statementsDoc({ sid: "", effect: "Allow", actions: ["bar:ActionTwo"] });
            assert.strictEqual(
                json({ version: "2012-10-17", sourcePolicyDocuments: [policyA, policyB, policyC] }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "foo:ActionOne"
    },
    {
      "Sid": "validSidOne",
      "Effect": "Allow",
      "Action": "bar:ActionOne"
    },
    {
      "Sid": "validSidTwo",
      "Effect": "Deny",
      "Action": "foo:ActionTwo"
    },
    {
      "Effect": "Allow",
      "Action": "bar:ActionTwo"
    }
  ]
}`,
            );
        });

        it("sourceConflicting: a configured statement replaces the source's of the same Sid", () => {
            const source = statementsDoc({ sid: "SourceJSONTestConflicting", actions: ["iam:*"], resources: ["*"] });
            assert.strictEqual(
                json({
                    sourcePolicyDocuments: [source],
                    statements: [{ sid: "SourceJSONTestConflicting", actions: ["*"], resources: ["*"] }],
                }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "SourceJSONTestConflicting",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`,
            );
        });

        it("sourceListConflicting: a Sid twice among the source documents fails", () => {
            const policyA = statementsDoc(
                { sid: "", effect: "Allow", actions: ["foo:ActionOne"] },
                { sid: "conflictSid", effect: "Allow", actions: ["bar:ActionOne"] },
            );
            const policyB = statementsDoc({ sid: "validSid", effect: "Deny", actions: ["foo:ActionTwo"] });
            const policyC = statementsDoc({ sid: "conflictSid", effect: "Allow", actions: ["bar:ActionTwo"] });
            const message = failure({ version: "2012-10-17", sourcePolicyDocuments: [policyA, policyB, policyC] });
            assert.strictEqual(
                message,
                "writing IAM Policy Document: merging source document 2: duplicate Sid (conflictSid) in source_policy_documents (statement 0). Remove the Sid or ensure Sids are unique.",
            );
            assert.match(message, /duplicate Sid (.*?)/);
        });

        it("override: an override document replaces the configured statement of its Sid, in place", () => {
            const override = statementsDoc({ sid: "SidToOverwrite", actions: ["s3:*"], resources: ["*"] });
            assert.strictEqual(
                json({
                    overridePolicyDocuments: [override],
                    statements: [
                        { actions: ["ec2:*"], resources: ["*"] },
                        {
                            sid: "SidToOverwrite",
                            actions: ["s3:*"],
                            resources: [`arn:${partition}:s3:::somebucket`, `arn:${partition}:s3:::somebucket/*`],
                        },
                    ],
                }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*"
    },
    {
      "Sid": "SidToOverwrite",
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "*"
    }
  ]
}`,
            );
        });

        it("overrideList: later override documents override earlier ones", () => {
            const policyA = statementsDoc(
                { sid: "", effect: "Allow", actions: ["foo:ActionOne"] },
                { sid: "overrideSid", effect: "Allow", actions: ["bar:ActionOne"] },
            );
            const policyB = statementsDoc({ sid: "validSid", effect: "Deny", actions: ["foo:ActionTwo"] });
            const policyC = statementsDoc({ sid: "overrideSid", effect: "Deny", actions: ["bar:ActionOne"] });
            assert.strictEqual(
                json({ version: "2012-10-17", overridePolicyDocuments: [policyA, policyB, policyC] }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "foo:ActionOne"
    },
    {
      "Sid": "overrideSid",
      "Effect": "Deny",
      "Action": "bar:ActionOne"
    },
    {
      "Sid": "validSid",
      "Effect": "Deny",
      "Action": "foo:ActionTwo"
    }
  ]
}`,
            );
        });

        it("noStatementMerge / noStatementOverride: source then override without statements of its own", () => {
            const override = statementsDoc({ sid: "OverridePlaceholder", actions: ["s3:GetObject"], resources: ["*"] });
            const merged = json({
                sourcePolicyDocuments: [
                    statementsDoc({ sid: "", actions: ["ec2:DescribeAccountAttributes"], resources: ["*"] }),
                ],
                overridePolicyDocuments: [override],
            });
            assert.strictEqual(
                merged,
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:DescribeAccountAttributes",
      "Resource": "*"
    },
    {
      "Sid": "OverridePlaceholder",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}`,
            );
            const overridden = json({
                sourcePolicyDocuments: [
                    statementsDoc({
                        sid: "OverridePlaceholder",
                        actions: ["ec2:DescribeAccountAttributes"],
                        resources: ["*"],
                    }),
                ],
                overridePolicyDocuments: [override],
            });
            assert.strictEqual(
                overridden,
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OverridePlaceholder",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}`,
            );
        });

        it("duplicateSid: a Sid twice among the statements fails; blank Sids may repeat", () => {
            const message = failure({
                statements: [
                    { sid: "1", effect: "Allow", actions: ["ec2:DescribeAccountAttributes"], resources: ["*"] },
                    { sid: "1", effect: "Allow", actions: ["s3:GetObject"], resources: ["*"] },
                ],
            });
            assert.strictEqual(
                message,
                "writing IAM Policy Document: duplicate Sid (1). Remove the Sid or ensure the Sid is unique.",
            );
            assert.match(message, /duplicate Sid/);
            assert.strictEqual(
                json({
                    statements: [
                        { sid: "", effect: "Allow", actions: ["ec2:DescribeAccountAttributes"], resources: ["*"] },
                        { sid: "", effect: "Allow", actions: ["s3:GetObject"], resources: ["*"] },
                    ],
                }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:DescribeAccountAttributes",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}`,
            );
        });

        it("version20081017: the older version renders, and refuses &{ wherever it would be replaced", () => {
            assert.strictEqual(
                json({ version: "2008-10-17", statements: [{ actions: ["ec2:*"], resources: ["*"] }] }),
                `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*"
    }
  ]
}`,
            );
            const old = (statement: Record<string, any>) => failure({ version: "2008-10-17", statements: [statement] });
            const notSupported = (s: string) =>
                `found &{ sequence in (${s}), which is not supported in document version 2008-10-17`;
            const messages = [
                old({
                    actions: ["*"],
                    resources: ["*"],
                    conditions: [
                        { test: "StringLike", values: ["home/", "home/&{aws:username}/"], variable: "s3:prefix" },
                    ],
                }),
                old({
                    actions: ["*"],
                    resources: ["*"],
                    notPrincipals: [{ identifiers: ["&{aws:username}"], type: "AWS" }],
                }),
                old({ actions: ["*"], notResources: [`arn:${partition}:s3:::foo/home/&{aws:username}`] }),
                old({
                    actions: ["*"],
                    resources: ["*"],
                    principals: [{ identifiers: ["&{aws:username}"], type: "AWS" }],
                }),
                old({ actions: ["*"], resources: [`arn:${partition}:s3:::foo/home/&{aws:username}`] }),
            ];
            assert.deepStrictEqual(messages, [
                `reading condition: reading values: ${notSupported("home/&{aws:username}/")}`,
                `reading not_principals: reading identifiers: ${notSupported("&{aws:username}")}`,
                `reading not_resources: ${notSupported(`arn:${partition}:s3:::foo/home/&{aws:username}`)}`,
                `reading principals: reading identifiers: ${notSupported("&{aws:username}")}`,
                `reading resources: ${notSupported(`arn:${partition}:s3:::foo/home/&{aws:username}`)}`,
            ]);
            for (const message of messages)
                assert.match(
                    message,
                    /found &\{ sequence in \(.+\), which is not supported in document version 2008-10-17/,
                );
        });

        it("statementPrincipalIdentifiers: blocks of one type concatenate in the set's hash order", () => {
            const stringAndSlice = minified({
                statements: [
                    {
                        actions: ["*"],
                        resources: ["*"],
                        sid: "StatementPrincipalIdentifiersStringAndSlice",
                        principals: [
                            { identifiers: [`arn:${partition}:iam::111111111111:root`], type: "AWS" },
                            {
                                identifiers: [
                                    `arn:${partition}:iam::222222222222:root`,
                                    `arn:${partition}:iam::333333333333:root`,
                                ],
                                type: "AWS",
                            },
                        ],
                    },
                ],
            });
            assert.strictEqual(
                stringAndSlice,
                `{"Version":"2012-10-17","Statement":[{"Sid":"StatementPrincipalIdentifiersStringAndSlice","Effect":"Allow","Action":"*","Resource":"*","Principal":{"AWS":["arn:${partition}:iam::111111111111:root","arn:${partition}:iam::333333333333:root","arn:${partition}:iam::222222222222:root"]}}]}`,
            );
            // The order is the crc32 hash order of each block, so it differs by partition: the
            // acceptance test has one expectation for the standard partition and one for GovCloud.
            const multiple = (p: string) =>
                JSON.parse(
                    minified({
                        statements: [
                            {
                                actions: ["*"],
                                resources: ["*"],
                                principals: [
                                    {
                                        identifiers: [
                                            `arn:${p}:iam::111111111111:root`,
                                            `arn:${p}:iam::222222222222:root`,
                                        ],
                                        type: "AWS",
                                    },
                                    { identifiers: [`arn:${p}:iam::333333333333:root`], type: "AWS" },
                                    { identifiers: [`arn:${p}:iam::444444444444:root`], type: "AWS" },
                                ],
                            },
                        ],
                    }),
                ).Statement[0].Principal.AWS;
            assert.deepStrictEqual(
                multiple("aws"),
                ["333333333333", "444444444444", "222222222222", "111111111111"].map((a) => `arn:aws:iam::${a}:root`),
            );
            assert.deepStrictEqual(
                multiple("aws-us-gov"),
                ["333333333333", "222222222222", "111111111111", "444444444444"].map(
                    (a) => `arn:aws-us-gov:iam::${a}:root`,
                ),
            );
        });

        it("conditionWithBoolValue: a source document's boolean becomes a string, one-value lists a string", () => {
            const source = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "RestrictAccessToSpecialTag",
            "Effect": "Deny",
            "Action": [
                "ec2:CreateTags",
                "ec2:DeleteTags"
            ],
            "Resource": "arn:${partition}:ec2:*:*:vpc/*",
            "Condition": {
                "Null": {
                    "aws:ResourceTag/SpecialTag": false
                },
                "StringLike": {
                    "aws:ResourceAccount": [
                        "123456"
                    ],
                    "aws:PrincipalArn": "arn:${partition}:iam::*:role/AWSAFTExecution"
                }
            }
        }
    ]
}
`;
            const actual = json({ sourcePolicyDocuments: [source] });
            assert.strictEqual(
                actual,
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "RestrictAccessToSpecialTag",
      "Effect": "Deny",
      "Action": [
        "ec2:CreateTags",
        "ec2:DeleteTags"
      ],
      "Resource": "arn:${partition}:ec2:*:*:vpc/*",
      "Condition": {
        "Null": {
          "aws:ResourceTag/SpecialTag": "false"
        },
        "StringLike": {
          "aws:PrincipalArn": "arn:${partition}:iam::*:role/AWSAFTExecution",
          "aws:ResourceAccount": "123456"
        }
      }
    }
  ]
}`,
            );
            // testAccPolicyDocumentConditionWithBoolValueExpectedJSON, compared as equivalent JSON there.
            assert.deepStrictEqual(
                JSON.parse(actual),
                JSON.parse(`{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "RestrictAccessToSpecialTag",
            "Effect": "Deny",
            "Action": [
                "ec2:CreateTags",
                "ec2:DeleteTags"
            ],
            "Resource": "arn:${partition}:ec2:*:*:vpc/*",
            "Condition": {
                "Null": {
                    "aws:ResourceTag/SpecialTag": "false"
                },
                "StringLike": {
                    "aws:ResourceAccount": "123456",
                    "aws:PrincipalArn": "arn:${partition}:iam::*:role/AWSAFTExecution"
                }
            }
        }
    ]
  }`),
            );
        });

        it("sourcePolicyValidJSON / overridePolicyDocumentValidJSON: a document that is not JSON fails validation", () => {
            assert.strictEqual(
                failure({ sourcePolicyDocuments: ["{"] }),
                '"source_policy_documents.0" contains an invalid JSON: unexpected end of JSON input',
            );
            assert.strictEqual(
                failure({ overridePolicyDocuments: ["{"] }),
                '"override_policy_documents.0" contains an invalid JSON: unexpected end of JSON input',
            );
        });
    });

    describe("policies programs write", () => {
        it("a public-read bucket statement: type * with identifier * is the bare Principal *", () => {
            const inputs = {
                statements: [
                    {
                        sid: "PublicReadGetObject",
                        principals: [{ type: "*", identifiers: ["*"] }],
                        actions: ["s3:GetObject"],
                        resources: ["arn:aws:s3:::my-bucket/*"],
                    },
                ],
            };
            assert.strictEqual(
                json(inputs),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicReadGetObject",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-bucket/*",
      "Principal": "*"
    }
  ]
}`,
            );
            assert.strictEqual(
                minified(inputs),
                `{"Version":"2012-10-17","Statement":[{"Sid":"PublicReadGetObject","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket/*","Principal":"*"}]}`,
            );
        });

        it("an AWS-account principal with two identifiers, several actions and resources: each sorted in reverse", () => {
            assert.strictEqual(
                minified({
                    statements: [
                        {
                            sid: "CrossAccountRead",
                            actions: ["s3:GetObject", "s3:ListBucket"],
                            resources: ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"],
                            principals: [
                                { type: "AWS", identifiers: ["111122223333", "arn:aws:iam::444455556666:root"] },
                            ],
                        },
                    ],
                }),
                `{"Version":"2012-10-17","Statement":[{"Sid":"CrossAccountRead","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::my-bucket/*","arn:aws:s3:::my-bucket"],"Principal":{"AWS":["arn:aws:iam::444455556666:root","111122223333"]}}]}`,
            );
        });

        it("a StringEquals aws:SourceVpce condition, and a duplicate action or identifier counted once", () => {
            assert.strictEqual(
                json({
                    statements: [
                        {
                            sid: "AllowFromVpce",
                            principals: [{ type: "AWS", identifiers: ["*", "*"] }],
                            actions: ["s3:GetObject", "s3:GetObject"],
                            resources: ["arn:aws:s3:::my-bucket/*"],
                            conditions: [
                                { test: "StringEquals", variable: "aws:SourceVpce", values: ["vpce-1a2b3c4d"] },
                            ],
                        },
                    ],
                }),
                `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowFromVpce",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-bucket/*",
      "Principal": {
        "AWS": "*"
      },
      "Condition": {
        "StringEquals": {
          "aws:SourceVpce": "vpce-1a2b3c4d"
        }
      }
    }
  ]
}`,
            );
        });

        it("several conditions: tests and variables sorted, one value a string, more an array in order", () => {
            // The upstream documentation's example with multiple condition keys and values.
            assert.strictEqual(
                minified({
                    statements: [
                        {
                            actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                            resources: ["*"],
                            conditions: [
                                {
                                    test: "ForAnyValue:StringEquals",
                                    variable: "kms:EncryptionContext:service",
                                    values: ["pi"],
                                },
                                {
                                    test: "ForAnyValue:StringEquals",
                                    variable: "kms:EncryptionContext:aws:pi:service",
                                    values: ["rds"],
                                },
                                {
                                    test: "ForAnyValue:StringEquals",
                                    variable: "kms:EncryptionContext:aws:rds:db-id",
                                    values: ["db-EEEEEDDDDDCCCCCBBBBBAAAAA", "db-AAAAABBBBBCCCCCDDDDDEEEEE"],
                                },
                                { test: "Bool", variable: "aws:SecureTransport", values: ["true"] },
                            ],
                        },
                    ],
                }),
                `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"ForAnyValue:StringEquals":{"kms:EncryptionContext:aws:pi:service":"rds","kms:EncryptionContext:aws:rds:db-id":["db-EEEEEDDDDDCCCCCBBBBBAAAAA","db-AAAAABBBBBCCCCCDDDDDEEEEE"],"kms:EncryptionContext:service":"pi"}}}]}`,
            );
        });

        it("a NotPrincipal of several types, a Deny, and an empty statement that is just Allow", () => {
            assert.strictEqual(
                minified({
                    statements: [
                        {
                            effect: "Deny",
                            notPrincipals: [
                                { type: "Service", identifiers: ["logs.amazonaws.com"] },
                                { type: "AWS", identifiers: ["arn:aws:iam::111122223333:role/admin"] },
                            ],
                            actions: ["s3:*"],
                            resources: ["*"],
                        },
                        {},
                    ],
                }),
                `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/admin","Service":"logs.amazonaws.com"}},{"Effect":"Allow"}]}`,
            );
        });

        it("the default version, and an id of the policy", () => {
            assert.deepStrictEqual(render({}), {
                json: `{\n  "Version": "2012-10-17"\n}`,
                minifiedJson: `{"Version":"2012-10-17"}`,
            });
            assert.strictEqual(
                minified({ policyId: "key-policy", statements: [{ actions: ["kms:*"], resources: ["*"] }] }),
                `{"Version":"2012-10-17","Id":"key-policy","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`,
            );
            // An empty policy id is no id.
            assert.strictEqual(minified({ policyId: "" }), `{"Version":"2012-10-17"}`);
        });

        it("source and override documents merge by Sid: the Id adopted, the greater Version kept", () => {
            const source = `{"Version":"2012-10-17","Id":"from-source","Statement":[{"Sid":"Keep","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"Replace","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`;
            const override = `{"Statement":[{"Sid":"Replace","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}`;
            assert.strictEqual(
                minified({
                    version: "2008-10-17",
                    sourcePolicyDocuments: [source],
                    overridePolicyDocuments: [override],
                    statements: [{ sid: "Keep", actions: ["s3:GetObject"], resources: ["*"] }],
                }),
                `{"Version":"2012-10-17","Id":"from-source","Statement":[{"Sid":"Keep","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"Replace","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}`,
            );
        });

        it("a source document is decoded as Go decodes it: keys matched case-insensitively, principals re-sorted", () => {
            const source = `{"version":"2012-10-17","statement":[{"sid":"A","effect":"Deny","action":["s3:b","s3:a"],"resource":["*"],"principal":{"AWS":["arn:aws:iam::1:root","arn:aws:iam::2:root"],"Service":["ec2.amazonaws.com"]}},{"Principal":"anyone","NotAction":"","Condition":{"Null":{"x":1}}}],"Comment":"ignored"}`;
            assert.strictEqual(
                minified({ sourcePolicyDocuments: [source] }),
                // An `any` field keeps what the document had: no sorting, a one-item list stays a list.
                `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Deny","Action":["s3:b","s3:a"],"Resource":["*"],"Principal":{"AWS":["arn:aws:iam::2:root","arn:aws:iam::1:root"],"Service":["ec2.amazonaws.com"]}},{"NotAction":"","Principal":"*"}]}`,
            );
        });

        it("escapes strings as Go does for HTML: <, > and & as \\u escapes, and the line separators", () => {
            assert.strictEqual(
                minified({
                    statements: [
                        {
                            actions: ["s3:GetObject"],
                            resources: ["arn:aws:s3:::bucket/a&b/<c>/&{aws:username}"],
                            conditions: [
                                {
                                    test: "StringLike",
                                    variable: "aws:Referer",
                                    values: ['https://example.com/?q="x"\\y&z', "tab\there\u2028\u0001\u007f\b"],
                                },
                            ],
                        },
                    ],
                }),
                `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/a\\u0026b/\\u003cc\\u003e/\${aws:username}","Condition":{"StringLike":{"aws:Referer":["https://example.com/?q=\\"x\\"\\\\y\\u0026z","tab\\there\\u2028\\u0001\u007f\\b"]}}}]}`,
            );
        });

        it("its id is strconv.Itoa(crc32(json))", () => {
            assert.strictEqual(policyDocumentId("The quick brown fox jumps over the lazy dog"), "1095738169");
            assert.strictEqual(policyDocumentId(""), "0");
        });
    });

    describe("failures, with the provider's words", () => {
        it("the schema's validators: effect, sid, version, and the deprecated source_json / override_json", () => {
            assert.strictEqual(
                failure({ statements: [{ effect: "allow", actions: ["s3:*"] }] }),
                'expected statement.0.effect to be one of ["Allow" "Deny"], got allow',
            );
            assert.strictEqual(
                failure({ statements: [{}, { sid: "read-only", actions: ["s3:*"] }] }),
                "invalid value for statement.1.sid (must only include alphanumeric characters)",
            );
            assert.strictEqual(
                failure({ version: "2012-10-18" }),
                'expected version to be one of ["2008-10-17" "2012-10-17"], got 2012-10-18',
            );
            assert.strictEqual(
                failure({ sourceJson: '{"Version":"2012-10-17"}' }),
                'expected "source_json" to be an empty string: got {"Version":"2012-10-17"}',
            );
            assert.strictEqual(json({ sourceJson: "", overrideJson: "" }), `{\n  "Version": "2012-10-17"\n}`);
        });

        it("a document that is not JSON fails with Go's syntax error", () => {
            const invalid = (text: string) => failure({ overridePolicyDocuments: ["{}", text] });
            const prefix = '"override_policy_documents.1" contains an invalid JSON: ';
            assert.strictEqual(
                invalid('{"Statement": [1,]}'),
                `${prefix}invalid character ']' looking for beginning of value`,
            );
            assert.strictEqual(invalid('{"Version" "2012-10-17"}'), `${prefix}invalid character '"' after object key`);
            assert.strictEqual(
                invalid("{'Version': 1}"),
                `${prefix}invalid character '\\'' looking for beginning of object key string`,
            );
            assert.strictEqual(invalid('{"Version": 1} x'), `${prefix}invalid character 'x' after top-level value`);
            assert.strictEqual(invalid('{"a": -'), `${prefix}invalid character ' ' in numeric literal`);
            assert.strictEqual(invalid('{"a": tru}'), `${prefix}invalid character '}' in literal true (expecting 'e')`);
            assert.strictEqual(invalid('{"a": "\\x"}'), `${prefix}invalid character 'x' in string escape code`);
        });

        it("a document Go cannot decode into the policy model fails as the model's unmarshalling does", () => {
            assert.strictEqual(
                failure({ sourcePolicyDocuments: [`{"Statement":[{"Principal":{"AWS":[123]}}]}`] }),
                'writing IAM Policy Document: merging source document 0: Unsupported element type float64 for IAMPolicyStatementPrincipalSet.Identifiers[0] (principal type "AWS"): must be string',
            );
            assert.strictEqual(
                failure({ overridePolicyDocuments: [`{"Statement":[{"Principal":["*"]}]}`] }),
                "writing IAM Policy Document: merging override document 0: Unsupported data type []interface {} for IAMPolicyStatementPrincipalSet",
            );
        });
    });

    it("is what a program's getPolicyDocument returns under the harness, so a pack reads IAM JSON", async () => {
        const evaluation = await evaluate({
            program: () => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const aws = require("@pulumi/aws");
                const doc = aws.iam.getPolicyDocumentOutput({
                    statements: [
                        {
                            sid: "PublicRead",
                            principals: [{ type: "*", identifiers: ["*"] }],
                            actions: ["s3:GetObject"],
                            resources: ["arn:aws:s3:::uploads/*"],
                        },
                    ],
                });
                new aws.s3.BucketPolicy("uploads-policy", { bucket: "uploads", policy: doc.json });
            },
        });
        const policy = evaluation.resources.find((r) => r.name === "uploads-policy")!.inputs.policy;
        assert.strictEqual(
            policy,
            [
                "{",
                '  "Version": "2012-10-17",',
                '  "Statement": [',
                "    {",
                '      "Sid": "PublicRead",',
                '      "Effect": "Allow",',
                '      "Action": "s3:GetObject",',
                '      "Resource": "arn:aws:s3:::uploads/*",',
                '      "Principal": "*"',
                "    }",
                "  ]",
                "}",
            ].join("\n"),
        );
    });
});
