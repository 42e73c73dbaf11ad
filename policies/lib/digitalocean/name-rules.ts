/**
 * DigitalOcean's published limits on resource names, per resource type, after autonaming (see
 * policies/preflight/name-rules.ts, which checks them). Each rule names its source: "TF" is
 * terraform-provider-digitalocean, whose schema validators run in the provider's Check; "API" is
 * DigitalOcean's OpenAPI specification.
 */
import { BUCKET, BUCKET_PREFIXES, BUCKET_SUFFIXES, BUCKET_TEXT, DNS_LABEL } from "../../preflight/name-patterns";
import type { NameRule } from "../../preflight/name-rules";

export const DIGITALOCEAN_NAME_RULES: readonly NameRule[] = [
    {
        types: ["digitalocean:index/droplet:Droplet"],
        what: "droplet name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/,
        patternText: "letters, digits, dots and hyphens, as a hostname (ending with a letter or digit)",
        source: 'DigitalOcean OpenAPI droplet_single_create name (maxLength 255, pattern ^[a-zA-Z0-9]?[a-z0-9A-Z.\\-]*[a-z0-9A-Z]$); pulumi-digitalocean SetAutonaming(255, "-")',
    },
    {
        types: ["digitalocean:index/tag:Tag"],
        what: "tag name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9_\-:]+$/,
        patternText: "letters, digits, underscores, hyphens and colons",
        source: "DigitalOcean OpenAPI tags name (maxLength 255, pattern ^[a-zA-Z0-9_\\-\\:]+$)",
    },
    {
        types: ["digitalocean:index/firewall:Firewall"],
        what: "firewall name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9][a-zA-Z0-9.-]+$/,
        patternText: "letters, digits, dots and hyphens, starting with a letter or digit",
        source: "DigitalOcean OpenAPI firewall name (pattern ^[a-zA-Z0-9][a-zA-Z0-9\\.-]+$)",
    },
    {
        types: ["digitalocean:index/vpc:Vpc"],
        what: "VPC name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9.-]+$/,
        patternText: "letters, digits, dashes and periods",
        source: 'DigitalOcean OpenAPI vpc name (pattern ^[a-zA-Z0-9\\-\\.]+$, "may only contain alphanumeric characters, dashes, and periods")',
    },
    {
        types: ["digitalocean:index/loadBalancer:LoadBalancer"],
        what: "load balancer name",
        property: "name",
        autonamed: true,
        maxLength: 255,
        pattern: /^[a-zA-Z0-9.-]+$/,
        patternText: "letters, digits, dashes and periods",
        source: 'DigitalOcean load balancer names: alphanumeric characters, dashes and periods (control panel and API error text); pulumi-digitalocean SetAutonaming(255, "-")',
    },
    {
        types: ["digitalocean:index/databaseCluster:DatabaseCluster"],
        what: "database cluster name",
        property: "name",
        autonamed: true,
        minLength: 3,
        maxLength: 63,
        pattern: DNS_LABEL,
        patternText: "lowercase letters, digits and hyphens, as a DNS label",
        source: "DigitalOcean database cluster names become the first label of the cluster's hosts (OpenAPI database_connection host example backend-do-user-19081923-0.db.ondigitalocean.com): a DNS label, 63 characters at most",
    },
    {
        types: ["digitalocean:index/app:App"],
        what: "App Platform app name",
        property: "spec.name",
        // The app's name is in its spec, which the provider does not autoname: absent, nothing to check.
        autonamed: false,
        minLength: 2,
        maxLength: 32,
        pattern: /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
        patternText: "lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit",
        source: "DigitalOcean OpenAPI app_spec name (specification/resources/apps/models/app_spec.yml: minLength 2, maxLength 32, pattern ^[a-z][a-z0-9-]{0,30}[a-z0-9]$), read 2026-12-03",
    },
    {
        types: ["digitalocean:index/spacesBucket:SpacesBucket"],
        what: "Spaces bucket name",
        property: "name",
        autonamed: true,
        minLength: 3,
        maxLength: 63,
        pattern: BUCKET,
        patternText: BUCKET_TEXT,
        mustNotStartWith: BUCKET_PREFIXES,
        mustNotEndWith: BUCKET_SUFFIXES,
        source: 'Spaces is S3-compatible and takes S3\'s bucket naming rules (3 to 63 lowercase letters, digits, dots and hyphens); pulumi-digitalocean SetAutonaming(255, "-")',
    },
];
