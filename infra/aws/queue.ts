import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { QueueEndpoint, applyTransform, Transform } from "../components";
import { WebtierConfig } from "../config/types";
import { nameTag } from "./tags";

/** A job that failed this many deliveries goes to the dead-letter queue instead of looping. */
export const MAX_RECEIVE_COUNT = 5;

/**
 * How long a received job stays invisible to other workers: above Laravel's default job
 * timeout (60 s) so a slow job is not handed to a second worker while the first still runs.
 */
export const VISIBILITY_TIMEOUT_SECONDS = 120;

/** Fourteen days, SQS's maximum: time to look at failed jobs before they vanish. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

export interface QueueArgs {
    /** The validated stack config; reads `queue.driver`. */
    config: WebtierConfig;
    /** Escape hatches for the queue's children. */
    transform?: {
        queue?: Transform<aws.sqs.QueueArgs>;
        deadLetterQueue?: Transform<aws.sqs.QueueArgs>;
    };
}

/**
 * The queue the workers on every server consume. With the "redis" driver the shared cache is
 * the queue and nothing is created here; with "sqs", an encrypted SQS queue with a
 * dead-letter queue for jobs that keep failing.
 */
export class Queue extends pulumi.ComponentResource {
    public readonly queue?: aws.sqs.Queue;
    public readonly deadLetterQueue?: aws.sqs.Queue;
    /** The neutral view the servers and outputs use. */
    public readonly endpoint: QueueEndpoint;

    constructor(name: string, args: QueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:Queue", name, {}, opts);
        const { config } = args;
        const t = args.transform ?? {};
        const parent = { parent: this };

        if (config.queue.driver !== "sqs") {
            this.endpoint = { driver: config.queue.driver };
            this.registerOutputs({});
            return;
        }

        this.deadLetterQueue = new aws.sqs.Queue(
            `${name}-jobs-dlq`,
            applyTransform<aws.sqs.QueueArgs>(
                {
                    sqsManagedSseEnabled: true,
                    messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
                    tags: nameTag(`${name}-jobs-dlq`),
                },
                t.deadLetterQueue,
            ),
            parent,
        );

        this.queue = new aws.sqs.Queue(
            `${name}-jobs`,
            applyTransform<aws.sqs.QueueArgs>(
                {
                    sqsManagedSseEnabled: true,
                    visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
                    // Workers long-poll: fewer empty receives, lower cost, same latency.
                    receiveWaitTimeSeconds: 20,
                    redrivePolicy: this.deadLetterQueue.arn.apply((deadLetterTargetArn) =>
                        JSON.stringify({ deadLetterTargetArn, maxReceiveCount: MAX_RECEIVE_COUNT }),
                    ),
                    tags: nameTag(`${name}-jobs`),
                },
                t.queue,
            ),
            parent,
        );

        this.endpoint = { driver: "sqs", url: this.queue.url, name: this.queue.name };
        this.registerOutputs({ url: this.queue.url });
    }
}
