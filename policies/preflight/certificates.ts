/**
 * Certificate domains the certificate authority would refuse: ACM puts the first domain name in
 * the certificate's subject common name, which X.509 limits to 64 characters.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, fromResourceArgs, isUnknown, listOf } from "../lib/values";

/** ACM's limit on `domainName` (RequestCertificate: "The first domain name you enter cannot exceed 64 octets, including periods"). */
export const ACM_DOMAIN_NAME_MAX = 64;
/** ACM's limit on each subject alternative name (RequestCertificate SubjectAlternativeNames: 253 octets). */
export const ACM_ALTERNATIVE_NAME_MAX = 253;

export const preflightCertificates: ResourceValidationPolicy = {
    name: "webtier-preflight-certificates",
    description:
        "ACM certificate domain names within ACM's limits (64 characters for the first domain, 253 for each alternative name).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== "aws:acm/certificate:Certificate") return;
        const res = fromResourceArgs(args);
        const domain = res.props.domainName;
        if (typeof domain === "string" && !isUnknown(domain) && domain.length > ACM_DOMAIN_NAME_MAX) {
            reportViolation(
                `${describe(res)}: domainName "${domain}" is ${domain.length} characters, over the ${ACM_DOMAIN_NAME_MAX} ACM accepts for a certificate's first domain (it becomes the subject's common name). ` +
                    `Use a shorter name as domainName and put the long one in subjectAlternativeNames (253 characters each). Source: ACM API RequestCertificate DomainName.`,
            );
        }
        for (const name of listOf(res.props.subjectAlternativeNames)) {
            if (typeof name === "string" && name.length > ACM_ALTERNATIVE_NAME_MAX) {
                reportViolation(
                    `${describe(res)}: subject alternative name "${name.slice(0, 40)}..." is ${name.length} characters, over ACM's ${ACM_ALTERNATIVE_NAME_MAX}. Source: ACM API RequestCertificate SubjectAlternativeNames.`,
                );
            }
        }
    },
};
