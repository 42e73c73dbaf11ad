// The awsx SDK's component classes are replaced as their modules load, for the majors whose
// provider the harness follows, and a program's awsx component then builds its resources under
// the check, with the SDK's own outputs.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AWSX_EMULATION, awsxComponents } from "../../../../../tools/harness/aws/awsx";
import { evaluate } from "../../../../../tools/harness/evaluate";
import { scratchDir } from "../../../../support/scratch";

/** A package laid out as the awsx SDK is: an index, a namespace index with lazy getters, a class module. */
function fakeAwsx(version: string): string {
    const root = scratchDir("awsx-fake-");
    const dir = path.join(root, "node_modules", "@pulumi", "awsx");
    fs.mkdirSync(path.join(dir, "ec2"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "@pulumi/awsx", version }));
    fs.writeFileSync(path.join(dir, "index.js"), 'exports.ec2 = require("./ec2");\n');
    fs.writeFileSync(
        path.join(dir, "ec2", "index.js"),
        'Object.defineProperty(exports, "Vpc", { enumerable: true, get: () => require("./vpc").Vpc });\n',
    );
    fs.writeFileSync(
        path.join(dir, "ec2", "vpc.js"),
        'class Vpc { static __pulumiType = "awsx:ec2:Vpc"; }\nexports.Vpc = Vpc;\nexports.helper = () => 1;\n',
    );
    return dir;
}

describe("awsx components built by the harness", () => {
    before(() => AWSX_EMULATION.install());

    it("replaces the SDK's classes of awsx 3.x as their modules load, through the namespace's lazy getter", () => {
        const dir = fakeAwsx("3.9.0");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const awsx = require(dir);
        assert.strictEqual(awsx.ec2.Vpc, awsxComponents()["awsx:ec2:Vpc"]);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.strictEqual(require(path.join(dir, "ec2", "vpc.js")).helper(), 1, "other exports are untouched");
    });

    it("leaves another major's classes alone: their components stay remote, and the check says so", () => {
        const dir = fakeAwsx("1.0.0");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const awsx = require(dir);
        assert.notStrictEqual(awsx.ec2.Vpc, awsxComponents()["awsx:ec2:Vpc"]);
        assert.strictEqual(awsx.ec2.Vpc.__pulumiType, "awsx:ec2:Vpc");
    });

    it("replaces the installed @pulumi/awsx's classes and builds the VPC's resources inside its component", async () => {
        const evaluation = await evaluate({
            program: () => {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const awsx = require("@pulumi/awsx");
                const vpc = new awsx.ec2.Vpc("net", {});
                return { vpcId: vpc.vpcId, privateSubnetIds: vpc.privateSubnetIds };
            },
        });
        const component = evaluation.resources.find((r) => r.type === "awsx:ec2:Vpc");
        assert.ok(component, "the component is registered");
        assert.strictEqual(component.remote, undefined, "built here, not left to a plugin");
        const inside = evaluation.resources.filter((r) => r.parent === component.urn);
        assert.ok(inside.some((r) => r.type === "aws:ec2/vpc:Vpc"));
        const subnets = evaluation.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet");
        assert.ok(subnets.length >= 2, `subnets: ${subnets.length}`);
        const outputs = evaluation.outputs as { vpcId: string; privateSubnetIds: string[] };
        const vpc = evaluation.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
        assert.strictEqual(outputs.vpcId, vpc.id);
        assert.ok(outputs.privateSubnetIds.every((id) => subnets.some((s) => s.id === id)));
    });
});
