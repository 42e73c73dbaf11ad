/**
 * The escape hatch itself: what `transform()` does with each form, and what the types refuse.
 * The type checks are compile errors expected by `// @ts-expect-error`: `tsc --noEmit` (which
 * `npm test` runs before the specs, scripts/run-tests.js) fails if one of them stops being an error, that is when a misspelt child,
 * component or cloud, or a wrongly typed arg, would silently be accepted.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { TierTransform } from "../../infra/platforms";
import { runWebtier, WebtierProgramOptions } from "../../infra/program";
import { transform, Transform } from "../../infra/transform";

interface ExampleArgs {
    size?: string;
    tags?: Record<string, string>;
    count?: number;
}

describe("transform: one child's escape hatch", () => {
    const base = (): ExampleArgs => ({ size: "small", tags: { Name: "t-db" }, count: 1 });

    it("hands back the component's args, options and name untouched without a transform", () => {
        const args = base();
        const opts: pulumi.CustomResourceOptions = { protect: true };
        const [name, out, outOpts] = transform<ExampleArgs, pulumi.CustomResourceOptions>(
            undefined,
            "t-db",
            args,
            opts,
        );
        assert.strictEqual(name, "t-db");
        assert.strictEqual(out, args);
        assert.strictEqual(outOpts, opts);
    });

    it("merges an object over the component's args, replacing nested values whole", () => {
        const [, out] = transform<ExampleArgs, pulumi.CustomResourceOptions>(
            { size: "large", tags: { team: "web" } },
            "t-db",
            base(),
            {},
        );
        assert.deepStrictEqual(out, { size: "large", tags: { team: "web" }, count: 1 });
    });

    it("lets a function edit args and options in place, and tells it which child it is", () => {
        const seen: string[] = [];
        const edit: Transform<ExampleArgs> = (args, opts, name) => {
            seen.push(name);
            args.count = 3;
            opts.ignoreChanges = ["size"];
        };
        const [name, out, opts] = transform(edit, "t-app-2", base(), {});
        assert.deepStrictEqual(seen, ["t-app-2"]);
        assert.strictEqual(name, "t-app-2", "the name is given, never taken");
        assert.strictEqual(out.count, 3);
        assert.deepStrictEqual(opts.ignoreChanges, ["size"]);
    });

    it("takes the args a function returns in place of the component's", () => {
        const [, out] = transform<ExampleArgs, pulumi.CustomResourceOptions>(
            (args) => ({ ...args, size: "medium" }),
            "t-db",
            base(),
            {},
        );
        assert.deepStrictEqual(out, { size: "medium", tags: { Name: "t-db" }, count: 1 });
    });
});

/** Accepts what a program may pass; the calls below are there for the type checker. */
function accept(...options: (TierTransform | WebtierProgramOptions)[]): number {
    return options.length;
}

describe("transform: the types a program writes against", () => {
    it("accepts a transform for a child of every component, in both forms, on both clouds", () => {
        const ok: TierTransform = {
            aws: {
                provider: { maxRetries: 10 },
                network: { natGateway: (args) => void args },
                database: { instance: { performanceInsightsEnabled: true } },
                servers: { healthGate: { pollIntervalSeconds: 30 } },
                alerts: { alarm: (args, opts, name) => void [args, opts, name] },
            },
            digitalocean: {
                servers: { droplet: { backups: true } },
                queue: {},
            },
        };
        assert.strictEqual(accept(ok, { transform: ok }), 2);
    });

    it("refuses, at compile time, a child, component or cloud that does not exist and a wrongly typed arg", () => {
        const unknownChild: TierTransform = {
            aws: {
                database: {
                    // @ts-expect-error -- the AWS database has no child named "replica"
                    replica: { multiAz: true },
                },
            },
        };
        const unknownDeepChild: TierTransform = {
            digitalocean: {
                servers: {
                    // @ts-expect-error -- DigitalOcean servers are droplets, not "instance"s
                    instance: { size: "s-2vcpu-4gb" },
                },
            },
        };
        const childOfTheOtherCloud: TierTransform = {
            digitalocean: {
                // @ts-expect-error -- "secrets" (Parameter Store) is an AWS component only
                secrets: { parameter: { tier: "Advanced" } },
            },
        };
        const queueWithoutChildren: TierTransform = {
            digitalocean: {
                queue: {
                    // @ts-expect-error -- the DigitalOcean queue is the shared Valkey: it has no children
                    queue: { name: "jobs" },
                },
            },
        };
        const unknownCloud: TierTransform = {
            // @ts-expect-error -- not a cloud webtier knows
            gcp: {},
        };
        const wrongArgType: TierTransform = {
            aws: {
                database: {
                    // @ts-expect-error -- multiAz is a boolean input
                    instance: { multiAz: "yes" },
                },
            },
        };
        const wrongFunction: TierTransform = {
            aws: {
                // @ts-expect-error -- a transform's function takes the child's args, options and name, nothing more
                servers: { instance: (_args, _opts, _name, _extra: number) => undefined },
            },
        };
        // Reachable from the program: the same refusal through runWebtier's options.
        const throughProgram = (): unknown =>
            runWebtier({
                transform: {
                    aws: {
                        loadBalancer: {
                            // @ts-expect-error -- the AWS balancer's listeners are forwardingListener and redirectListener
                            listener: { port: 8080 },
                        },
                    },
                },
            });
        assert.strictEqual(
            accept(
                unknownChild,
                unknownDeepChild,
                childOfTheOtherCloud,
                queueWithoutChildren,
                unknownCloud,
                wrongArgType,
                wrongFunction,
            ),
            7,
        );
        assert.strictEqual(typeof throughProgram, "function");
    });
});
