/**
 * webtier-preflight-certificates on AWS: ACM puts the first domain name in the certificate's
 * subject common name, which X.509 limits to 64 characters.
 */
import { Res, describe, isUnknown, listOf } from "../values";

/** ACM's limit on `domainName` (RequestCertificate: "The first domain name you enter cannot exceed 64 octets, including periods"). */
export const ACM_DOMAIN_NAME_MAX = 64;
/** ACM's limit on each subject alternative name (RequestCertificate SubjectAlternativeNames: 253 octets). */
export const ACM_ALTERNATIVE_NAME_MAX = 253;

const CERTIFICATE = "aws:acm/certificate:Certificate";

/** What ACM refuses in a certificate's domain names. */
export function acmCertificateProblems(res: Res): string[] {
    if (res.type !== CERTIFICATE) return [];
    const problems: string[] = [];
    const domain = res.props.domainName;
    if (typeof domain === "string" && !isUnknown(domain) && domain.length > ACM_DOMAIN_NAME_MAX) {
        problems.push(
            `${describe(res)}: domainName "${domain}" is ${domain.length} characters, over the ${ACM_DOMAIN_NAME_MAX} ACM accepts for a certificate's first domain (it becomes the subject's common name). ` +
                `Use a shorter name as domainName and put the long one in subjectAlternativeNames (253 characters each). Source: ACM API RequestCertificate DomainName.`,
        );
    }
    for (const name of listOf(res.props.subjectAlternativeNames)) {
        if (typeof name === "string" && name.length > ACM_ALTERNATIVE_NAME_MAX) {
            problems.push(
                `${describe(res)}: subject alternative name "${name.slice(0, 40)}..." is ${name.length} characters, over ACM's ${ACM_ALTERNATIVE_NAME_MAX}. Source: ACM API RequestCertificate SubjectAlternativeNames.`,
            );
        }
    }
    return problems;
}
