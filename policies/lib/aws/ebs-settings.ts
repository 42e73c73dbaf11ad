/**
 * gp3 volume performance EBS refuses (webtier-preflight-settings), on a volume, an instance's
 * root and added volumes and a launch template's: EBS User Guide "General Purpose SSD volumes"
 * (read 2026-12-03): gp3 comes with 3,000 IOPS and 125 MiB/s whatever its size; more IOPS take at
 * most 500 per GiB of the volume, more throughput at most 0.25 MiB/s per provisioned IOPS (API ec2
 * CreateVolume Iops and Throughput). So IOPS above both 3,000 and 500 per GiB, or throughput above
 * both 125 and a quarter of the IOPS, are refused. Judged on what the program wrote: a size left
 * to the snapshot or the AMI, or IOPS left to the baseline, leaves that side unjudged.
 */
import { Res, describe, isUnknown, listOf } from "../values";

/** Where each type keeps its volumes, and the names of their fields. */
interface VolumeShape {
    /** Paths to the volumes ("" for the resource itself, "ebsBlockDevices[]" for each item of a list). */
    paths: readonly string[];
    type: string;
    size: string;
    iops: string;
    throughput: string;
}

const BLOCK_DEVICE = { type: "volumeType", size: "volumeSize", iops: "iops", throughput: "throughput" };
const SHAPES: Readonly<Record<string, VolumeShape>> = {
    "aws:ebs/volume:Volume": { paths: [""], type: "type", size: "size", iops: "iops", throughput: "throughput" },
    "aws:ec2/instance:Instance": { paths: ["rootBlockDevice", "ebsBlockDevices[]"], ...BLOCK_DEVICE },
    "aws:ec2/launchTemplate:LaunchTemplate": { paths: ["blockDeviceMappings[].ebs"], ...BLOCK_DEVICE },
};

const BASELINE_IOPS = 3000;
const BASELINE_THROUGHPUT = 125;
const IOPS_PER_GIB = 500;
const THROUGHPUT_PER_IOPS = 0.25;

/** The volumes at a path, each with where it is. */
function volumesAt(res: Res, path: string): { at: string; volume: Record<string, unknown> }[] {
    if (path === "") return [{ at: "", volume: res.props }];
    const [list, rest] = path.split("[]");
    const field = rest?.replace(/^\./, "");
    const items = rest === undefined ? [res.props[list]] : listOf(res.props[list]);
    return items.flatMap((item, index) => {
        const at = rest === undefined ? list : `${list}[${index}]`;
        const volume = field ? (item as Record<string, unknown> | undefined)?.[field] : item;
        return volume && typeof volume === "object" && !isUnknown(volume)
            ? [{ at: field ? `${at}.${field}` : at, volume: volume as Record<string, unknown> }]
            : [];
    });
}

/** A number as written, or undefined (absent, unknown, or not a number; a string of digits counts). */
function numberOf(value: unknown): number | undefined {
    if (isUnknown(value)) return undefined;
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
    return undefined;
}

export function ebsSettingsProblems(res: Res): string[] {
    const shape = SHAPES[res.type];
    if (!shape) return [];
    const problems: string[] = [];
    for (const path of shape.paths) {
        for (const { at, volume } of volumesAt(res, path)) {
            if (volume[shape.type] !== "gp3") continue;
            const where = (field: string) => (at ? `${at}.${field}` : field);
            const size = numberOf(volume[shape.size]);
            const iops = numberOf(volume[shape.iops]);
            const throughput = numberOf(volume[shape.throughput]);
            if (size !== undefined && iops !== undefined && iops > Math.max(BASELINE_IOPS, IOPS_PER_GIB * size))
                problems.push(
                    `${describe(res)}: ${where(shape.iops)} ${iops} on a gp3 volume of ${size} GiB; EBS provisions at most ${IOPS_PER_GIB} IOPS per GiB above the 3,000 included (${Math.max(BASELINE_IOPS, IOPS_PER_GIB * size)} here). Lower ${shape.iops}, or make the volume at least ${Math.ceil(iops / IOPS_PER_GIB)} GiB. Source: EBS User Guide "General Purpose SSD volumes" (gp3).`,
                );
            if (
                iops !== undefined &&
                throughput !== undefined &&
                throughput > Math.max(BASELINE_THROUGHPUT, THROUGHPUT_PER_IOPS * iops)
            )
                problems.push(
                    `${describe(res)}: ${where(shape.throughput)} ${throughput} MiB/s with ${iops} IOPS on a gp3 volume; EBS provisions at most ${THROUGHPUT_PER_IOPS} MiB/s per IOPS (${Math.max(BASELINE_THROUGHPUT, THROUGHPUT_PER_IOPS * iops)} here). Raise ${shape.iops} to at least ${Math.ceil(throughput / THROUGHPUT_PER_IOPS)}, or lower ${shape.throughput}. Source: EBS User Guide "General Purpose SSD volumes" (gp3).`,
                );
        }
    }
    return problems;
}
