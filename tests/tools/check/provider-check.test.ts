// What a bridged provider's Check refuses fails the check as it fails `pulumi preview` and
// `pulumi up` (before any cloud call), after the pack has judged every resource: each error in the
// engine's words at the line that declares the resource, in every report format, exit code 2.
import * as assert from "assert";
import * as path from "path";
import { renderPolicies } from "../../../tools/check/engine-display";
import { renderJson, renderMarkdown, renderText } from "../../../tools/check/report";
import { exitCodeOf } from "../../../tools/check/results";
import { runCheck } from "../../../tools/check/run";
import { renderSarif } from "../../../tools/check/sarif";
import { DIST_ROOT, REPO_ROOT, program } from "./paths";

const FIXTURE = path.relative(REPO_ROOT, program("check-refused.js"));

describe("the providers' Check through the check", () => {
    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`fails the stack with the engine's errors, located, and keeps the pack's violations, ${mode}`, async () => {
            const result = await runCheck({ distRoot: DIST_ROOT, projectDir: REPO_ROOT, program: FIXTURE, preview });
            const [stack] = result.stacks;
            assert.strictEqual(stack.error, undefined, stack.error);
            assert.deepStrictEqual(stack.checkErrors?.map((e) => [e.resource, e.message, e.declaredAt?.line]).sort(), [
                [
                    "app",
                    "aws:lb/targetGroup:TargetGroup resource 'app' has a problem: expected health_check.0.interval to be in the range (5 - 300), got 2. Examine values at 'app.healthCheck.interval'.",
                    8,
                ],
                [
                    "nowhere",
                    "Missing Attribute Configuration: Exactly one of these attributes must be configured: [cidr_ipv4,cidr_ipv6,prefix_list_id,referenced_security_group_id]",
                    24,
                ],
                [
                    "public",
                    "digitalocean:index/loadBalancer:LoadBalancer resource 'public' has a problem: expected healthcheck.0.check_interval_seconds to be in the range (3 - 300), got 1. Examine values at 'public.healthcheck.checkIntervalSeconds'.",
                    18,
                ],
            ]);
            assert.ok(
                stack.violations.some((v) => v.resource === "admin" && v.level === "mandatory"),
                "the pack still judged the stack",
            );
            assert.strictEqual(exitCodeOf(result), 2);

            const text = renderText(result);
            assert.match(text, /refused by the provider's Check/);
            assert.match(
                text,
                /resource 'app' has a problem: .* declared at tests\/fixtures\/programs\/check-refused\.js:8/,
            );
            assert.match(text, /1 stack refused by a provider's Check \(exit 2\)/);
            const json = JSON.parse(renderJson(result));
            assert.strictEqual(json.stacks[0].checkErrors.length, 3);
            // Located as in the text report: the program line that declared the refused resource.
            const app = json.stacks[0].checkErrors.find((e: any) => e.resource === "app");
            assert.deepStrictEqual(
                [app.declaredAt.file, app.declaredAt.line],
                ["tests/fixtures/programs/check-refused.js", 8],
            );
            assert.strictEqual(json.exitCode, 2);
            assert.match(renderMarkdown(result), /## Policy check: ❌ refused by a provider's Check/);
            // As the CLI prints it: the Policies block, then the errors.
            assert.match(
                renderPolicies(result),
                /\nerror: aws:lb\/targetGroup:TargetGroup resource 'app' has a problem: /,
            );

            const sarif = JSON.parse(renderSarif(result));
            const invocation = sarif.runs[0].invocations[0];
            assert.strictEqual(invocation.executionSuccessful, false);
            const located = invocation.toolExecutionNotifications.map(
                (n: any) =>
                    `${n.locations[0].physicalLocation.artifactLocation.uri}:${n.locations[0].physicalLocation.region.startLine} ${n.locations[0].logicalLocations[0].name}`,
            );
            assert.deepStrictEqual(located.sort(), [
                "tests/fixtures/programs/check-refused.js:18 public",
                "tests/fixtures/programs/check-refused.js:24 nowhere",
                "tests/fixtures/programs/check-refused.js:8 app",
            ]);
            // Check's error is printed as it stands, as the engine prints it under the resource.
            assert.match(renderPolicies(result), /\nerror: Missing Attribute Configuration: Exactly one of /);
        });
    }
});
