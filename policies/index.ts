/**
 * The webtier policy pack, for `pulumi preview --policy-pack policies`. Only constructs the
 * pack: every policy lives in `rules/` (one file each) and carries its own enforcement level.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./rules";

new PolicyPack(PACK_NAME, {
    description:
        "webtier: only the balancer is public, SSH only from the allowlist, data stores only from the app servers, TLS at the balancer, health checks, private versioned uploads, a reliability floor, alerts that reach a person; on AWS and DigitalOcean.",
    policies,
});
