import * as pulumi from "@pulumi/pulumi";
import { QueueEndpoint } from "../components";
import { QueueDriver } from "../config/types";

/**
 * Escape hatches for the queue's children: none, since the queue on DigitalOcean is the shared
 * Valkey. An index signature of `never`, so that naming any child is a compile error rather than
 * an empty object that silently accepts anything.
 */
export interface QueueTransform {
    [child: string]: never;
}

export interface QueueArgs {
    /**
     * The queue driver. Required: the platform passes `webtier:queue.driver` (default in parseConfig's
     * `DEFAULTS.queue.driver`: redis). Only "redis" exists on DigitalOcean: parseConfig refuses "sqs"
     * for a DigitalOcean stack, and this component refuses it too for programs that build it directly.
     */
    driver: QueueDriver;
    /** Escape hatches for the children. Default: none (the component has no children). */
    transform?: QueueTransform;
}

/**
 * The queue on DigitalOcean: the shared Valkey, the only driver DigitalOcean offers (section 4 of
 * the guide: workers on every server against the shared cache). No resource of its own; a
 * component all the same, like AWS's `Queue` with the redis driver, so both platforms build the
 * same components and a driver DigitalOcean may offer later has its place.
 */
export class Queue extends pulumi.ComponentResource {
    /** The neutral view the servers and outputs use. */
    public readonly endpoint: QueueEndpoint;

    constructor(name: string, args: QueueArgs, opts?: pulumi.ComponentResourceOptions) {
        // Refused before anything is registered.
        const endpoint = queueEndpoint(args.driver);
        super("webtier:digitalocean:Queue", name, {}, opts);
        this.endpoint = endpoint;
        this.registerOutputs({});
    }
}

/** The queue endpoint for `driver`, refusing a driver DigitalOcean does not have. */
export function queueEndpoint(driver: QueueDriver): QueueEndpoint {
    if (driver !== "redis") {
        throw new Error(
            `webtier: queue.driver "${driver}" does not exist on DigitalOcean; set webtier:queue to { driver: redis } (workers then use the shared Valkey).`,
        );
    }
    return { driver: "redis" };
}
