/**
 * The random provider under the harness's mocks: what `random.RandomPassword`, `RandomString` and
 * `RandomId` compute, made from the resource's name and mock id so a run is repeatable (the
 * values only need the shape programs and policies read: a password of the asked length, hex and
 * base64 of the id's bytes). Not a cloud: registered in tools/clouds.ts.
 */
import type { ProviderMocks } from "../provider-mocks";

export const RANDOM_MOCKS: ProviderMocks = {
    package: "random",
    // pulumi-random bridges terraform-provider-random.
    bridged: true,
    created: (type, name, inputs, state, id) => {
        switch (type) {
            case "random:index/randomPassword:RandomPassword":
            case "random:index/randomString:RandomString":
                state.result = `mock-${name}-${"x".repeat(Math.max(0, (inputs.length ?? 16) - name.length - 5))}`.slice(
                    0,
                    inputs.length ?? 32,
                );
                break;
            case "random:index/randomId:RandomId":
                state.hex = id.slice(-8);
                state.b64Url = id.slice(-8);
                state.dec = String(parseInt(id.slice(-8), 16));
                break;
        }
    },
    calls: {},
};
