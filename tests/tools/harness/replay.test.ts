// The bench's bare registration: the same resources, registered with nothing of the program's own.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as digitalocean from "@pulumi/digitalocean";
import * as random from "@pulumi/random";
import { evaluate } from "../../../tools/harness/evaluate";
import { registerBare, sdkClassFor, sdkModuleFor } from "../../../tools/harness/replay";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");

class Tier extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:Tier", name);
    }
    done(outputs: Record<string, unknown>): void {
        this.registerOutputs(outputs);
    }
}

class Thing extends pulumi.CustomResource {
    constructor(name: string, args: Record<string, unknown>) {
        super("test:index:Thing", name, args);
    }
}

describe("bare registration of a program's resources", () => {
    it("finds each type token's class in its provider SDK, and none for components or dynamic resources", () => {
        assert.deepStrictEqual(sdkModuleFor("aws:ec2/instance:Instance"), {
            module: "@pulumi/aws/ec2/instance",
            exportName: "Instance",
        });
        assert.deepStrictEqual(sdkModuleFor("pulumi:providers:digitalocean"), {
            module: "@pulumi/digitalocean/provider",
            exportName: "Provider",
        });
        assert.strictEqual(sdkClassFor("aws:ec2/instance:Instance"), aws.ec2.Instance);
        assert.strictEqual(sdkClassFor("digitalocean:index/droplet:Droplet"), digitalocean.Droplet);
        assert.strictEqual(sdkClassFor("random:index/randomPassword:RandomPassword"), random.RandomPassword);
        assert.strictEqual(sdkClassFor("pulumi:providers:digitalocean"), digitalocean.Provider);
        assert.strictEqual(sdkClassFor("webtier:index:WebTier"), undefined);
        assert.strictEqual(sdkClassFor("pulumi-nodejs:dynamic:Resource"), undefined);
        assert.strictEqual(sdkClassFor("aws:ec2/noSuchThing:NoSuchThing"), undefined);
    });

    it("registers the same resources under the same parents, with the inputs as plain values", async () => {
        const original = await evaluate({
            program: () => {
                const tier = new Tier("tier");
                const vpc = new aws.ec2.Vpc("tier-vpc", { cidrBlock: "10.0.0.0/16" }, { parent: tier });
                new aws.ec2.Subnet(
                    "tier-subnet",
                    { vpcId: vpc.id, cidrBlock: pulumi.interpolate`${"10.0.1.0"}/24` },
                    { parent: vpc },
                );
                new Thing("thing", { size: 3, secret: pulumi.secret("s") });
                tier.done({ vpcId: vpc.id });
                return { vpcId: vpc.id };
            },
        });

        const inputs = new Map<string, Record<string, any>>();
        const run = await registerBare(original.resources, {
            onResource: (args) => inputs.set(`${args.type}::${args.name}`, args.inputs),
        });
        const registered = [...settings.getMonitor().getRegisteredResources().keys()].sort();

        assert.strictEqual(run.registered, original.resources.length);
        assert.strictEqual(run.throughSdkClasses, 2, "the VPC and the subnet go through their SDK classes");
        assert.deepStrictEqual(
            registered,
            original.resources.map((r) => r.urn).sort(),
            "same types, names and parents (URNs)",
        );
        const subnet = original.resources.find((r) => r.name === "tier-subnet")!;
        assert.deepStrictEqual(inputs.get("aws:ec2/subnet:Subnet::tier-subnet"), subnet.inputs);
        assert.strictEqual(inputs.get("aws:ec2/subnet:Subnet::tier-subnet")!.cidrBlock, "10.0.1.0/24");
        assert.strictEqual(inputs.get("test:index:Thing::thing")!.size, 3);
    });
});
