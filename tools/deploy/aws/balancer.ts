/**
 * `BalancerApi` for an AWS Application Load Balancer: the servers are instance targets of
 * one target group. Taking a server out is DeregisterTargets, then polling DescribeTargetHealth
 * until the target has finished draining (what the SDK's `waitUntilTargetDeregistered` does,
 * on our clock); putting it back is RegisterTargets.
 */
import {
    DeregisterTargetsCommand,
    DescribeLoadBalancersCommand,
    DescribeLoadBalancersCommandOutput,
    DescribeTargetGroupsCommand,
    DescribeTargetGroupsCommandOutput,
    DescribeTargetHealthCommand,
    RegisterTargetsCommand,
    TargetDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { describeTargetHealth, targetGroupDescription } from "../../../infra/balancer-health/aws";
import { pollUntil } from "../../../infra/balancer-health/poll";
import { BalancerApi, Clock, DeployError, MemberStatus } from "../types";

export type ElbCommand =
    | DescribeTargetHealthCommand
    | RegisterTargetsCommand
    | DeregisterTargetsCommand
    | DescribeLoadBalancersCommand
    | DescribeTargetGroupsCommand;

/** The part of `ElasticLoadBalancingV2Client` used here; tests pass a recording stub. */
export interface ElbSender {
    send(command: ElbCommand): Promise<unknown>;
}

export interface AwsBalancerArgs {
    elb: ElbSender;
    /** The balancer's DNS name from the outputs (`loadBalancer.address`). */
    address: string;
    /** The balancer's ARN (`loadBalancer.id`), when the outputs carry it: skips the lookup by DNS name. */
    loadBalancerArn?: string;
    /** The app target group (`loadBalancer.targetGroupArn` or `--target-group`): skips both lookups. */
    targetGroupArn?: string;
    clock: Clock;
    /** How often draining is polled. Default 5 s. */
    pollIntervalMs?: number;
}

export class AwsBalancer implements BalancerApi {
    private targetGroup?: Promise<string>;
    /** Ports the targets were registered with, so they are deregistered and re-registered alike. */
    private readonly ports: Map<string, number>;

    constructor(private readonly args: AwsBalancerArgs) {
        this.ports = new Map();
    }

    get description(): string {
        const arn = this.args.targetGroupArn;
        return arn ? targetGroupDescription(arn) : `the target group of ${this.args.address}`;
    }

    /** The target group's ARN, looked up once from the balancer when the outputs do not carry it. */
    targetGroupArn(): Promise<string> {
        this.targetGroup ??= this.resolveTargetGroup();
        return this.targetGroup;
    }

    private async resolveTargetGroup(): Promise<string> {
        if (this.args.targetGroupArn) return this.args.targetGroupArn;
        const loadBalancerArn = this.args.loadBalancerArn ?? (await this.findLoadBalancerArn());
        const out = (await this.args.elb.send(
            new DescribeTargetGroupsCommand({ LoadBalancerArn: loadBalancerArn }),
        )) as DescribeTargetGroupsCommandOutput;
        const groups = (out.TargetGroups ?? []).filter(
            (group) => group.TargetType === undefined || group.TargetType === "instance",
        );
        if (groups.length === 1 && groups[0].TargetGroupArn) return groups[0].TargetGroupArn;
        if (groups.length === 0) {
            throw new DeployError(
                `The load balancer ${loadBalancerArn} has no instance target group; is this a webtier stack on AWS?`,
            );
        }
        throw new DeployError(
            `The load balancer ${loadBalancerArn} has ${groups.length} instance target groups (${groups.map((g) => g.TargetGroupArn).join(", ")}); ` +
                `choose the app's with --target-group ARN.`,
        );
    }

    private async findLoadBalancerArn(): Promise<string> {
        const wanted = this.args.address.toLowerCase().replace(/^dualstack\./, "");
        let marker: string | undefined;
        do {
            const page = (await this.args.elb.send(
                new DescribeLoadBalancersCommand({ Marker: marker, PageSize: 400 }),
            )) as DescribeLoadBalancersCommandOutput;
            const match = (page.LoadBalancers ?? []).find((lb) => lb.DNSName?.toLowerCase() === wanted);
            if (match?.LoadBalancerArn) return match.LoadBalancerArn;
            marker = page.NextMarker;
        } while (marker);
        throw new DeployError(
            `No load balancer with DNS name ${this.args.address} in this account and region. ` +
                `Check AWS_REGION/AWS_PROFILE, or pass --target-group ARN.`,
        );
    }

    private target(serverId: string): TargetDescription {
        const port = this.ports.get(serverId);
        return port === undefined ? { Id: serverId } : { Id: serverId, Port: port };
    }

    private async describe(targets?: TargetDescription[]): Promise<MemberStatus[]> {
        const statuses = await describeTargetHealth(
            this.args.elb,
            DescribeTargetHealthCommand,
            await this.targetGroupArn(),
            targets,
        );
        return statuses.map(({ port, ...status }) => {
            if (port !== undefined) this.ports.set(status.id, port);
            return status;
        });
    }

    async listMembers(): Promise<MemberStatus[]> {
        return (await this.describe()).filter((member) => member.health !== "absent");
    }

    async health(serverId: string): Promise<MemberStatus> {
        const [status] = await this.describe([this.target(serverId)]);
        return status ?? { id: serverId, health: "absent" };
    }

    async removeAndDrain(serverId: string, timeoutMs: number): Promise<void> {
        const arn = await this.targetGroupArn();
        await this.args.elb.send(
            new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [this.target(serverId)] }),
        );
        await pollUntil<true, MemberStatus>(
            this.args.clock,
            { timeoutMs, intervalMs: this.args.pollIntervalMs ?? 5000 },
            async () => {
                const status = await this.health(serverId);
                return status.health === "absent" ? { done: true } : { last: status };
            },
            (last) =>
                `${serverId} was still ${last?.detail ?? "registered"} in ${this.description} after ${timeoutMs / 1000}s; ` +
                `the target group's deregistration delay may be longer than --drain-timeout`,
        );
    }

    async add(serverId: string): Promise<void> {
        const arn = await this.targetGroupArn();
        await this.args.elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [this.target(serverId)] }));
    }
}
