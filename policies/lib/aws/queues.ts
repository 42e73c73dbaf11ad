/**
 * The SQS queue the workers read (Laravel's `sqs` driver) is the same risk as the cache that holds
 * the `redis` queue: whoever can send to it has a job unserialized and run on every app server,
 * whoever can receive from it reads the jobs' payloads (models, mail, tokens), whoever can delete
 * or purge drops them. A queue policy (the queue's own `policy`, a QueuePolicy, the native
 * provider's QueuePolicy and QueueInlinePolicy) must not grant any of that to every principal
 * (`Principal: "*"`, `NotPrincipal`) without a condition naming fixed sources: an S3 bucket's or
 * an SNS topic's notifications are granted to the service, or to "*" limited by aws:SourceArn.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { policyIsPublic } from "../storage";
import { UNKNOWN, describe } from "../values";

/** Resources that carry an SQS queue policy, and the property holding it. */
const QUEUE_POLICIES: Readonly<Record<string, string>> = {
    "aws:sqs/queue:Queue": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws-native:sqs:QueuePolicy": "policyDocument",
    "aws-native:sqs:QueueInlinePolicy": "policyDocument",
};

/** What each action lets the world do to the app's jobs. */
const ACTIONS: ReadonlyArray<[string, string]> = [
    ["sqs:SendMessage", "send jobs, which the workers unserialize and run"],
    ["sqs:ReceiveMessage", "read the jobs' payloads"],
    ["sqs:DeleteMessage", "delete jobs"],
    ["sqs:PurgeQueue", "purge the queue"],
];

/** Every SQS queue policy of the stack that lets everyone at the jobs, or cannot be proven not to. */
export function publicQueueFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    const types = Object.keys(QUEUE_POLICIES);
    for (const res of graph.ofType(types)) {
        const policy = res.props[QUEUE_POLICIES[res.type]];
        const answers = ACTIONS.map(([action, what]) => ({ action, what, public: policyIsPublic(policy, action) }));
        const granted = answers.filter((answer) => answer.public === true);
        if (granted.length > 0) {
            findings.push({
                urn: res.urn,
                message: `${describe(res)} lets every principal (Principal "*" or NotPrincipal) ${granted.map((g) => `${g.what} (${g.action})`).join(", ")}, with no condition naming fixed sources (aws:SourceArn, aws:SourceAccount, aws:PrincipalArn, ...). Grant the queue's actions to the app servers' role only (through its IAM policy), and a notification source as its service principal limited by aws:SourceArn.`,
            });
        } else if (answers.some((answer) => answer.public === UNKNOWN)) {
            findings.push({
                urn: res.urn,
                message: `${describe(res)} has a queue policy unknown during preview (or one that cannot be read), so it cannot be proven not to let everyone send or receive the app's jobs. Build the document from values known before deployment (the queue's ARN from its literal name, the account and region from aws.getCallerIdentity and aws.getRegion), or grant the queue to the app servers' role through its IAM policy instead.`,
            });
        }
    }
    return findings;
}
