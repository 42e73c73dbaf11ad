/**
 * The stacks CI previews with `pulumi preview --policy-pack policies`, as a GitHub Actions matrix:
 * every stack file in the project's stack folder, with its environment (which policy config to
 * apply) and the credentials its cloud's provider reads (tools/clouds.ts). The workflow runs this
 * instead of listing stacks and clouds itself, so a new stack or a new cloud needs no workflow
 * change: its stack files and its registration are enough.
 *
 *   node dist/tools/ci/preview-matrix.js [projectDir]   prints {"include":[...]} on one line
 */
import * as path from "path";
import { isCloud } from "../../infra/clouds";
import { listStacks, readProjectFile, readStackFile, stackFilePath } from "../check/stack-config";
import { TOOL_CLOUDS } from "../clouds";

/** One stack to preview. */
export interface PreviewEntry {
    stack: string;
    cloud: string;
    environment: string;
    /** Space-separated variables that must all be configured as secrets for the preview to run. */
    required: string;
    /** Space-separated variables passed when configured. */
    optional: string;
}

/** The preview matrix of the project in `projectDir`; a stack file naming no registered cloud is an error. */
export function previewMatrix(projectDir: string): { include: PreviewEntry[] } {
    const project = readProjectFile(projectDir);
    const include = listStacks(project.stackConfigDir).map((stack) => {
        const file = stackFilePath(project.stackConfigDir, stack)!;
        const { config } = readStackFile(file, { project: project.name });
        const cloud = config[`${project.name}:cloud`];
        const environment = config[`${project.name}:environment`];
        const where = path.relative(projectDir, file);
        if (!cloud || !isCloud(cloud))
            throw new Error(
                `${where}: ${project.name}:cloud is ${JSON.stringify(cloud)}, not a cloud registered in infra/clouds.ts (${Object.keys(TOOL_CLOUDS).join(", ")}).`,
            );
        if (!environment) throw new Error(`${where}: ${project.name}:environment is not set.`);
        const { required, optional } = TOOL_CLOUDS[cloud].credentials;
        return { stack, cloud, environment, required: required.join(" "), optional: optional.join(" ") };
    });
    return { include };
}

if (require.main === module) {
    try {
        process.stdout.write(`${JSON.stringify(previewMatrix(path.resolve(process.argv[2] ?? ".")))}\n`);
    } catch (error) {
        process.stderr.write(`preview-matrix: ${(error as Error).message}\n`);
        process.exit(2);
    }
}
