/**
 * Passwords and tokens the cloud refuses at create (lengths, characters), for any program: as
 * written, or as the random provider can draw them, which fails a create only on the runs that
 * draw a refused character (RDS refuses '@' in a master password; ElastiCache takes only
 * ! & # $ ^ < > - as special characters in an AUTH token). A stack policy, since where a value
 * comes from (a random password's settings) is another resource. Messages never quote a value.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { StackGraph } from "../lib/graph";
import { registered } from "../lib/registered";
import { fromStackResources } from "../lib/values";

export const preflightCredentials: StackValidationPolicy = {
    name: "webtier-preflight-credentials",
    description:
        'Database master passwords and cache AUTH tokens of a length and characters the cloud accepts, as written or as a random password can draw them (RDS refuses / " @ and the space; ElastiCache takes only ! & # $ ^ < > - as special characters).',
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const graph = new StackGraph(fromStackResources(args.resources));
        // Each cloud's pack judges its own types.
        for (const pack of registered().CLOUD_PACKS)
            for (const finding of pack.preflight.credentials?.(graph) ?? [])
                reportViolation(finding.message, finding.urn);
    },
};
