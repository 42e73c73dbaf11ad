// Follows pulumi-policy tests/integration/parent_dependencies (upstream commit 805bcbc): the stack
// policy sees each resource's parent, dependencies and property dependencies as resources.
import * as assert from "assert";
import { PolicyPack, PolicyResource } from "@pulumi/policy";
import { DYNAMIC } from "../../shared/checks";

function checkGraph(all: PolicyResource[], r: PolicyResource): void {
    const stack = all.find((x) => x.type === "pulumi:pulumi:Stack");
    const named = (name: string) => {
        const found = all.find((x) => x.name === name);
        assert.ok(found, `no resource named ${name}`);
        return found;
    };
    const expect = (
        parent: PolicyResource | undefined,
        dependencies: PolicyResource[],
        propertyDependencies: Record<string, PolicyResource[]>,
    ) => {
        assert.strictEqual(r.parent, parent, `${r.name}: parent`);
        assert.deepStrictEqual(r.dependencies, dependencies, `${r.name}: dependencies`);
        assert.deepStrictEqual(r.propertyDependencies, propertyDependencies, `${r.name}: property dependencies`);
    };
    assert.ok(stack, "the stack resource is among the resources");
    switch (r.type) {
        case "pulumi:pulumi:Stack":
        case "pulumi:providers:pulumi-nodejs":
        case "pulumi:providers:random":
            return expect(undefined, [], {});
        case DYNAMIC:
            if (r.name === "child") return expect(named("parent"), [], {});
            if (r.name === "b") return expect(stack, [named("a")], {});
            return;
        case "random:index/randomString:RandomString":
            return expect(stack, [], {});
        case "random:index/randomPet:RandomPet":
            return expect(stack, [named("str")], { prefix: [named("str")] });
        default:
            throw new Error(`unexpected resource type ${r.type}`);
    }
}

new PolicyPack("parent-dependencies-test-policy", {
    policies: [
        {
            name: "validate-stack",
            description: "Validates parent and dependencies during `validateStack`.",
            enforcementLevel: "mandatory",
            validateStack: (args) => args.resources.forEach((r) => checkGraph(args.resources, r)),
        },
    ],
});
