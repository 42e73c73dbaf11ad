// Which stack file value a violation is about, and where the stack file sets it.
import * as assert from "assert";
import { configCause, configScalars } from "../../../tools/check/locate";

const STACK_FILE = `# A stack file as pulumi config set writes it.
config:
  webtier:cloud: aws
  webtier:region: eu-west-1   # Ireland
  tlsPolicy: "ELBSecurityPolicy-2016-08"
  webtier:servers:
    count: 2
    allowSshFrom:
      - 203.0.113.0/24
      - '0.0.0.0/0'
  webtier:appKey:
    secure: AAABAKxNbxm1u0NcLcTy3hILRG1mAZ0hRLAoDqT6HWo=
  aws:region: eu-west-1
environment:
  - shared-env
`.split("\n");

describe("stack file values", () => {
    it("reads every scalar of config: with its key, line and column, and nothing encrypted or outside it", () => {
        const scalars = configScalars(STACK_FILE, "webtier").map((s) => `${s.key}=${s.value}@${s.line}:${s.column}`);
        assert.deepStrictEqual(scalars, [
            "webtier:cloud=aws@3:18",
            "webtier:region=eu-west-1@4:19",
            "webtier:tlsPolicy=ELBSecurityPolicy-2016-08@5:14",
            "webtier:servers=2@7:12",
            "webtier:servers=203.0.113.0/24@9:9",
            "webtier:servers=0.0.0.0/0@10:9",
            "aws:region=eu-west-1@13:15",
        ]);
    });

    it("names the value a violation mentions and its resource carries, the longest one", () => {
        const scalars = configScalars(STACK_FILE, "webtier");
        const ssh = configCause(scalars, "rule 0 admits SSH (port 22) from 0.0.0.0/0, the whole internet.", {
            ingress: [{ cidrBlocks: ["0.0.0.0/0"] }],
        });
        assert.deepStrictEqual([ssh?.key, ssh?.line], ["webtier:servers", 10]);
        const tls = configCause(scalars, "listener uses ELBSecurityPolicy-2016-08, which allows TLS 1.0.", {
            sslPolicy: "ELBSecurityPolicy-2016-08",
        });
        assert.deepStrictEqual([tls?.key, tls?.line], ["webtier:tlsPolicy", 5]);
    });

    it("names nothing for values the resource does not carry, plain words, numbers, or parts of longer values", () => {
        const scalars = configScalars(STACK_FILE, "webtier");
        assert.strictEqual(
            configCause(scalars, "opens port 22 to 0.0.0.0/0", { ingress: [{ cidrBlocks: ["::/0"] }] }),
            undefined,
        );
        assert.strictEqual(configCause(scalars, "the aws stack has 2 servers", {}), undefined);
        assert.strictEqual(configCause(scalars, "opens 10.0.0.0/0 and 203.0.113.0/240", {}), undefined);
        // A stack-wide violation (no inputs) needs only the mention.
        assert.strictEqual(configCause(scalars, "servers in eu-west-1 only", undefined)?.value, "eu-west-1");
    });
});
