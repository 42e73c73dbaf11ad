/**
 * In-memory stand-ins for the balancer, the remote runner and time, with scripted health
 * transitions and failures. They share one event log so tests can assert the exact order
 * of operations across both.
 */
import { doOutputs, withoutSecrets } from "../../infra/outputs/fixtures";
import {
    BalancerApi,
    Clock,
    DeployError,
    DeployServer,
    MemberHealth,
    MemberStatus,
    RemoteRunner,
    RunResult,
} from "../../../tools/deploy/types";

export class FakeClock implements Clock {
    time = 0;
    now(): number {
        return this.time;
    }
    async sleep(ms: number): Promise<void> {
        this.time += ms;
    }
}

export function server(n: number): DeployServer {
    return {
        name: `web-${n}`,
        id: `i-${n}`,
        privateIp: `10.0.0.${10 + n}`,
        publicIp: `203.0.113.${n}`,
        zone: n % 2 ? "zone-a" : "zone-b",
    };
}

export class FakeBalancer implements BalancerApi {
    readonly description = "fake-lb";
    readonly members = new Map<string, { health: MemberHealth; detail?: string }>();
    /** Health answers after `add`, one per `health()` call; the last one sticks. Default: pending, healthy. */
    readonly afterAdd = new Map<string, MemberHealth[]>();
    /** Servers whose drain never finishes. */
    readonly stuckDraining = new Set<string>();
    /** Servers whose `add` call fails. */
    readonly addFails = new Set<string>();
    /** Called after every event: lets a test change the world mid-deploy. */
    onEvent: (event: string) => void = () => undefined;
    /** The most stack servers that were out of service (not healthy members) at the same time. */
    maxOut = 0;

    constructor(
        readonly events: string[],
        private readonly clock: FakeClock,
        private readonly stackServers: string[],
    ) {}

    private record(event: string): void {
        this.events.push(event);
        const out = this.stackServers.filter((id) => this.members.get(id)?.health !== "healthy").length;
        this.maxOut = Math.max(this.maxOut, out);
        this.onEvent(event);
    }

    async listMembers(): Promise<MemberStatus[]> {
        return [...this.members].map(([id, m]) => ({ id, ...m }));
    }

    async health(id: string): Promise<MemberStatus> {
        const script = this.afterAdd.get(id);
        const member = this.members.get(id);
        if (member && script && script.length > 0) {
            member.health = script.length > 1 ? script.shift()! : script[0];
            if (member.health === "healthy") this.record(`healthy:${id}`);
        }
        return member ? { id, ...member } : { id, health: "absent" };
    }

    async removeAndDrain(id: string, timeoutMs: number): Promise<void> {
        const member = this.members.get(id);
        if (member) member.health = "draining";
        this.record(`remove:${id}`);
        if (this.stuckDraining.has(id)) {
            await this.clock.sleep(timeoutMs);
            throw new DeployError(`${id} still draining after ${timeoutMs / 1000}s`);
        }
        this.members.delete(id);
        this.record(`drained:${id}`);
    }

    async add(id: string): Promise<void> {
        if (this.addFails.has(id)) throw new Error(`API refused to add ${id}`);
        this.members.set(id, { health: "pending" });
        if (!this.afterAdd.has(id)) this.afterAdd.set(id, ["pending", "healthy"]);
        this.record(`add:${id}`);
    }
}

export class FakeRunner implements RemoteRunner {
    readonly description = "fake-runner";
    /** Scripted results per server id; default exit 0. A function may throw (unreachable server). */
    readonly results = new Map<string, RunResult | (() => RunResult)>();
    /** The balancer health of the server at the moment its release ran. */
    readonly healthAtRun = new Map<string, MemberHealth>();

    constructor(
        readonly events: string[],
        private readonly balancer: FakeBalancer,
    ) {}

    async run(target: DeployServer, command: string): Promise<RunResult> {
        this.events.push(`run:${target.id}:${command}`);
        this.healthAtRun.set(target.id, this.balancer.members.get(target.id)?.health ?? "absent");
        const scripted = this.results.get(target.id);
        if (typeof scripted === "function") return scripted();
        return scripted ?? { exitCode: 0, output: "released\n" };
    }
}

/** A world of `count` healthy servers behind a fake balancer. */
export function world(count: number) {
    const events: string[] = [];
    const clock = new FakeClock();
    const servers = Array.from({ length: count }, (_, i) => server(i + 1));
    const balancer = new FakeBalancer(
        events,
        clock,
        servers.map((s) => s.id),
    );
    for (const s of servers) balancer.members.set(s.id, { health: "healthy" });
    const runner = new FakeRunner(events, balancer);
    const logs: string[] = [];
    return {
        events,
        clock,
        servers,
        balancer,
        runner,
        logs,
        deps: { balancer, runner, clock, log: (line: string) => logs.push(line) },
    };
}

/**
 * A valid `pulumi stack output --json` document (no --show-secrets, so secret outputs read
 * "[secret]") of a two-droplet DigitalOcean stack from before the in-rotation tag.
 */
export function validOutputs(overrides: Record<string, unknown> = {}) {
    const outputs = withoutSecrets(doOutputs());
    const { memberTag: _olderStacksHaveNone, ...loadBalancer } = outputs.loadBalancer;
    return {
        ...outputs,
        region: "nyc3",
        loadBalancer: { ...loadBalancer, address: "192.0.2.10" },
        servers: [
            { name: "prod-web-1", id: 101, privateIp: "10.20.0.5", publicIp: "203.0.113.5", zone: "nyc3" },
            { name: "prod-web-2", id: "102", privateIp: "10.20.0.6", publicIp: "203.0.113.6", zone: "nyc3" },
        ],
        ...overrides,
    };
}
