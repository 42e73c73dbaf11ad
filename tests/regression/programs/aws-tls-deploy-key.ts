// A deploy key made with @pulumi/tls: its public half registered as an EC2 key pair named after
// the key's fingerprint, which the program hashes from the OpenSSH line (under mocks that gave the
// TLS provider's outputs no value, this crashed before the pack saw anything); one worker whose
// user data writes the private half to disk for git, readable by anyone allowed
// ec2:DescribeInstanceAttribute and from the metadata service; and the sound form next to it, a
// worker that reads the key from Parameter Store at boot.
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { network } from "./network";

export = function program() {
    const net = network("dk");
    const key = new tls.PrivateKey("dk-deploy-key", { algorithm: "ED25519" });
    const pair = new aws.ec2.KeyPair("dk-deploy", {
        keyName: key.publicKeyOpenssh.apply(
            (line) => `deploy-${createHash("sha256").update(line.trim()).digest("hex").slice(0, 12)}`,
        ),
        publicKey: key.publicKeyOpenssh,
    });
    const worker = (name: string, userData: pulumi.Input<string>) =>
        new aws.ec2.Instance(name, {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.small",
            subnetId: net.privateSubnets[0].id,
            keyName: pair.keyName,
            userData,
        });
    worker(
        "dk-worker",
        pulumi.interpolate`#!/bin/bash
install -d -m 700 -o deploy /home/deploy/.ssh
cat > /home/deploy/.ssh/id_ed25519 <<'KEY'
${key.privateKeyOpenssh}KEY
chmod 600 /home/deploy/.ssh/id_ed25519
`,
    );
    worker(
        "dk-worker-ssm",
        [
            "#!/bin/bash",
            "install -d -m 700 -o deploy /home/deploy/.ssh",
            "aws ssm get-parameter --name /shop/deploy-key --with-decryption --query Parameter.Value --output text > /home/deploy/.ssh/id_ed25519",
            "chmod 600 /home/deploy/.ssh/id_ed25519",
        ].join("\n"),
    );
}
