import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { childName } from "../naming";
import { transform, Transform } from "../transform";
import { PlannedRule, planSecurityRules, RulePlanInput, SecurityGroupRole } from "./rule-plan";

/** Escape hatches for the rules, by direction; each is called with the rule's name (`${name}-app-in-80-lb`). */
export interface NetworkRulesTransform {
    ingressRule?: Transform<aws.vpc.SecurityGroupIngressRuleArgs>;
    egressRule?: Transform<aws.vpc.SecurityGroupEgressRuleArgs>;
}

/** What the rules open (`RulePlanInput`: the SSH allowlist, the database's and cache's ports) and on which groups. */
export interface NetworkRulesArgs extends RulePlanInput {
    /** The tier's security groups by role, as the network created them. Required. */
    securityGroupIds: Record<SecurityGroupRole, pulumi.Input<string>>;
    /** Escape hatches for the rules. Default: none. */
    transform?: NetworkRulesTransform;
}

/**
 * Every opening in the tier's security groups, one standalone rule resource each, exactly
 * as `planSecurityRules` lists them: the balancer is public on 80/443, the servers take web
 * traffic only from the balancer and SSH only from the allowlist, database and cache only
 * from the servers.
 */
export class NetworkRules extends pulumi.ComponentResource {
    /** The rules by plan key (for example "app-in-80-lb"). */
    public readonly rules: Record<string, aws.vpc.SecurityGroupIngressRule | aws.vpc.SecurityGroupEgressRule>;
    public readonly plan: PlannedRule[];

    constructor(name: string, args: NetworkRulesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webtier:aws:NetworkRules", name, {}, opts);
        const t = args.transform ?? {};
        this.plan = planSecurityRules(args);
        this.rules = {};
        for (const rule of this.plan) {
            const ruleName = childName(name, rule.key);
            const peer =
                rule.peer.kind === "group"
                    ? { referencedSecurityGroupId: args.securityGroupIds[rule.peer.group] }
                    : rule.peer.version === 4
                      ? { cidrIpv4: rule.peer.cidr }
                      : { cidrIpv6: rule.peer.cidr };
            const common = {
                securityGroupId: args.securityGroupIds[rule.group],
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                description: rule.description,
                ...peer,
                tags: { Name: ruleName },
            };
            this.rules[rule.key] =
                rule.direction === "ingress"
                    ? new aws.vpc.SecurityGroupIngressRule(
                          ...transform(t.ingressRule, ruleName, common, { parent: this }),
                      )
                    : new aws.vpc.SecurityGroupEgressRule(
                          ...transform(t.egressRule, ruleName, common, { parent: this }),
                      );
        }
        this.registerOutputs({});
    }
}
