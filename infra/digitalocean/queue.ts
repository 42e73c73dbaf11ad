import { QueueEndpoint } from "../components";
import { QueueDriver } from "../config/types";

/**
 * The queue on DigitalOcean: the shared Valkey, the only driver DigitalOcean offers (section 4
 * of the guide: workers on every server against the shared cache). No resource of its own.
 */
export function queueEndpoint(driver: QueueDriver): QueueEndpoint {
    if (driver !== "redis") {
        throw new Error(
            `webtier: queue.driver "${driver}" does not exist on DigitalOcean; set webtier:queue to { driver: redis } (workers then use the shared Valkey).`,
        );
    }
    return { driver: "redis" };
}
