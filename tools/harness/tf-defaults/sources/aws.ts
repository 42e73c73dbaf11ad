/**
 * terraform-provider-aws' resource schemas, from the per-function index that
 * lonegunmanb/terraform-provider-aws-index publishes for each provider release (the provider's own
 * repository is too large to fetch here): `index/internal/service/<service>/` holds one file per
 * Go function (`func.<name>.goindex`), method and package variable (`var.<name>.goindex`). Each
 * service's `SDKResources` names its plugin-SDKv2 resources and their factories; framework
 * resources get no Terraform defaults from the bridge's Check and are not read.
 */
import * as fs from "fs";
import * as path from "path";
import {
    GoValue,
    readIfExists,
    Resolver,
    resourceFromFactory,
    TfResource,
    TfSource,
    tokenize,
    unquote,
} from "../go-schema";
import { attrConstantName } from "../names";

/**
 * A package constant's value when its declaration (`name = 16`, `name string = "x"`, in a
 * `var.<name>.goindex` file) is a literal; undefined for an expression.
 */
export function packageConstant(source: string | undefined, name: string): GoValue | undefined {
    const declared = source && new RegExp(`^\\s*${name}\\s*(?:\\w+\\s*)?=\\s*(.+?)\\s*$`, "m").exec(source);
    if (!declared) return undefined;
    const [token, ...rest] = tokenize(declared[1]);
    if (!token || rest.length > 0) return undefined;
    if (token.kind === "string") return unquote(token.text);
    if (token.kind === "number" && /^[0-9][0-9_]*(\.[0-9]+)?$/.test(token.text))
        return Number(token.text.replace(/_/g, ""));
    return undefined;
}

export function readTerraformResources(root: string): TfSource {
    const services = path.join(root, "index", "internal", "service");
    const found: TfResource[] = [];
    let unresolved = 0;
    let unreadValidators = 0;
    for (const service of fs.readdirSync(services).sort()) {
        const dir = path.join(services, service);
        const registry = readIfExists(path.join(dir, "method.servicePackage.SDKResources.goindex"));
        if (!registry) continue;
        const resolver: Resolver = {
            constant: (q) =>
                q.startsWith("names.Attr")
                    ? attrConstantName(q.slice("names.Attr".length))
                    : q.includes(".")
                      ? undefined
                      : packageConstant(readIfExists(path.join(dir, `var.${q}.goindex`)), q),
            functionSource: (name) => readIfExists(path.join(dir, `func.${name}.goindex`)),
            variableSource: (name) => readIfExists(path.join(dir, `var.${name}.goindex`)),
        };
        for (const m of registry.matchAll(/Factory:\s*(\w+),\s*TypeName:\s*"([^"]+)"/g)) {
            const source = resolver.functionSource(m[1]);
            if (!source) continue;
            const read = resourceFromFactory(m[2], source, resolver);
            unresolved += read.unresolved;
            unreadValidators += read.unreadValidators;
            if (read.resource) found.push(read.resource);
        }
    }
    return { resources: found, unresolved, unreadValidators };
}
