/**
 * terraform-provider-digitalocean's resource schemas, from a checkout of its repository:
 * `digitalocean/provider.go` maps each resource type to `<package>.<Factory>()`, and the
 * package's Go files hold the factory, its helpers and its constants.
 */
import * as fs from "fs";
import * as path from "path";
import {
    functionText,
    GoValue,
    literalConstants,
    readIfExists,
    Resolver,
    resourceFromFactory,
    TfResource,
    TfSource,
    variableText,
} from "../go-schema";

export function readTerraformResources(root: string): TfSource {
    const base = path.join(root, "digitalocean");
    const provider = readIfExists(path.join(base, "provider.go")) ?? "";
    const map = provider.slice(provider.indexOf("ResourcesMap"));
    const found: TfResource[] = [];
    let unresolved = 0;
    let unreadValidators = 0;
    const packages = new Map<string, { files: string; constants: Map<string, GoValue> }>();
    const packageOf = (pkg: string) => {
        if (!packages.has(pkg)) {
            const dir = path.join(base, pkg);
            const files = fs.existsSync(dir)
                ? fs
                      .readdirSync(dir)
                      .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
                      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
                      .join("\n")
                : "";
            packages.set(pkg, { files, constants: literalConstants(files) });
        }
        return packages.get(pkg)!;
    };
    for (const m of map.matchAll(/"(digitalocean_\w+)":\s*(\w+)\.(\w+)\(\)/g)) {
        const pkg = packageOf(m[2]);
        const resolver: Resolver = {
            constant: (q) => (q.includes(".") ? undefined : pkg.constants.get(q)),
            functionSource: (name) => functionText(pkg.files, name),
            variableSource: (name) => variableText(pkg.files, name),
        };
        const source = resolver.functionSource(m[3]);
        if (!source) continue;
        const read = resourceFromFactory(m[1], source, resolver);
        unresolved += read.unresolved;
        unreadValidators += read.unreadValidators;
        if (read.resource) found.push(read.resource);
    }
    return { resources: found, unresolved, unreadValidators };
}
