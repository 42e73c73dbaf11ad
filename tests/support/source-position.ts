/** Where a piece of source text is, for specs that compare a reported location with the file. */
import * as assert from "assert";
import * as fs from "fs";

/** The 1-based line and column of the first line of `file` that contains `text`. */
export function positionOf(file: string, text: string): { line: number; column: number } {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const index = lines.findIndex((l) => l.includes(text));
    assert.ok(index >= 0, `${file} contains ${text}`);
    return { line: index + 1, column: lines[index].indexOf(text) + 1 };
}
