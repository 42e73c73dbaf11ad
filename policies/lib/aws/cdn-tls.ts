/**
 * CloudFront in front of the tier, for webtier-tls-at-balancer: where a distribution serves the
 * app, viewers' TLS ends at its edge, and the way on to the balancer crosses the internet, so the
 * edge answers to the balancer's rule:
 * - no cache behavior serves plain HTTP (`viewerProtocolPolicy` "allow-all"; "redirect-to-https"
 *   or "https-only" instead);
 * - no custom origin (the balancer) is reached in plain HTTP (`originProtocolPolicy` "http-only",
 *   or "match-viewer" behind a behavior that allows HTTP), nor over SSLv3, TLS 1.0 or 1.1
 *   (`originSslProtocols`); a VPC origin stays inside AWS and is not judged;
 * - a custom certificate with a modern security policy (`minimumProtocolVersion` TLSv1.2_2018 or
 *   later; the provider's default is "TLSv1"). The default *.cloudfront.net certificate takes no
 *   policy of its own and is not judged.
 * S3 origins (uploads behind origin access control) are the storage rules' concern.
 */
import type { Finding } from "../data-access";
import type { StackGraph } from "../graph";
import { Res, describe, isUnknown, listOf, propOf, textOf } from "../values";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

/** CloudFront's security policies that accept TLS 1.2 and later only. */
const MODERN_VIEWER_POLICIES = ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];
const OLD_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

type Block = Record<string, unknown>;

const blockOf = (value: unknown): Block | undefined =>
    value && typeof value === "object" && !isUnknown(value) ? (value as Block) : undefined;

/** The distribution's cache behaviors, each with where it is and the origin it sends to. */
function behaviorsOf(dist: Res): { where: string; behavior: Block }[] {
    const found: { where: string; behavior: Block }[] = [];
    const first = blockOf(listOf(propOf(dist, "defaultCacheBehavior"))[0]);
    if (first) found.push({ where: "defaultCacheBehavior", behavior: first });
    listOf(propOf(dist, "orderedCacheBehaviors")).forEach((b, i) => {
        const behavior = blockOf(b);
        if (behavior)
            found.push({ where: `orderedCacheBehaviors[${i}] (${textOf(behavior.pathPattern ?? "")})`, behavior });
    });
    return found;
}

export function cloudFrontTlsFindings(graph: StackGraph, allowHttpOnly: boolean): Finding[] {
    const findings: Finding[] = [];
    for (const dist of graph.ofType([DISTRIBUTION])) {
        const name = describe(dist);
        const behaviors = behaviorsOf(dist);
        const plainTo = new Set<string>();
        for (const { where, behavior } of behaviors) {
            const policy = behavior.viewerProtocolPolicy;
            if (isUnknown(policy)) {
                findings.push({
                    urn: dist.urn,
                    message: `${name}: ${where} has a viewerProtocolPolicy unknown during preview, so it cannot be proven to keep viewers on HTTPS. Set it to the literal "redirect-to-https".`,
                });
                continue;
            }
            if (policy !== "allow-all") continue;
            plainTo.add(textOf(behavior.targetOriginId ?? ""));
            if (allowHttpOnly) continue;
            findings.push({
                urn: dist.urn,
                message: `${name}: ${where} has viewerProtocolPolicy "allow-all", so viewers are served plain HTTP. Set it to "redirect-to-https" (or "https-only").`,
            });
        }
        listOf(propOf(dist, "origins")).forEach((o, i) => {
            const origin = blockOf(o);
            const config = blockOf(listOf(origin?.customOriginConfig)[0]);
            if (!origin || !config || origin.vpcOriginConfig) return;
            const label = `origin "${textOf(origin.originId ?? i)}" (${isUnknown(origin.domainName) ? "a domain unknown during preview" : textOf(origin.domainName ?? "")})`;
            const protocol = config.originProtocolPolicy;
            const overHttp =
                protocol === "http-only" || (protocol === "match-viewer" && plainTo.has(textOf(origin.originId ?? "")));
            if (isUnknown(protocol))
                findings.push({
                    urn: dist.urn,
                    message: `${name}: ${label} has an originProtocolPolicy unknown during preview, so it cannot be proven to reach the balancer over HTTPS. Set it to the literal "https-only".`,
                });
            else if (overHttp)
                findings.push({
                    urn: dist.urn,
                    message: `${name}: ${label} is reached in plain HTTP (originProtocolPolicy "${textOf(protocol)}"${protocol === "match-viewer" ? " behind a behavior that allows HTTP" : ""}): TLS ends at CloudFront and the requests cross the internet to the balancer in clear text. Set originProtocolPolicy "https-only", the balancer serving HTTPS with a certificate for the origin's domain.`,
                });
            const old = listOf(config.originSslProtocols).filter(
                (p): p is string => typeof p === "string" && OLD_ORIGIN_PROTOCOLS.includes(p),
            );
            if (old.length > 0 && !overHttp)
                findings.push({
                    urn: dist.urn,
                    message: `${name}: ${label} accepts ${old.join(", ")} towards the origin (originSslProtocols). Set originSslProtocols to ["TLSv1.2"].`,
                });
        });
        const certificate = blockOf(listOf(propOf(dist, "viewerCertificate"))[0]);
        if (!certificate || certificate.cloudfrontDefaultCertificate === true) continue;
        const version = certificate.minimumProtocolVersion ?? "TLSv1";
        if (isUnknown(version))
            findings.push({
                urn: dist.urn,
                message: `${name} has a minimumProtocolVersion unknown during preview, so a modern TLS policy cannot be proven. Set it to "TLSv1.2_2021".`,
            });
        else if (!MODERN_VIEWER_POLICIES.includes(textOf(version)))
            findings.push({
                urn: dist.urn,
                message: `${name} serves its certificate with minimumProtocolVersion "${textOf(version)}", which accepts ${textOf(version) === "SSLv3" ? "SSL 3" : "TLS 1.0 or 1.1"}. Set viewerCertificate.minimumProtocolVersion to "TLSv1.2_2021" (sslSupportMethod "sni-only").`,
            });
    }
    return findings;
}
