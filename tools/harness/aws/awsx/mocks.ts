/**
 * The awsx provider's functions under the harness's mocks (`awsx.ec2.getDefaultVpc`): the awsx
 * provider answers them by calling AWS through the AWS provider, so each is computed from what
 * the AWS mocks answer those calls (`context.call`: the stack's default AWS provider).
 */
import type { CallContext, ProviderMocks } from "../../provider-mocks";
import type { EmulatedFunctions } from "./types";

let functions: EmulatedFunctions | undefined;
/** Loaded on first use, as the components are (index.ts). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const awsxFunctions = () => (functions ??= (require("./ec2") as typeof import("./ec2")).FUNCTIONS);

/** The tokens answered, listed without loading the emulations. */
const TOKENS = ["awsx:ec2:getDefaultVpc"];

export const AWSX_MOCKS: ProviderMocks = {
    package: "awsx",
    created: () => undefined,
    calls: Object.fromEntries(
        TOKENS.map((token) => [
            token,
            (inputs: Record<string, any>, _ids: unknown, context: CallContext) =>
                awsxFunctions()[token]?.(inputs, context.call),
        ]),
    ),
};
