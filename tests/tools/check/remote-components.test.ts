// Remote (multi-language) components: their plugin builds what is inside them under the engine,
// the offline check runs no plugins, so a stack with one gets no verdict (remote-components.ts).
import * as assert from "assert";
import * as path from "path";
import { recordStaysRemote } from "../../../tools/harness/component-swap";
import type { RegisteredResource } from "../../../tools/harness/evaluate";
import { PolicyPack } from "../../../tools/check/pack";
import { remoteComponentsError } from "../../../tools/check/remote-components";
import { exitCodeOf } from "../../../tools/check/results";
import { runCheck } from "../../../tools/check/run";
import { DIST_ROOT, FIXTURE_PACK, REPO_ROOT, program } from "./paths";

/** A registered resource with only what the error reads. */
const registered = (type: string, name: string, remote: boolean) =>
    ({ type, name, ...(remote ? { remote: true } : {}) }) as RegisteredResource;

describe("remote components", () => {
    it("leave a stack without them alone, and name each one, its plugin and the way out", () => {
        assert.strictEqual(
            remoteComponentsError([
                registered("awsx:ec2:Vpc", "main", false),
                registered("aws:s3/bucket:Bucket", "b", false),
            ]),
            undefined,
        );
        const one = remoteComponentsError([
            registered("aws:s3/bucket:Bucket", "b", false),
            registered("awsx:ec2:Vpc", "main", true),
        ])!;
        assert.match(one, /a remote \(multi-language\) component: awsx:ec2:Vpc "main"\./);
        assert.match(one, /the "awsx" provider plugin builds the resources inside it/);
        assert.match(one, /pulumi preview --policy-pack/);
        const many = remoteComponentsError([
            ...["a", "b", "c", "d", "e", "f", "g"].map((n) => registered("awsx:lb:ApplicationLoadBalancer", n, true)),
            registered("eks:index:Cluster", "k", true),
        ])!;
        assert.match(many, /8 remote \(multi-language\) components: .*"e", 3 more\./);
        assert.match(many, /the "awsx", "eks" provider plugins build the resources inside them/);
    });

    it("say which options kept a component of an emulated major remote, where its emulation recorded them", () => {
        const plain = remoteComponentsError([registered("awsx:ec2:Vpc", "other-major", true)])!;
        assert.match(
            plain,
            /The check builds awsx's components itself for @pulumi\/awsx 2\.x and 3\.x; this program's awsx is another major\./,
        );
        recordStaysRemote("awsx:ec2:Vpc", "odd", ["someOption", "otherOption"]);
        const told = remoteComponentsError([
            registered("awsx:ec2:Vpc", "odd", true),
            registered("awsx:ec2:Vpc", "other-major", true),
        ])!;
        assert.match(
            told,
            /The check builds awsx's components itself for @pulumi\/awsx 2\.x and 3\.x, but not every option of them as the provider does: awsx:ec2:Vpc "odd" sets someOption, otherOption\./,
        );
    });

    describe("through the offline check", () => {
        let pack: PolicyPack;
        before(async () => {
            pack = await PolicyPack.start(FIXTURE_PACK);
        });
        after(() => pack.close());

        const check = (config: string[]) =>
            runCheck({
                distRoot: DIST_ROOT,
                projectDir: REPO_ROOT,
                program: path.relative(REPO_ROOT, program("remote-component.js")),
                config,
                pack,
            });

        it("give the stack no verdict (exit 2), not a pass on what the check could see", async () => {
            const result = await check([]);
            const [stack] = result.stacks;
            assert.match(stack.error ?? "", /remote \(multi-language\) component: awsx:ec2:Vpc "main"/);
            assert.deepStrictEqual(stack.violations, [], "no verdict, not a partial one");
            assert.strictEqual(exitCodeOf(result), 2);
        });

        it("lead the error when the program then fails, naming the component before the program's own failure", async () => {
            const result = await check(["readsOutput=true"]);
            const [stack] = result.stacks;
            const error = stack.error ?? "";
            assert.match(error, /^the program registers a remote \(multi-language\) component: awsx:ec2:Vpc "main"\./);
            assert.match(
                error,
                /The program then failed, possibly on an output of such a component that only its provider gives/,
            );
            // The program's own failure follows, as the language host would print it.
            assert.match(error, /TypeError: .*Cannot read properties of undefined \(reading '0'\)/);
            assert.strictEqual(exitCodeOf(result), 2);
        });

        it("are not confused with a local component of the same type", async () => {
            const result = await check(["remote=false"]);
            const [stack] = result.stacks;
            assert.strictEqual(stack.error, undefined, stack.error);
            assert.ok(stack.violations.some((v) => v.policy === "bucket-private" && v.resource === "assets"));
            assert.strictEqual(exitCodeOf(result), 1);
        });
    });
});
