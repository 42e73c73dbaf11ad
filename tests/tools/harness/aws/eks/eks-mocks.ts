// The account's own route tables for the fixture subnets the eks tests name (ids no program
// created, which the harness's mocks leave unanswered): public subnets are those named "-public",
// which route to an internet gateway, the rest route through a NAT gateway. Every other lookup is
// the mocks' own (tools/harness/mocks/aws.ts).
import { AWS_MOCKS } from "../../../../../tools/harness/mocks/aws";
import type { ProviderMocks } from "../../../../../tools/harness/provider-mocks";

type Mutable = { -readonly [K in keyof ProviderMocks]: ProviderMocks[K] };

const LOOKUP = "aws:ec2/getRouteTable:getRouteTable";

/**
 * Installs the fixture tables (mocha `before`); returns what takes them away (`after`). Without
 * `routeTables`, the fixture subnets' lookups stay unanswered, as for any subnet of the account.
 */
export function withEksMocks({ routeTables = true }: { routeTables?: boolean } = {}): () => void {
    const mocks = AWS_MOCKS as Mutable;
    const calls = mocks.calls;
    const own = calls[LOOKUP];
    mocks.calls = {
        ...calls,
        [LOOKUP]: (inputs, ids, context) => {
            const answered = own(inputs, ids, context);
            const subnetId = String(inputs.subnetId ?? "");
            if (answered || !routeTables || !subnetId.startsWith("subnet-") || /^subnet-0d0d/.test(subnetId))
                return answered;
            const isPublic = subnetId.includes("-public");
            return {
                id: `rtb-${subnetId}`,
                routeTableId: `rtb-${subnetId}`,
                routes: [
                    { cidrBlock: "0.0.0.0/0", ...(isPublic ? { gatewayId: "igw-1" } : { natGatewayId: "nat-1" }) },
                ],
            };
        },
    };
    return () => {
        mocks.calls = calls;
    };
}
