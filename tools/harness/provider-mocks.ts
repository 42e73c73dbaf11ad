/**
 * What a cloud's provider looks like under the harness's mocks: the ids it hands out, the
 * computed outputs a created resource has (ids, ARNs, endpoints, addresses), and the results of
 * its data sources. Each cloud writes one (`tools/harness/mocks/<cloud>.ts`) and registers it in
 * `tools/clouds.ts`; `mock-state.ts` picks it by the package of a resource type or invoke token.
 */
import type { MockIds } from "./mock-state";

export interface ProviderMocks {
    /** The provider package of the types and tokens these mock ("aws" in "aws:ec2/vpc:Vpc"). */
    readonly package: string;
    /** The id a real provider would hand out, where a readable prefixed one would not do. */
    id?(type: string, inputs: Record<string, any>, ids: MockIds): string | undefined;
    /** The prefix of the readable ids of a type ("vpc" for "vpc-00000001"); default: the type's last segment. */
    readonly idPrefixes?: Readonly<Record<string, string>>;
    /**
     * Fills in what a created resource computes (never during a preview): `state` holds its inputs
     * and autoname, `region` its region input or the harness's default.
     */
    created(
        type: string,
        name: string,
        inputs: Record<string, any>,
        state: Record<string, any>,
        id: string,
        ids: MockIds,
        region: string,
    ): void;
    /** Data-source results by invoke token; an absent token returns no fields. */
    readonly calls: Readonly<Record<string, (inputs: Record<string, any>, ids: MockIds) => Record<string, any>>>;
}
