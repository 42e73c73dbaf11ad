/**
 * The native AWS provider (`@pulumi/aws-native`, CloudFormation's shapes through Cloud Control)
 * under the harness's mocks: what a created resource computes that other resources refer to. A
 * native program wires its resources by these outputs (`securityGroups: [lbGroup.groupId]`,
 * `loadBalancerArn: lb.loadBalancerArn`, `launchTemplateId: template.launchTemplateId`), which the
 * provider always returns after a create; without them every such reference would reach the pack
 * as absent, and a listener would belong to no balancer. The provider ships no schema to read
 * them from, so they are found in its SDK's declarations (sdk-classes.ts `computedProperties`: an
 * output typed `pulumi.Output<T>` is always set) and filled by what their names say: the
 * resource's own id (`groupId`, `instanceId`, `awsId`), its ARN (`loadBalancerArn`, `arn`), its
 * name (`loadBalancerName`), a version number. Other computed outputs (endpoints, states, times)
 * stay absent, as before. It also names what the program leaves unnamed, as the provider does
 * (`autonamedField`). Not a cloud of its own: registered in tools/clouds.ts next to AWS.
 */
import type { MockIds } from "../mock-state";
import { AutonameRule, ProviderMocks, autonameOf } from "../provider-mocks";
import { computedProperties, optionalOutputs } from "../sdk-classes";

const ACCOUNT = "123456789012";

/** ARN service prefixes where the provider's module name is not the service's. */
const ARN_SERVICES: Readonly<Record<string, string>> = {
    elasticloadbalancingv2: "elasticloadbalancing",
};

/** EC2's id prefixes for the types whose Cloud Control identifier is an EC2 id. */
const ID_PREFIXES: Readonly<Record<string, string>> = {
    "aws-native:ec2:SecurityGroup": "sg",
    "aws-native:ec2:Instance": "i",
    "aws-native:ec2:Vpc": "vpc",
    "aws-native:ec2:Subnet": "subnet",
    "aws-native:ec2:LaunchTemplate": "lt",
    "aws-native:ec2:InternetGateway": "igw",
    "aws-native:ec2:NatGateway": "nat",
    "aws-native:ec2:RouteTable": "rtb",
    "aws-native:ec2:SecurityGroupIngress": "sgr",
    "aws-native:ec2:SecurityGroupEgress": "sgr",
};

/** Does an output named `<stem><suffix>` name this type's own `suffix` (`groupId` on a SecurityGroup)? */
function ownField(typeName: string, field: string, suffix: string): boolean {
    if (!field.endsWith(suffix)) return false;
    const stem = field.slice(0, -suffix.length).toLowerCase();
    return stem.length > 0 && typeName.toLowerCase().endsWith(stem);
}

/** What an ELB full name (its CloudWatch dimension) starts with: the balancer's kind, or "targetgroup". */
function fullNamePrefix(typeName: string, state: Record<string, any>): string {
    if (typeName === "TargetGroup") return "targetgroup";
    return state.type === "network" ? "net" : state.type === "gateway" ? "gwy" : "app";
}

/**
 * The identity outputs of a created native resource: `computed` lists the type's always-set
 * outputs, `optional` the others. Fills only what the program did not set itself.
 */
export function nativeIdentityOutputs(
    type: string,
    name: string,
    state: Record<string, any>,
    id: string,
    region: string,
    computed: readonly string[],
    optional: readonly string[] = [],
): void {
    const [, module, typeName] = type.split(":");
    const service = ARN_SERVICES[module] ?? module;
    const kind = typeName.toLowerCase();
    for (const field of computed) {
        if (state[field] !== undefined) continue;
        if (field === "awsId" || ownField(typeName, field, "Id")) state[field] = id;
        else if (field === "arn" || ownField(typeName, field, "Arn"))
            state[field] =
                service === "s3"
                    ? `arn:aws:s3:::${state.bucketName ?? name}`
                    : `arn:aws:${service}:${region}:${ACCOUNT}:${kind}/${name}/${id}`;
        else if (ownField(typeName, field, "FullName"))
            state[field] = `${fullNamePrefix(typeName, state)}/${state.name ?? name}/${id}`;
        else if (ownField(typeName, field, "Name")) state[field] = state.name ?? name;
        else if (field.endsWith("VersionNumber")) state[field] = "1";
    }
    // A name the program left out and the provider does not generate (no autoname rule above):
    // CloudFormation generates one at create (`cacheSubnetGroupName` of an ElastiCache subnet
    // group), and the resource reports it.
    for (const field of optional) {
        if (state[field] !== undefined || !field.endsWith("Name")) continue;
        const stem = field.slice(0, -"Name".length).toLowerCase();
        if (stem.endsWith(kind))
            state[field] = `${name}-${id
                .replace(/[^0-9a-z]/gi, "")
                .slice(-8)
                .toLowerCase()}`;
    }
    if (type === "aws-native:elasticloadbalancingv2:LoadBalancer" && state.dnsName === undefined)
        state.dnsName = `${name}-${id.slice(-6)}.${region}.elb.amazonaws.com`;
}

/**
 * The property the provider names a resource by when the program leaves it out, found as
 * pulumi-aws-native finds it when it generates its schema (provider/pkg/autonaming/spec.go
 * CreateAutoNamingSpec): an input `name`; else `<TypeName>Name` (`dbSubnetGroupName`); else the
 * one `<suffix>Name` whose prefix ends the type's name (`groupName` on a SecurityGroup,
 * `policyName` on a ScalingPolicy), none when several do. Candidates are compared without case,
 * as there; suffixes are taken at the type name's word boundaries, where schemas put them. The
 * name is the logical name, "-" and 7 random hex characters (getDefaultName); the length limits
 * and casing rules in the provider's metadata are not shipped with its SDK, so none is applied.
 */
export function autonamedField(typeName: string, hasInput: (field: string) => boolean): string | undefined {
    if (hasInput("name")) return "name";
    const camel = (pascal: string) => pascal.charAt(0).toLowerCase() + pascal.slice(1);
    const own = `${camel(typeName)}Name`;
    if (hasInput(own)) return own;
    const words = typeName.match(/[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? [typeName];
    const candidates = words
        .slice(1)
        .map((_, index) => `${camel(words.slice(index + 1).join(""))}Name`)
        .filter(hasInput);
    return candidates.length === 1 ? candidates[0] : undefined;
}

export const AWS_NATIVE_MOCKS: ProviderMocks = {
    package: "aws-native",
    // The provider's `region`, else the variables the AWS SDK reads.
    region: (provider) =>
        provider.inputs.region || provider.env.AWS_REGION || provider.env.AWS_DEFAULT_REGION || "us-east-1",
    idPrefixes: ID_PREFIXES,
    autoname: (type, hasInput): AutonameRule | undefined => {
        const field = autonamedField(type.split(":")[2], hasInput);
        return field ? autonameOf(field, 0) : undefined;
    },
    created: (type: string, name: string, _inputs, state, id: string, _ids: MockIds, region: string) =>
        nativeIdentityOutputs(
            type,
            name,
            state,
            id,
            region,
            computedProperties(type),
            optionalOutputs(type).map((output) => output.name),
        ),
    calls: {},
};
