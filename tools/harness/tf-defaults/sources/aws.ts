/**
 * terraform-provider-aws' resource schemas, from the per-function index that
 * lonegunmanb/terraform-provider-aws-index publishes for each provider release (the provider's own
 * repository is too large to fetch here): `index/internal/service/<service>/` holds one file per
 * Go function (`func.<name>.goindex`), method and package variable (`var.<name>.goindex`). Each
 * service's `SDKResources` names its plugin-SDKv2 resources and their factories, and its
 * `FrameworkResources` the Plugin Framework ones, whose validators alone are read (the bridge's
 * Check adds no Terraform defaults to them).
 */
import * as fs from "fs";
import * as path from "path";
import {
    literalConstants,
    readIfExists,
    Resolver,
    resourceFromFactory,
    SchemaReader,
    TfResource,
    TfSource,
} from "../go-schema";
import { attrConstantName } from "../names";

/**
 * The AWS SDK for Go v2's enum values, from botocore's service models (`<botocore>/data/<service>/
 * <version>/service-2.json`): the SDKs are generated from the same models, a Go service package
 * being named by the model's `serviceId` lowercased without spaces (`Elastic Load Balancing v2` is
 * `elasticloadbalancingv2`) and an enum type by its shape. The newest API version of each service.
 */
export class BotocoreEnums {
    private readonly models = new Map<string, string>();
    private readonly shapes = new Map<string, Record<string, { type?: string; enum?: string[] }>>();

    constructor(dataDir: string) {
        for (const service of fs.readdirSync(dataDir)) {
            const dir = path.join(dataDir, service);
            if (!fs.statSync(dir).isDirectory()) continue;
            const versions = fs.readdirSync(dir).filter((v) => fs.existsSync(path.join(dir, v, "service-2.json")));
            const newest = versions.sort().pop();
            if (!newest) continue;
            const file = path.join(dir, newest, "service-2.json");
            // The metadata is near the top: read the id without parsing the whole model.
            const head = fs.readFileSync(file, "utf8").slice(0, 4000);
            const id = /"serviceId"\s*:\s*"([^"]+)"/.exec(head)?.[1];
            if (id) this.models.set(id.toLowerCase().replace(/[^a-z0-9]/g, ""), file);
        }
    }

    values(goPackage: string, type: string): string[] | undefined {
        const file = this.models.get(goPackage);
        if (!file) return undefined;
        if (!this.shapes.has(goPackage)) {
            const model = JSON.parse(fs.readFileSync(file, "utf8")) as { shapes: Record<string, { enum?: string[] }> };
            this.shapes.set(goPackage, model.shapes);
        }
        const shapes = this.shapes.get(goPackage)!;
        const shape =
            shapes[type] ?? Object.entries(shapes).find(([name]) => name.toLowerCase() === type.toLowerCase())?.[1];
        return shape?.enum ? [...shape.enum] : undefined;
    }
}

/**
 * A framework resource's method (`Schema`, `ConfigValidators`): its factory builds
 * `&someResource{}`, whose method is its own or that of a type it embeds
 * (`securityGroupIngressRuleResource` embeds `securityGroupRuleResource`), looked for two levels down.
 */
function frameworkMethod(dir: string, factory: string | undefined, method: string): string | undefined {
    const built = factory && /&(\w+)\{/.exec(factory)?.[1];
    const find = (type: string, depth: number): string | undefined => {
        const own = readIfExists(path.join(dir, `method.${type}.${method}.goindex`));
        if (own || depth === 0) return own;
        const declared = readIfExists(path.join(dir, `type.${type}.goindex`)) ?? "";
        const body = /struct\s*\{([^}]*)\}/.exec(declared)?.[1] ?? "";
        for (const line of body.split("\n")) {
            const embedded = /^\s*\*?(\w+)\s*$/.exec(line)?.[1];
            const method = embedded && find(embedded, depth - 1);
            if (method) return method;
        }
        return undefined;
    };
    return built ? find(built, 2) : undefined;
}

/** The AWS SDK for Go v2 service packages a source imports for their types, by the name it uses. */
export function awsTypesImports(source: string): Map<string, string> {
    const imports = new Map<string, string>();
    for (const m of source.matchAll(/^\s*(\w+\s+)?"github\.com\/aws\/aws-sdk-go-v2\/service\/(\w+)\/types"/gm))
        imports.set(m[1]?.trim() || "types", m[2]);
    return imports;
}

export function readTerraformResources(root: string, botocoreData?: string): TfSource {
    const enums = botocoreData ? new BotocoreEnums(botocoreData) : undefined;
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
                      : literalConstants(readIfExists(path.join(dir, `var.${q}.goindex`)) ?? "").get(q),
            functionSource: (name) => readIfExists(path.join(dir, `func.${name}.goindex`)),
            variableSource: (name) => readIfExists(path.join(dir, `var.${name}.goindex`)),
            enumValues: (source, qualified) => {
                const [alias, type] = qualified.split(".");
                const goPackage = awsTypesImports(source).get(alias);
                return goPackage ? enums?.values(goPackage, type) : undefined;
            },
        };
        // Plugin Framework resources: their validators only (the bridge's Check adds no Terraform defaults to them).
        const framework = readIfExists(path.join(dir, "method.servicePackage.FrameworkResources.goindex")) ?? "";
        for (const m of framework.matchAll(/Factory:\s*(\w+),\s*TypeName:\s*"([^"]+)"/g)) {
            const factory = resolver.functionSource(m[1]);
            const schemaMethod = frameworkMethod(dir, factory, "Schema");
            const schema = schemaMethod ? new SchemaReader(schemaMethod, resolver) : undefined;
            const read = schema?.frameworkSchema();
            const configMethod = read && frameworkMethod(dir, factory, "ConfigValidators");
            const config = configMethod ? new SchemaReader(configMethod, resolver) : undefined;
            const resourceValidators = config?.frameworkResourceValidators() ?? [];
            for (const reader of [schema, config]) unreadValidators += reader?.allUnreadValidators().length ?? 0;
            if (read)
                found.push({
                    name: m[2],
                    schema: read,
                    framework: true,
                    ...(resourceValidators.length > 0 ? { resourceValidators } : {}),
                });
        }
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
