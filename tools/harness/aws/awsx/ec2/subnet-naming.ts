/**
 * Subnet names, following pulumi-awsx awsx/ec2/subnetNaming.ts: the Pulumi resource name is
 * always index-based (`vpc-public-1`), so switching subnetNameTagStrategy never replaces a
 * subnet; only the AWS Name tag follows the strategy (`vpc-public-1a`).
 */
import type { SubnetNameTagStrategy, SubnetSpecInputs } from "./args";

/** The region part of a zone name up to its number ("us-east-" of "us-east-1a", "us-gov-west-" ...). */
const AZ_REGION_PREFIX = /^[a-z]{2}(?:-[a-z]+)+-/;

/** "us-east-1a" to "1a"; a name that does not parse stays whole (still unique). */
export function azSuffix(azName: string): string {
    return AZ_REGION_PREFIX.test(azName) ? azName.replace(AZ_REGION_PREFIX, "") : azName;
}

/** `<vpc>-<spec name or type>-<zone index or suffix>`. */
export function subnetName(
    vpcName: string,
    spec: Pick<SubnetSpecInputs, "name" | "type">,
    azNum: number,
    azName: string,
    strategy: SubnetNameTagStrategy,
): string {
    const specName = spec.name ?? spec.type.toLowerCase();
    const suffix = strategy === "AvailabilityZone" ? azSuffix(azName) : `${azNum}`;
    return `${vpcName}-${specName}-${suffix}`;
}

/** The resource name (index-based) and the Name tag (per strategy) of one subnet. */
export function subnetNames(
    vpcName: string,
    spec: Pick<SubnetSpecInputs, "name" | "type">,
    azNum: number,
    azName: string,
    strategy: SubnetNameTagStrategy,
): { resourceName: string; nameTag: string } {
    return {
        resourceName: subnetName(vpcName, spec, azNum, azName, "Legacy"),
        nameTag: subnetName(vpcName, spec, azNum, azName, strategy),
    };
}

/** Zones whose suffixes collide would give two subnets one Name tag; the provider refuses them. */
export function validateAzSuffixes(azNames: string[]): void {
    const seen = new Map<string, string>();
    for (const azName of azNames) {
        const suffix = azSuffix(azName);
        const collidesWith = seen.get(suffix);
        if (collidesWith !== undefined) {
            throw new Error(
                `subnetNameTagStrategy="AvailabilityZone" requires availability zones with distinct suffixes, but ` +
                    `"${collidesWith}" and "${azName}" both reduce to "${suffix}".`,
            );
        }
        seen.set(suffix, azName);
    }
}
