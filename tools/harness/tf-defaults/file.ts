/**
 * The on-disk form of a provider's data (`<package>.jsonl`, written by generate.ts): JSON Lines,
 * the header first (`{"source": ...}`), then one `["<type token>", {...}]` per resource type. A
 * check parses only the types its program registers: the AWS file is about a megabyte, whose
 * whole parse would cost every check process some 25 ms for the few dozen types a program uses.
 */
import * as fs from "fs";
import * as path from "path";
import type { ProviderDefaults, ResourceDefaults } from "./spec";

export function writeSchemaFile(data: ProviderDefaults): string {
    const lines = [JSON.stringify({ source: data.source })];
    for (const [type, defaults] of Object.entries(data.resources)) lines.push(JSON.stringify([type, defaults]));
    return `${lines.join("\n")}\n`;
}

/** A provider's file, each type parsed when first asked for. */
export class SchemaFile {
    readonly source: string;
    private readonly lines = new Map<string, string>();
    private readonly parsed = new Map<string, ResourceDefaults>();

    constructor(text: string) {
        const [header, ...rest] = text.split("\n");
        this.source = (JSON.parse(header) as { source: string }).source;
        for (const line of rest) {
            // `["<token>",` : a type token holds no quote.
            const end = line.indexOf('",', 2);
            if (line.startsWith('["') && end > 0) this.lines.set(line.slice(2, end), line);
        }
    }

    /** The data of one type, if the provider has any for it. */
    resource(type: string): ResourceDefaults | undefined {
        if (!this.parsed.has(type)) {
            const line = this.lines.get(type);
            if (line === undefined) return undefined;
            this.parsed.set(type, (JSON.parse(line) as [string, ResourceDefaults])[1]);
        }
        return this.parsed.get(type);
    }

    /** Every type the file holds. */
    types(): string[] {
        return [...this.lines.keys()];
    }
}

/**
 * The file named `name` of this folder. The compiled module runs from dist*\/tools/harness/tf-defaults/
 * and the data stays in the source tree (nothing copies it), so that is where it is read.
 */
export function loadSchemaFile(name: string): SchemaFile {
    const candidates = [
        path.join(__dirname, name),
        path.join(__dirname, "..", "..", "..", "..", "tools", "harness", "tf-defaults", name),
    ];
    const found = candidates.find((file) => fs.existsSync(file));
    if (!found) throw new Error(`tools/harness/tf-defaults/${name} is missing (generate.ts writes it)`);
    return new SchemaFile(fs.readFileSync(found, "utf8"));
}
