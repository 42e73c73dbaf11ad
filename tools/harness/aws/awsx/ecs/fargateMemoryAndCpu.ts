/**
 * The task size awsx gives a Fargate task definition that names none (pulumi-awsx
 * awsx/ecs/fargateMemoryAndCpu.ts): the containers' summed CPU units and memory, met by a
 * supported Fargate size. Pure.
 */

/** A container's requests, in CPU units and MiB. */
export interface ContainerMemoryAndCpu {
    cpu?: number;
    memory?: number;
    memoryReservation?: number;
}

interface FargateConfig {
    vcpu: number;
    memGB: number;
    cost: number;
}

function range(low: number, high: number): number[] {
    const values: number[] = [];
    for (let i = low; i <= high; i++) values.push(i);
    return values;
}

function configs(vcpu: number, memGBs: number[]): FargateConfig[] {
    return memGBs.map((memGB) => ({ vcpu, memGB, cost: 0.04048 * vcpu + 0.004445 * memGB }));
}

/**
 * The supported sizes (AWS's "task CPU and memory" table, as the source lists them), sorted by
 * cost. The source then computes its maxima by sorting this same array in place, by vCPU and
 * then by memory, and picks from it afterwards: the search below runs in that final order
 * (memory ascending, ties by vCPU, then cost), not by price as the source's comment says.
 * Reproduced as it is, so the size picked is the provider's.
 */
const allConfigs: FargateConfig[] = [
    ...configs(0.25, [0.5, 1, 2]),
    ...configs(0.5, range(1, 4)),
    ...configs(1, range(2, 8)),
    ...configs(2, range(4, 16)),
    ...configs(4, range(8, 30)),
    ...configs(8, range(16, 60)),
    ...configs(16, range(32, 120)),
    ...configs(32, [60, 120, 244]),
].sort((a, b) => a.cost - b.cost);

export const maxVCPU = allConfigs.sort((a, b) => a.vcpu - b.vcpu)[allConfigs.length - 1].vcpu;
export const maxMemGB = allConfigs.sort((a, b) => a.memGB - b.memGB)[allConfigs.length - 1].memGB;

/**
 * The task's `cpu` (CPU units) and `memory` (MiB) as strings, or the source's error when the
 * containers ask for more than Fargate offers.
 */
export function calculateFargateMemoryAndCPU(containers: ContainerMemoryAndCpu[]): { memory: string; cpu: string } {
    let memoryMB = 0;
    let cpuUnits = 0;
    for (const container of containers) {
        // A reservation, when set, is what counts: the hard limit may exceed what the task has.
        if (container.memoryReservation) memoryMB += container.memoryReservation;
        else if (container.memory) memoryMB += container.memory;
        if (container.cpu) cpuUnits += container.cpu;
    }
    const requestedVCPU = cpuUnits / 1024;
    const requestedGB = memoryMB / 1024;
    if (requestedVCPU > maxVCPU || requestedGB > maxMemGB) {
        throw new Error(
            `Requested resources exceed the maximum allowed for Fargate. Requested: ${requestedVCPU} vCPU and ${requestedGB}GB. Max: ${maxVCPU} vCPU and ${maxMemGB}GB.`,
        );
    }
    const config = allConfigs.find((c) => c.vcpu >= requestedVCPU && c.memGB >= requestedGB);
    if (config === undefined) {
        throw new Error(
            `Could not find fargate config that could satisfy: ${requestedVCPU} vCPU and ${requestedGB}GB.`,
        );
    }
    // Docker CPU units and MiB, the units AWS normalizes the task's values to.
    return { memory: `${config.memGB * 1024}`, cpu: `${config.vcpu * 1024}` };
}
