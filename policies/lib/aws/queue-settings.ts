/**
 * SQS queue names at odds with the queue's kind (webtier-preflight-settings): API sqs CreateQueue
 * QueueName, "A FIFO queue name must end with the .fifo suffix", and only a FIFO queue's name has a
 * dot; terraform-provider-aws aws_sqs_queue refuses both at plan (resourceQueueCustomizeDiff: a
 * FIFO name matches `^[0-9A-Za-z_-]{1,75}\.fifo$`, a standard one `^[0-9A-Za-z_-]{1,80}$`; read
 * 2026-12-03). An autoname gets the suffix from the provider; a namePrefix is not judged.
 */
import { Res, describe, isUnknown } from "../values";

const QUEUE = "aws:sqs/queue:Queue";

export function queueSettingsProblems(res: Res): string[] {
    if (res.type !== QUEUE) return [];
    const { name, fifoQueue } = res.props;
    if (typeof name !== "string" || isUnknown(name) || isUnknown(fifoQueue)) return [];
    const fifo = fifoQueue === true;
    const suffixed = name.endsWith(".fifo");
    if (fifo === suffixed) return [];
    const source = "Source: API sqs CreateQueue QueueName; terraform-provider-aws aws_sqs_queue.";
    return [
        fifo
            ? `${describe(res)}: fifoQueue is true and name "${name}" does not end in .fifo; SQS refuses a FIFO queue name without the .fifo suffix. Name it "${name}.fifo", or leave name out (the provider adds the suffix). ${source}`
            : `${describe(res)}: name "${name}" ends in .fifo on a standard queue (fifoQueue is not true); SQS refuses a .fifo name for a standard queue. Set fifoQueue: true, or drop the suffix. ${source}`,
    ];
}
