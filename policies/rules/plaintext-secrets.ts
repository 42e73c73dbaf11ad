/**
 * No secret in configuration the cloud shows in plain text to whoever may read the resource:
 * SSM parameters of type String or StringList, the environment of ECS, Batch and Lightsail
 * containers and the command line of ECS and Batch ones, Lambda functions, App Runner services,
 * CodeBuild projects (PLAINTEXT variables and inline buildspecs), Amplify apps and Elastic
 * Beanstalk environments (classic and native provider) on AWS, and a Secrets Manager secret whose
 * resource policy lets every principal read it; App Platform variables of type GENERAL on
 * DigitalOcean. Each cloud's pack says which of its resources do and what they show
 * (lib/<cloud>/plaintext-secrets.ts); what counts as a secret is shared with
 * webtier-user-data-secrets (lib/secrets.ts): a variable whose name says it holds a secret
 * (`DB_PASSWORD`, `dbPassword`, `APP_KEY`, `*_TOKEN`, `RAILS_MASTER_KEY`) with a value that is
 * not a flag or a reference, a URL with a password, a private key, an AWS access key id, a .env
 * inside a value. None of these places expands `$VAR`, so there a value starting with `$` is the
 * secret; App Platform's bindable variables (`${db.PASSWORD}`) are references it fills. Messages name the
 * variable or the kind of credential, never the value.
 *
 * Webtier's own secrets go to an SSM SecureString parameter encrypted with the tier's KMS key,
 * read by the servers at boot through their role; this rule holds any program to the same.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CLOUD_PACKS } from "../lib/clouds";
import { fromResourceArgs } from "../lib/values";

export const plaintextSecrets: ResourceValidationPolicy = {
    name: "webtier-plaintext-secrets",
    description:
        "No password, app key, token, access key, private key or URL with a password in configuration the cloud shows in plain text: SSM String parameters, the environment of ECS, Batch and Lightsail containers and the command line of ECS and Batch ones, Lambda functions, App Runner services, CodeBuild projects (PLAINTEXT variables, inline buildspecs), Amplify apps and Elastic Beanstalk environments, and no Secrets Manager secret readable by every principal through its resource policy (AWS); App Platform GENERAL variables (DigitalOcean).",
    enforcementLevel: "advisory",
    // As webtier-user-data-secrets: advisory by default, mandatory in policies/config/prod.json.
    severity: "low",
    validateResource: (args, reportViolation) => {
        const res = fromResourceArgs(args);
        for (const pack of CLOUD_PACKS) for (const problem of pack.plaintextSecrets(res)) reportViolation(problem);
    },
};
