/**
 * Scratch folders for specs: made under the system's temporary folder and removed when the
 * process that made them exits (each of mocha's parallel workers included), so running the
 * suite leaves none behind, whichever way a spec ends.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];

function removeAll(): void {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A new empty folder named `<prefix><random>`, removed when this process exits. */
export function scratchDir(prefix: string): string {
    if (made.length === 0) process.once("exit", removeAll);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
}
