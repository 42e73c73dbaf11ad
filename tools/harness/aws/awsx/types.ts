/**
 * What an emulated awsx component is: a class with the constructor of the awsx SDK's class it
 * stands in for (`new awsx.ec2.Vpc(name, args, opts)`), registered as a component of the same type
 * token, which builds inside itself what the awsx provider's Construct builds (same child types,
 * names, parents and inputs, from pulumi-awsx's `awsx/` source) and exposes the SDK class's output
 * properties as Outputs.
 */
import type * as pulumi from "@pulumi/pulumi";

export type EmulatedComponent = new (
    name: string,
    args?: any,
    opts?: pulumi.ComponentResourceOptions,
) => pulumi.ComponentResource;

/** A namespace's emulated components, by type token ("awsx:ec2:Vpc"). */
export type EmulatedComponents = Readonly<Record<string, EmulatedComponent>>;

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
