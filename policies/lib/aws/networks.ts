/**
 * IPv4 ranges AWS would refuse on their own, in a VPC, a range added to one, or a subnet:
 *  - a VPC's range (and one added with a CIDR block association): terraform-provider-aws refuses at
 *    plan time what is not a network address from /16 to /28 (`validation.IsCIDRNetwork(16, 28)`
 *    on `cidr_block`), so `pulumi preview` fails on it; offline nothing else does;
 *  - a subnet's range: the provider wants a network address (`verify.ValidIPv4CIDRNetworkAddress`),
 *    and EC2 CreateSubnet allows "between a /28 netmask and a /16 netmask" (EC2 API Reference).
 * Whether a subnet lies inside its VPC's ranges takes both resources, which these per-resource
 * checks do not have.
 */
import { parseCidr } from "../cidr";
import { Res, describe, isUnknown } from "../values";

const VPC = "aws:ec2/vpc:Vpc";
const ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";
const SUBNET = "aws:ec2/subnet:Subnet";

/** The smallest and largest IPv4 block a VPC or subnet may have (vpcCIDRMin/MaxIPv4Netmask). */
const LARGEST = 16;
const SMALLEST = 28;

/** What AWS refuses in an IPv4 VPC or subnet range, or undefined. */
export function awsRangeProblem(text: string): string | undefined {
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4 || !text.includes("/")) return `"${text}" is not an IPv4 CIDR block`;
    if (cidr.hadHostBits) return `"${text}" has host bits set; write the network address`;
    if (cidr.prefix < LARGEST || cidr.prefix > SMALLEST)
        return `"${text}" is a /${cidr.prefix}; AWS takes /${LARGEST} (65,536 addresses) to /${SMALLEST} (16)`;
    return undefined;
}

const SOURCES: Record<string, string> = {
    [VPC]: "terraform-provider-aws aws_vpc cidr_block (validation.IsCIDRNetwork(16, 28)); EC2 API CreateVpc",
    [ASSOCIATION]:
        "terraform-provider-aws aws_vpc_ipv4_cidr_block_association cidr_block (validation.IsCIDRNetwork(16, 28)); EC2 API AssociateVpcCidrBlock",
    [SUBNET]:
        'terraform-provider-aws aws_subnet cidr_block (verify.ValidIPv4CIDRNetworkAddress); EC2 API CreateSubnet ("between a /28 netmask and a /16 netmask")',
};

/** What AWS refuses in a VPC's, an added VPC range's or a subnet's `cidrBlock`. */
export function awsRangeProblems(res: Res): string[] {
    const source = SOURCES[res.type];
    if (!source) return [];
    const range = res.props.cidrBlock;
    // Absent: the range comes from IPAM (ipv4IpamPoolId and a netmask length), or the subnet is IPv6 only.
    if (typeof range !== "string" || isUnknown(range)) return [];
    const problem = awsRangeProblem(range);
    if (!problem) return [];
    return [
        `${describe(res)}: cidrBlock ${problem}. Use a network address from /16 to /28, such as 10.0.0.0/16 for a VPC or 10.0.1.0/24 for a subnet. Source: ${source}.`,
    ];
}
