/**
 * webtier-preflight-certificates on AWS: ACM puts the first domain name in the certificate's
 * subject common name, which X.509 limits to 64 characters; a requested certificate is served only
 * once it is issued, which the stack must wait for.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, listOf, present, propOf } from "../values";

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

/** Where a resource names the ACM certificate it serves: its property, and the path inside it. */
const CERTIFICATE_USERS: readonly { types: readonly string[]; key: string; read: (value: unknown) => unknown[] }[] = [
    {
        types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
        key: "certificateArn",
        read: (value) => [value],
    },
    {
        types: ["aws:lb/listenerCertificate:ListenerCertificate", "aws:alb/listenerCertificate:ListenerCertificate"],
        key: "certificateArn",
        read: (value) => [value],
    },
    {
        types: ["aws:elb/loadBalancer:LoadBalancer"],
        key: "listeners",
        read: (value) => listOf<Record<string, unknown>>(value).map((l) => (isUnknown(l) ? l : l?.sslCertificateId)),
    },
    {
        types: ["aws:cloudfront/distribution:Distribution"],
        key: "viewerCertificate",
        read: (value) =>
            value && typeof value === "object" && !isUnknown(value)
                ? [(value as { acmCertificateArn?: unknown }).acmCertificateArn]
                : [],
    },
];

const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

/**
 * A certificate ACM issues only once it is validated (requested with DNS or email validation):
 * not an imported one (`privateKey`, `certificateBody`), which is issued as it is imported, nor
 * one of a private CA (`certificateAuthorityArn`), issued at once.
 */
function awaitsValidation(certificate: Res): boolean {
    return ["privateKey", "certificateBody", "certificateAuthorityArn"].every(
        (key) => !present(propOf(certificate, key)),
    );
}

/**
 * Whether `from` is created only after a validation of `certificate`: the engine creates a
 * resource once everything it depends on (through its inputs or dependsOn, and theirs in turn)
 * is, and a CertificateValidation is created once ACM has issued its certificate.
 */
function waitsForValidation(graph: StackGraph, from: Res, certificate: Res): boolean {
    const seen = new Set<string>();
    const queue = [...from.dependencies, ...Object.values(from.propertyDependencies).flat()];
    while (queue.length > 0) {
        const urn = queue.pop()!;
        if (seen.has(urn)) continue;
        seen.add(urn);
        const res = graph.get(urn);
        if (!res) continue;
        if (res.type === VALIDATION) {
            const { candidates } = graph.resolve(res, "certificateArn", propOf(res, "certificateArn"), [CERTIFICATE]);
            if (candidates.includes(certificate)) return true;
        }
        queue.push(...res.dependencies, ...Object.values(res.propertyDependencies).flat());
    }
    return false;
}

/**
 * Every listener, classic balancer or CloudFront distribution that serves a certificate of the
 * stack before ACM can have issued it: ELB refuses a certificate still PENDING_VALIDATION
 * ("UnsupportedCertificate: The certificate ... must have a fully-qualified domain name, a
 * supported signature, and a supported key size"; CloudFront: "The specified SSL certificate
 * doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate
 * chain"), which is what a first `pulumi up` meets when the certificate's ARN is used directly.
 */
export function acmIssuanceFindings(graph: StackGraph): Finding[] {
    const findings: Finding[] = [];
    for (const { types, key, read } of CERTIFICATE_USERS) {
        for (const user of graph.ofType(types)) {
            for (const value of read(propOf(user, key))) {
                if (value === "" || (typeof value !== "string" && !isUnknown(value))) continue;
                const { candidates } = graph.resolve(user, key, value, [CERTIFICATE]);
                if (candidates.length !== 1) continue;
                const [certificate] = candidates;
                if (!awaitsValidation(certificate) || waitsForValidation(graph, user, certificate)) continue;
                findings.push({
                    urn: user.urn,
                    message: `${describe(user)} uses ACM certificate "${certificate.name}" as soon as it is requested: nothing makes it wait for an aws.acm.CertificateValidation of that certificate, and AWS refuses a certificate that is still pending validation ("UnsupportedCertificate") on the first \`pulumi up\`. Use the validation's certificateArn (validation.certificateArn) instead of the certificate's arn, or add the validation to dependsOn.`,
                });
            }
        }
    }
    return findings;
}
