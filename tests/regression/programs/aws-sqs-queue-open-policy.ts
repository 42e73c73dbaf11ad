// Laravel's sqs queue driver, with a queue policy written so that "the workers can use the queue"
// by granting send and receive to every principal: anyone can push a job the workers unserialize
// and run. The dead-letter queue takes only the main queue's redrives, as AWS documents it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export = function program() {
    const deadLetters = new aws.sqs.Queue("shop-jobs-dlq", { sqsManagedSseEnabled: true });
    const jobs = new aws.sqs.Queue("shop-jobs", {
        sqsManagedSseEnabled: true,
        visibilityTimeoutSeconds: 120,
        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 5 }),
    });
    new aws.sqs.QueuePolicy("shop-jobs-policy", {
        queueUrl: jobs.url,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Workers",
                    Effect: "Allow",
                    Principal: "*",
                    Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                    Resource: jobs.arn,
                },
            ],
        }),
    });
    new aws.sqs.RedriveAllowPolicy("shop-jobs-dlq-allow", {
        queueUrl: deadLetters.url,
        redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: "byQueue", sourceQueueArns: [jobs.arn] }),
    });
}
