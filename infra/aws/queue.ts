import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { QueueEndpoint } from "../components";
import { QueueDriver } from "../config/types";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
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

/** Escape hatches for the queue's children, by role (both exist only with the sqs driver). */
export interface QueueTransform {
    deadLetterQueue?: Transform<aws.sqs.QueueArgs>;
    queue?: Transform<aws.sqs.QueueArgs>;
}

export interface QueueArgs {
    /**
     * "redis" (the shared cache is the queue: nothing to create) or "sqs". Required: the platform
     * passes `webtier:queue.driver` (default in parseConfig's `DEFAULTS.queue.driver`: redis, which
     * needs no AWS permissions of its own and works the same on every cloud).
     */
    driver: QueueDriver;
    /** Escape hatches for the children. Default: none. */
    transform?: QueueTransform;
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
        const t = args.transform ?? {};

        if (args.driver !== "sqs") {
            this.endpoint = { driver: args.driver };
            this.registerOutputs({});
            return;
        }

        const deadLetterName = childName(name, "jobs-dlq");
        this.deadLetterQueue = new aws.sqs.Queue(
            ...transform(
                t.deadLetterQueue,
                deadLetterName,
                {
                    sqsManagedSseEnabled: true,
                    messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
                    tags: nameTag(deadLetterName),
                },
                { parent: this },
            ),
        );

        const queueName = childName(name, "jobs");
        const deadLetterArn = this.deadLetterQueue.arn;
        this.queue = new aws.sqs.Queue(
            ...transform(
                t.queue,
                queueName,
                {
                    sqsManagedSseEnabled: true,
                    visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
                    // Workers long-poll: fewer empty receives, lower cost, same latency.
                    receiveWaitTimeSeconds: 20,
                    redrivePolicy: deadLetterArn.apply((deadLetterTargetArn) =>
                        JSON.stringify({ deadLetterTargetArn, maxReceiveCount: MAX_RECEIVE_COUNT }),
                    ),
                    tags: nameTag(queueName),
                },
                { parent: this },
            ),
        );

        this.endpoint = { driver: "sqs", url: this.queue.url, name: this.queue.name };
        this.registerOutputs({ url: this.queue.url });
    }
}
