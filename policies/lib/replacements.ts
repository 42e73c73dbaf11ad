/**
 * Replacing what serves the app without taking it down. The engine creates a replacement before
 * it deletes what it replaces, unless the resource has the `deleteBeforeReplace` option. On a
 * server (or a group or service of them) behind the balancer, that option turns a change that
 * replaces every server at once (a new image, new user data) into deleting them all before any
 * successor exists: the app is down until the new ones boot and pass their health checks. Both
 * clouds' reliability checks ask it of their servers.
 */
import type { Finding } from "./data-access";
import { Res, describe } from "./values";

/** The finding for `res` (`what` it is to the tier: "an app server") replaced delete-first, if it is. */
export function deleteBeforeReplaceFinding(res: Res, what: string): Finding | undefined {
    if (res.deleteBeforeReplace !== true) return undefined;
    return {
        urn: res.urn,
        message: `${describe(res)} (${what}) has the deleteBeforeReplace option: a change that replaces it (a new image, new user data) deletes it before its successor exists, and the servers replaced together all go at once, taking the app down. Remove the option so each replacement serves before the old one goes.`,
    };
}
