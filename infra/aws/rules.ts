import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { applyTransform, Transform } from "../components";
import { PlannedRule, planSecurityRules, RulePlanInput, SecurityGroupRole } from "./rule-plan";

export interface NetworkRulesArgs extends RulePlanInput {
    /** The tier's security groups by role, as the network created them. */
    securityGroupIds: Record<SecurityGroupRole, pulumi.Input<string>>;
    /** Escape hatches, called for every rule with its args. */
    transform?: {
        ingressRule?: Transform<aws.vpc.SecurityGroupIngressRuleArgs>;
        egressRule?: Transform<aws.vpc.SecurityGroupEgressRuleArgs>;
    };
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
        const parent = { parent: this };
        this.plan = planSecurityRules(args);
        this.rules = {};
        for (const rule of this.plan) {
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
                tags: { Name: `${name}-${rule.key}` },
            };
            this.rules[rule.key] =
                rule.direction === "ingress"
                    ? new aws.vpc.SecurityGroupIngressRule(
                          `${name}-${rule.key}`,
                          applyTransform<aws.vpc.SecurityGroupIngressRuleArgs>(common, t.ingressRule),
                          parent,
                      )
                    : new aws.vpc.SecurityGroupEgressRule(
                          `${name}-${rule.key}`,
                          applyTransform<aws.vpc.SecurityGroupEgressRuleArgs>(common, t.egressRule),
                          parent,
                      );
        }
        this.registerOutputs({});
    }
}
