// How the eks emulation picks a node image (ami.ts): the cases of pulumi-eks v4.3.0's own
// nodejs/eks/nodes/ami.test.ts and nodegroup.test.ts (isGravitonInstance, getArchitecture), and
// the public parameter each AMI type is read from, which the harness's mocks answer.
import * as assert from "assert";
import {
    AmiType,
    DEFAULT_OS,
    getAmiMetadata,
    getAmiType,
    getArchitecture,
    getOperatingSystem,
    isGravitonInstance,
    toAmiType,
} from "../../../../../tools/harness/aws/eks/nodes/ami";
import { publicParameterValue } from "../../../../../tools/harness/mocks/aws-public-parameters";

describe("eks node images (ami.ts)", () => {
    it("toAmiType: AMI types as named, the older aliases, nothing else", () => {
        assert.strictEqual(toAmiType("amazon-linux-2"), AmiType.AL2X86_64);
        assert.strictEqual(toAmiType("amazon-linux-2-gpu"), AmiType.AL2X86_64GPU);
        assert.strictEqual(toAmiType("amazon-linux-2-arm"), AmiType.AL2Arm64);
        assert.strictEqual(toAmiType("amazon-linux-2023/x86_64/standard"), AmiType.AL2023X86_64Standard);
        assert.strictEqual(toAmiType("amazon-linux-2023/arm64/standard"), AmiType.AL2023Arm64Standard);
        for (const type of Object.values(AmiType)) assert.strictEqual(toAmiType(type), type);
        assert.strictEqual(toAmiType("invalid-alias"), undefined);
    });

    it("getOperatingSystem: the one given, else the AMI type's, else AL2023; a mismatch refused", () => {
        assert.strictEqual(DEFAULT_OS, "AL2023");
        assert.strictEqual(getOperatingSystem(undefined, "AL2"), "AL2");
        assert.strictEqual(getOperatingSystem(undefined, undefined), "AL2023");
        assert.strictEqual(getOperatingSystem("AL2023_ARM_64_STANDARD", undefined), "AL2023");
        assert.strictEqual(getOperatingSystem("amazon-linux-2", "AL2"), "AL2");
        assert.throws(
            () => getOperatingSystem("unknown-ami-type", undefined),
            /^Error: Cannot determine OS of unknown AMI type: unknown-ami-type$/,
        );
        assert.throws(
            () => getOperatingSystem("AL2023_ARM_64_STANDARD", "Bottlerocket"),
            /^Error: Operating system 'Bottlerocket' does not match the detected operating system 'AL2023' of AMI type 'AL2023_ARM_64_STANDARD'\.$/,
        );
    });

    it("getAmiType: the first of the OS, GPU support and architecture", () => {
        const cases: [Parameters<typeof getAmiType>[0], boolean, "x86_64" | "arm64", string][] = [
            ["AL2", false, "x86_64", "AL2_x86_64"],
            ["AL2", true, "x86_64", "AL2_x86_64_GPU"],
            ["AL2", false, "arm64", "AL2_ARM_64"],
            ["AL2023", false, "x86_64", "AL2023_x86_64_STANDARD"],
            ["AL2023", false, "arm64", "AL2023_ARM_64_STANDARD"],
            ["AL2023", true, "x86_64", "AL2023_x86_64_NVIDIA"],
            ["Bottlerocket", false, "arm64", "BOTTLEROCKET_ARM_64"],
            ["Bottlerocket", true, "x86_64", "BOTTLEROCKET_x86_64_NVIDIA"],
        ];
        for (const [os, gpu, arch, type] of cases) assert.strictEqual(getAmiType(os, gpu, arch, undefined), type);
        assert.throws(
            () => getAmiType("AL2", true, "arm64", undefined),
            /No AMI type found for OS: AL2, GPU support: true, architecture: arm64/,
        );
    });

    it("Graviton instance types are arm64; a mix of architectures is refused", () => {
        for (const type of ["c6g.large", "m7g.xlarge", "c7gn.large", "r6gd.medium", "t4g.nano"])
            assert.strictEqual(isGravitonInstance(type, "instanceType"), true, type);
        for (const type of ["t3.medium", "m5.large", "c6i.large", "g5.xlarge", "p4d.24xlarge", "m7i-flex.large"])
            assert.strictEqual(isGravitonInstance(type, "instanceType"), false, type);
        assert.throws(() => isGravitonInstance("large", "instanceType"), /Invalid EC2 instance type: large/);
        assert.strictEqual(getArchitecture([], "instanceTypes"), "x86_64");
        assert.strictEqual(getArchitecture(["m7g.large", "c7g.large"], "instanceTypes"), "arm64");
        assert.throws(
            () => getArchitecture(["m7g.large", "m5.large"], "instanceTypes"),
            /The provided instance types do not share a common architecture/,
        );
    });

    it("each AMI type's public parameter, which the harness's mocks answer with an image", () => {
        assert.strictEqual(
            getAmiMetadata("AL2023_x86_64_STANDARD").ssmParameterName("1.31"),
            "/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id",
        );
        assert.strictEqual(
            getAmiMetadata("AL2_x86_64_GPU").ssmParameterName("1.29"),
            "/aws/service/eks/optimized-ami/1.29/amazon-linux-2-gpu/recommended/image_id",
        );
        assert.strictEqual(
            getAmiMetadata("BOTTLEROCKET_ARM_64_NVIDIA").ssmParameterName("1.31"),
            "/aws/service/bottlerocket/aws-k8s-1.31-nvidia/arm64/latest/image_id",
        );
        for (const type of Object.values(AmiType))
            assert.match(String(publicParameterValue(getAmiMetadata(type).ssmParameterName("1.31"))), /^ami-/, type);
    });
});
