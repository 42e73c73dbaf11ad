/**
 * gp3 volume performance EBS refuses (webtier-preflight-settings), on a volume, an instance's
 * root and added volumes and a launch template's: EBS User Guide "General Purpose SSD volumes"
 * (read 2026-12-03): gp3 comes with 3,000 IOPS and 125 MiB/s whatever its size; more IOPS take at
 * most 500 per GiB of the volume, more throughput at most 0.25 MiB/s per provisioned IOPS (API ec2
 * CreateVolume Iops and Throughput). So IOPS above both 3,000 and 500 per GiB, or throughput above
 * both 125 and a quarter of the IOPS, are refused. Judged on what the program wrote: a size left
 * to the snapshot or the AMI, or IOPS left to the baseline, leaves that side unjudged.
 *
 * Sizes EBS refuses, on the same volumes: API ec2 CreateVolume Size (read 2026-12-03) takes gp2
 * 1 to 16,384 GiB, gp3 1 to 65,536, io1 4 to 16,384, io2 4 to 65,536, st1 and sc1 125 to 16,384,
 * standard (magnetic) 1 to 1,024. A volume of a type the program did not write (left to EC2's
 * default or the AMI's) is judged only against the largest of them, 65,536 GiB.
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

/** The sizes EBS creates, in GiB, by volume type (API ec2 CreateVolume Size). */
const SIZES: Readonly<Record<string, { min: number; max: number }>> = {
    gp2: { min: 1, max: 16384 },
    gp3: { min: 1, max: 65536 },
    io1: { min: 4, max: 16384 },
    io2: { min: 4, max: 65536 },
    st1: { min: 125, max: 16384 },
    sc1: { min: 125, max: 16384 },
    standard: { min: 1, max: 1024 },
};
/** The largest size of any type. */
const LARGEST_SIZE = 65536;
const SIZE_SOURCE =
    'Source: API ec2 CreateVolume Size (supported sizes by volume type), EBS User Guide "Amazon EBS volume types".';

/** A size EBS refuses for the volume's type (any type when the type is not written), as a message. */
function sizeProblem(res: Res, where: string, type: unknown, size: number | undefined): string | undefined {
    if (size === undefined) return undefined;
    const typeText = typeof type === "string" && !isUnknown(type) ? type : undefined;
    if (typeText === undefined) {
        // Unknown during preview, or left to the default: only what no type takes is refused.
        if (size <= LARGEST_SIZE) return undefined;
        return `${describe(res)}: ${where} ${size} GiB is above ${LARGEST_SIZE.toLocaleString("en-US")} GiB, the largest EBS volume of any type (io2 and gp3). Make the volume at most ${LARGEST_SIZE.toLocaleString("en-US")} GiB, or spread the data over several volumes. ${SIZE_SOURCE}`;
    }
    const range = SIZES[typeText];
    if (!range) return undefined;
    const fix =
        typeText === "gp2" || typeText === "io1"
            ? ` or use ${typeText === "gp2" ? "gp3" : "io2"} (up to 65,536 GiB)`
            : typeText === "standard"
              ? " or use gp3 (up to 65,536 GiB)"
              : "";
    if (size > range.max)
        return `${describe(res)}: ${where} ${size} GiB with volume type ${typeText}; EBS creates ${typeText} volumes of at most ${range.max.toLocaleString("en-US")} GiB. Make the volume at most ${range.max.toLocaleString("en-US")} GiB${fix}. ${SIZE_SOURCE}`;
    if (size < range.min)
        return `${describe(res)}: ${where} ${size} GiB with volume type ${typeText}; EBS creates ${typeText} volumes of at least ${range.min} GiB. Make the volume at least ${range.min} GiB, or use gp3 (from 1 GiB). ${SIZE_SOURCE}`;
    return undefined;
}

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
            const where = (field: string) => (at ? `${at}.${field}` : field);
            const size = numberOf(volume[shape.size]);
            const sizeRefused = sizeProblem(res, where(shape.size), volume[shape.type], size);
            if (sizeRefused) problems.push(sizeRefused);
            if (volume[shape.type] !== "gp3") continue;
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
