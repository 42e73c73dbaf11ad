import { strict as assert } from "assert";
import { build, named, ofType, T } from "./fixture";

describe("AWS queue (registered resources)", function () {
    this.timeout(120000);

    it("creates an encrypted SQS queue with a dead-letter queue after 5 receives when the driver is sqs", async () => {
        const built = await build("prod");
        const queue = named(built, "prod-jobs");
        const deadLetter = named(built, "prod-jobs-dlq");
        assert.equal(queue.inputs.sqsManagedSseEnabled, true);
        assert.equal(deadLetter.inputs.sqsManagedSseEnabled, true);
        assert.deepEqual(JSON.parse(queue.inputs.redrivePolicy), {
            deadLetterTargetArn: deadLetter.state.arn,
            maxReceiveCount: 5,
        });
        assert.ok(
            queue.inputs.visibilityTimeoutSeconds > 60,
            "a job must not reappear before Laravel's default 60 s timeout",
        );
    });

    it("hands the workers the queue's URL and name", async () => {
        const { evaluation } = await build("prod");
        assert.equal(evaluation.outputs.queue.driver, "sqs");
        assert.equal(evaluation.outputs.queue.url, named(await build("prod"), "prod-jobs").state.url);
        assert.ok(evaluation.outputs.queue.url.endsWith(`/${evaluation.outputs.queue.name}`));
    });

    it("creates no queue with the redis driver", async () => {
        const built = await build("dev");
        assert.equal(ofType(built, T.queue).length, 0);
        assert.deepEqual(built.evaluation.outputs.queue, { driver: "redis", url: undefined, name: undefined });
    });
});
