// The database password kept in Secrets Manager, as it should be, but with a resource policy
// written to "let the app servers read it" that names every principal and only asks for TLS: any
// role of the account reads the password (and any AWS account, were the secret's key to allow it).
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

export = function program() {
    const password = new random.RandomPassword("vault-db-password", { length: 32, special: false });
    const secret = new aws.secretsmanager.Secret("vault-db", { name: "shop/db", recoveryWindowInDays: 7 });
    new aws.secretsmanager.SecretVersion("vault-db-value", { secretId: secret.id, secretString: password.result });
    const readers = aws.iam.getPolicyDocumentOutput({
        statements: [
            {
                sid: "AppServersRead",
                effect: "Allow",
                principals: [{ type: "AWS", identifiers: ["*"] }],
                actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                resources: ["*"],
                conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }],
            },
        ],
    });
    new aws.secretsmanager.SecretPolicy("vault-db-policy", { secretArn: secret.arn, policy: readers.json });
}
