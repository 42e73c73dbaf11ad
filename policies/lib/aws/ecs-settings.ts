/**
 * Fargate task sizes ECS refuses when the task definition is registered
 * (webtier-preflight-settings): a Linux task for Fargate takes only the CPU and memory pairs the
 * Amazon ECS Developer Guide lists ("Task CPU and memory", Fargate; read 2026-12-03), and
 * RegisterTaskDefinition answers "No Fargate configuration exists for given values" for any
 * other. CPU and memory written as units (`"1 vCPU"`, `"2 GB"`) and Windows tasks, whose table
 * differs, are not judged; nor are values unknown during preview.
 */
import { Res, describe, isUnknown, listOf } from "../values";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** For each task CPU (units), the memory (MiB) Fargate runs it with: from, to, in steps of. */
const FARGATE_SIZES: Readonly<Record<number, { from: number; to: number; step: number } | readonly number[]>> = {
    256: [512, 1024, 2048],
    512: { from: 1024, to: 4096, step: 1024 },
    1024: { from: 2048, to: 8192, step: 1024 },
    2048: { from: 4096, to: 16384, step: 1024 },
    4096: { from: 8192, to: 30720, step: 1024 },
    8192: { from: 16384, to: 61440, step: 4096 },
    16384: { from: 32768, to: 122880, step: 8192 },
};

/** A size written as a whole number (ECS takes strings); undefined for units or anything else. */
function units(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

function memoryText(cpu: number): string {
    const sizes = FARGATE_SIZES[cpu];
    if (Array.isArray(sizes)) return sizes.join(", ");
    const { from, to, step } = sizes as { from: number; to: number; step: number };
    return `${from} to ${to} in steps of ${step}`;
}

function fits(cpu: number, memory: number): boolean {
    const sizes = FARGATE_SIZES[cpu];
    if (Array.isArray(sizes)) return sizes.includes(memory);
    const { from, to, step } = sizes as { from: number; to: number; step: number };
    return memory >= from && memory <= to && (memory - from) % step === 0;
}

export function ecsSettingsProblems(res: Res): string[] {
    if (res.type !== TASK_DEFINITION) return [];
    const { requiresCompatibilities, runtimePlatform } = res.props;
    if (isUnknown(requiresCompatibilities) || !listOf(requiresCompatibilities).includes("FARGATE")) return [];
    const family = (runtimePlatform as Record<string, unknown> | undefined)?.operatingSystemFamily;
    if (isUnknown(runtimePlatform) || isUnknown(family) || (typeof family === "string" && family.startsWith("WINDOWS")))
        return [];
    const cpu = units(res.props.cpu);
    const memory = units(res.props.memory);
    if (cpu === undefined || memory === undefined) return [];
    const source =
        'Source: Amazon ECS Developer Guide "Task CPU and memory" (Fargate); API ecs RegisterTaskDefinition.';
    if (!(cpu in FARGATE_SIZES))
        return [
            `${describe(res)}: cpu ${cpu} is no Fargate task size; ECS refuses the task definition ("No Fargate configuration exists for given values"). Use one of ${Object.keys(FARGATE_SIZES).join(", ")}. ${source}`,
        ];
    if (fits(cpu, memory)) return [];
    return [
        `${describe(res)}: memory ${memory} with cpu ${cpu} is no Fargate task size; ECS refuses the task definition ("No Fargate configuration exists for given values"). With cpu ${cpu}, Fargate takes memory ${memoryText(cpu)} (MiB). ${source}`,
    ];
}
