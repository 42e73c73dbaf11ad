/**
 * Scratch folders for specs: made under the system's temporary folder (or, for projects that use
 * the repository's packages, inside it) and removed when the process that made them exits (each
 * of mocha's parallel workers included), so running the suite leaves none behind, whichever way a
 * spec ends.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];

function removeAll(): void {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    try {
        // Once empty: another worker may still have a project in it.
        fs.rmdirSync(PROJECT_SCRATCH);
    } catch {
        // not empty, or never made
    }
}

/** A new empty folder named `<prefix><random>` in `parent`, removed when this process exits. */
function madeIn(parent: string, prefix: string): string {
    if (made.length === 0) process.once("exit", removeAll);
    const dir = fs.mkdtempSync(path.join(parent, prefix));
    made.push(dir);
    return dir;
}

/** A new empty folder named `<prefix><random>`, removed when this process exits. */
export function scratchDir(prefix: string): string {
    return madeIn(os.tmpdir(), prefix);
}

/** Where scratchProject makes its folders (.gitignore'd, and left out of lint and formatting). */
const PROJECT_SCRATCH = path.resolve(__dirname, "..", "..", "..", ".scratch");

/**
 * A new empty folder for a Pulumi project that uses the repository's packages, made inside the
 * repository (`.scratch/`) and removed when this process exits. Its program finds those packages
 * as the fixture projects under tests/fixtures do, by Node's and TypeScript's own lookup up the
 * folders. A `node_modules` symlink in a temporary folder would do for Node, which names a module
 * by its real path, but TypeScript names a file by the path it found it at: every declaration
 * file would be another file to the check's shared declaration registry (tools/check/typescript.ts),
 * parsed and bound again for each such project (about 4.5 s of CPU for one importing @pulumi/aws).
 */
export function scratchProject(prefix: string): string {
    fs.mkdirSync(PROJECT_SCRATCH, { recursive: true });
    return madeIn(PROJECT_SCRATCH, prefix);
}
