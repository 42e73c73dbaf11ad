// The load balancer Elastic Beanstalk makes from an environment's option settings, through the
// TLS rule, and a single-instance environment's instance through the app-port rule.
import * as assert from "assert";
import { port80OnlyFromBalancer } from "../../../../policies/rules/port-80-only-from-balancer";
import { tlsAtBalancer } from "../../../../policies/rules/tls-at-balancer";
import { FakeResource, UNKNOWN_STRING, assertNone, assertViolation, validateStack } from "../../helpers";

const ENVIRONMENT = "aws:elasticbeanstalk/environment:Environment";
const TEMPLATE = "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate";
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const MODERN = "ELBSecurityPolicy-TLS13-1-2-2021-06";

type Setting = [namespace: string, name: string, value: unknown];

const environment = (settings: Setting[], props: Record<string, unknown> = {}): FakeResource => ({
    type: ENVIRONMENT,
    name: "shop-env",
    props: {
        application: "shop",
        solutionStackName: "64bit Amazon Linux 2023 v4.3.0 running PHP 8.3",
        settings: settings.map(([namespace, name, value]) => ({ namespace, name, value })),
        ...props,
    },
});

const ALB: Setting = ["aws:elasticbeanstalk:environment", "LoadBalancerType", "application"];
const HTTPS_443: Setting[] = [
    ["aws:elbv2:listener:443", "Protocol", "HTTPS"],
    ["aws:elbv2:listener:443", "SSLCertificateArns", CERT],
    ["aws:elbv2:listener:443", "SSLPolicy", MODERN],
];
const DEFAULT_OFF: Setting = ["aws:elbv2:listener:default", "ListenerEnabled", "false"];

const tls = (resources: FakeResource[], config: Record<string, unknown> = {}) =>
    validateStack(tlsAtBalancer, resources, config);

describe("Elastic Beanstalk's load balancer", () => {
    it("refuses the default environment: a classic balancer with only its HTTP listener", async () => {
        const found = await tls([environment([])]);
        assertViolation(found, "(aws:elb:listener) serves plain HTTP", "a classic load balancer cannot redirect");
        assertViolation(found, "has no HTTPS listener", "aws:elb:listener:443");
        assertNone(await tls([environment([])], { allowHttpOnly: true }));
    });

    it("refuses an application balancer's default HTTP listener next to HTTPS: settings cannot make it redirect", async () => {
        const found = await tls([environment([ALB, ...HTTPS_443])]);
        assert.strictEqual(found.length, 1, found.map((v) => v.message).join("\n"));
        assertViolation(found, "(aws:elbv2:listener:default) serves plain HTTP", ".ebextensions", "ListenerEnabled");
        // Plain HTTP is not what allowHttpOnly allows once the balancer serves HTTPS.
        assert.strictEqual((await tls([environment([ALB, ...HTTPS_443])], { allowHttpOnly: true })).length, 1);
    });

    it("passes HTTPS only, with a certificate and a modern policy", async () => {
        assertNone(await tls([environment([ALB, DEFAULT_OFF, ...HTTPS_443])]));
    });

    it("refuses HTTPS without a certificate, with the default or an old policy, and raw TCP", async () => {
        const noCert = await tls([environment([ALB, DEFAULT_OFF, ["aws:elbv2:listener:443", "Protocol", "HTTPS"]])]);
        assertViolation(noCert, "(aws:elbv2:listener:443) is HTTPS but names no certificate");
        assertViolation(noCert, "no SSLPolicy (the AWS default ELBSecurityPolicy-2016-08");
        assertViolation(
            await tls([
                environment([
                    ALB,
                    DEFAULT_OFF,
                    ...HTTPS_443.slice(0, 2),
                    ["aws:elbv2:listener:443", "SSLPolicy", "ELBSecurityPolicy-TLS-1-0-2015-04"],
                ]),
            ]),
            "SSLPolicy elbsecuritypolicy-tls-1-0-2015-04",
        );
        assertViolation(
            await tls([environment([["aws:elasticbeanstalk:environment", "LoadBalancerType", "network"]])]),
            "network load balancer",
        );
    });

    it("reads a classic balancer's HTTPS listener and its legacy ports", async () => {
        const classicHttps: Setting[] = [
            ["aws:elb:listener:443", "ListenerProtocol", "HTTPS"],
            ["aws:elb:listener:443", "SSLCertificateId", CERT],
            ["aws:elb:listener", "ListenerEnabled", "false"],
        ];
        assertNone(await tls([environment(classicHttps)]));
        assertNone(
            await tls([
                environment([
                    ["aws:elb:loadbalancer", "LoadBalancerHTTPPort", "OFF"],
                    ["aws:elb:loadbalancer", "LoadBalancerHTTPSPort", "443"],
                    ["aws:elb:loadbalancer", "SSLCertificateId", CERT],
                ]),
            ]),
        );
    });

    it("reads the configuration template the environment names, under its own settings", async () => {
        const template: FakeResource = {
            type: TEMPLATE,
            name: "shop-template",
            props: {
                name: "shop-https",
                application: "shop",
                settings: [ALB, DEFAULT_OFF, ...HTTPS_443].map(([namespace, name, value]) => ({
                    namespace,
                    name,
                    value,
                })),
            },
        };
        assertNone(await tls([template, environment([], { templateName: "shop-https" })]));
        // The environment's own setting wins over the template's.
        assertViolation(
            await tls([
                template,
                environment([["aws:elbv2:listener:default", "ListenerEnabled", "true"]], {
                    templateName: "shop-https",
                }),
            ]),
            "(aws:elbv2:listener:default) serves plain HTTP",
        );
    });

    it("leaves worker and single-instance environments to other rules, and does not pass unknown settings", async () => {
        assertNone(await tls([environment([], { tier: "Worker" })]));
        assertNone(
            await tls([environment([["aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"]])]),
        );
        assertViolation(
            await tls([
                environment([ALB, ["aws:elbv2:listener:default", "ListenerEnabled", UNKNOWN_STRING], ...HTTPS_443]),
            ]),
            "unknown during preview",
        );
        assertViolation(
            await tls([{ ...environment([]), props: { settings: UNKNOWN_STRING } }]),
            "option settings unknown",
        );
    });

    it("refuses a single-instance web server: its instance admits HTTP from the world, no balancer in front", async () => {
        const single = environment([["aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"]]);
        assertViolation(
            await validateStack(port80OnlyFromBalancer, [single]),
            "SingleInstance",
            "0.0.0.0/0",
            'EnvironmentType to "LoadBalanced"',
        );
        assertNone(await validateStack(port80OnlyFromBalancer, [environment([])]));
        assertNone(
            await validateStack(port80OnlyFromBalancer, [
                environment([
                    ["aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"],
                    ["aws:autoscaling:launchconfiguration", "DisableDefaultEC2SecurityGroup", "true"],
                ]),
            ]),
        );
    });
});
