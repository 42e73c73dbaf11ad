/**
 * The escape hatch of every child resource the tier creates, on every cloud: adjust one child's
 * args or resource options without forking the component that creates it.
 *
 * The shape follows SST's components (`transform?: { bucket?: Transform<BucketArgs> }`): each
 * component lists its children by role, each child takes either args to merge over the
 * component's or a function that edits them. The program reaches all of them through one
 * option, keyed by cloud, component and child (`TierTransform` in infra/platforms.ts), so a
 * child missing from a component's list, or a misspelt one, is a compile error, not a silent no-op.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * One child's escape hatch.
 *
 * - An object: merged over the args the component computed (a shallow merge: a nested value,
 *   such as `tags`, replaces the component's, so spread the component's into it when you want
 *   both). Example: `{ instanceClass: "db.r6g.large" }`.
 * - A function: called with the args, the resource options and the child's logical name (which
 *   tells servers and alarms apart: "prod-app-2"). Edit `args` and `opts` in place, or return
 *   replacement args. Example: `(args, opts) => { args.multiAz = true; opts.protect = true; }`.
 *
 * The name is given, never taken: every child's name derives from the tier's (infra/naming.ts),
 * and a changed name would replace the resource.
 */
export type Transform<Args, Options extends pulumi.ResourceOptions = pulumi.CustomResourceOptions> =
    Partial<Args> | ((args: Args, opts: Options, name: string) => Args | void);

/**
 * Applies a child's transform and returns the constructor's arguments, to spread into it:
 * `new aws.rds.Instance(...transform(t.instance, childName(name, "db"), args, { parent: this }))`.
 * The `new` stays at the component's line, so the policy check locates the child there.
 * `opts` must be the child's own object (a function may edit it in place). The args' type comes
 * from the child's `Transform` alone, so the component's args are checked against the resource's.
 */
export function transform<Args extends object, Options extends pulumi.ResourceOptions>(
    childTransform: Transform<Args, Options> | undefined,
    name: string,
    args: NoInfer<Args>,
    opts: NoInfer<Options>,
): [string, Args, Options] {
    if (typeof childTransform === "function") {
        const replaced = childTransform(args, opts, name);
        return [name, replaced ?? args, opts];
    }
    return [name, childTransform ? { ...args, ...childTransform } : args, opts];
}
