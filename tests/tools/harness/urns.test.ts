import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { engineUrn, evaluate } from "../../../tools/harness/evaluate";

class Group extends pulumi.ComponentResource {
    constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
        super(type, name, {}, opts);
        this.registerOutputs({});
    }
}

class Thing extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Thing", name, {}, opts);
    }
}

describe("URNs as the engine writes them", () => {
    it("gives top-level resources no stack type prefix and nested ones their parent's whole type chain", async () => {
        const evaluation = await evaluate({
            project: "shop",
            stack: "dev",
            program: () => {
                const outer = new Group("acme:web:Site", "site");
                const inner = new Group("acme:web:Tier", "tier", { parent: outer });
                new Thing("server", { parent: inner });
                new Thing("alone");
            },
        });
        const urns = evaluation.resources.map((r) => r.urn).sort();
        assert.deepStrictEqual(urns, [
            "urn:pulumi:dev::shop::acme:web:Site$acme:web:Tier$test:index:Thing::server",
            "urn:pulumi:dev::shop::acme:web:Site$acme:web:Tier::tier",
            "urn:pulumi:dev::shop::acme:web:Site::site",
            "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
            "urn:pulumi:dev::shop::test:index:Thing::alone",
        ]);
    });

    it("resolves a name-only alias against the resource's own type and parent", async () => {
        const evaluation = await evaluate({
            project: "shop",
            stack: "dev",
            program: () => {
                const outer = new Group("acme:web:Site", "site");
                new Thing("renamed", { parent: outer, aliases: [{ name: "old-name" }] });
            },
        });
        const thing = evaluation.resources.find((r) => r.name === "renamed")!;
        assert.deepStrictEqual(thing.aliases, ["urn:pulumi:dev::shop::acme:web:Site$test:index:Thing::old-name"]);
        assert.strictEqual(
            engineUrn("s", "p", "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", "a:b:C", "n"),
            "urn:pulumi:s::p::a:b:C::n",
        );
    });
});
