/**
 * The eks provider's own custom resource under the harness's mocks: `eks:index:RandomSuffix`,
 * which its self-managed node group (v1) names its CloudFormation stack with. Its output is its
 * input, `-` and 4 random bytes in hex (pulumi-eks nodejs/eks/cmd/provider/randomSuffix.ts, whose
 * id is the resource's name; the mocks keep their own ids, which nothing reads); here the bytes
 * come from the mock id, so the name is stable from run to run. Not a cloud: registered in
 * tools/clouds.ts.
 */
import type { ProviderMocks } from "../provider-mocks";

export const EKS_MOCKS: ProviderMocks = {
    package: "eks",
    created: (type, _name, inputs, state, id) => {
        if (type !== "eks:index:RandomSuffix") return;
        const hex = id
            .replace(/[^0-9a-f]/g, "")
            .slice(-8)
            .padStart(8, "0");
        state.output = `${inputs.input}-${hex}`;
    },
    calls: {},
};
