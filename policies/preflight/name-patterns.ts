/**
 * Name patterns and reserved affixes shared by several clouds' name rules (S3-compatible bucket
 * names, DNS labels), for the per-cloud tables in lib/<cloud>/name-rules.ts. A leaf module: the
 * tables are built from it when they load.
 */
import type { ReservedAffix } from "./name-rules";

export const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
export const ELB_TEXT = "letters, digits and hyphens, not starting or ending with a hyphen";
export const RDS_ID = /^[a-z][a-z0-9-]*$/;
export const RDS_ID_TEXT = "lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen";
export const IAM_NAME = /^[\w+=,.@-]+$/;
export const IAM_TEXT = "letters, digits and + = , . @ _ -";
export const BUCKET = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
export const BUCKET_TEXT = "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
export const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * S3 general purpose bucket naming rules (S3 User Guide, "General purpose bucket naming rules";
 * TF internal/service/s3 validBucketName). Spaces buckets follow the same rules (S3-compatible).
 */
export const BUCKET_PREFIXES: readonly ReservedAffix[] = [
    { text: "xn--", why: "reserved by S3 for internationalised names" },
    { text: "sthree-", why: "reserved by S3" },
    { text: "amzn-s3-demo-", why: "reserved by S3 for documentation examples" },
];
export const BUCKET_SUFFIXES: readonly ReservedAffix[] = [
    { text: "-s3alias", why: "reserved by S3 for access point aliases" },
    { text: "--ol-s3", why: "reserved by S3 for Object Lambda access point aliases" },
    { text: ".mrap", why: "reserved by S3 for Multi-Region Access Points" },
    { text: "--x-s3", why: "reserved by S3 for directory buckets" },
    { text: "--table-s3", why: "reserved by S3 for table buckets" },
];
