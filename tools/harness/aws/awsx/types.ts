/** A namespace's emulated components (the generic kind: component-swap.ts), and its functions. */
export type { EmulatedComponent, EmulatedComponents } from "../../component-swap";

/**
 * A namespace's provider functions (`awsx:ec2:getDefaultVpc`), by token: what the awsx provider's
 * Invoke answers, computed from the harness's AWS mocks' answers (`call` asks them).
 */
export type EmulatedFunctions = Readonly<
    Record<
        string,
        (
            inputs: Record<string, any>,
            call: (token: string, inputs: Record<string, any>) => Record<string, any> | undefined,
        ) => Record<string, any> | undefined
    >
>;
