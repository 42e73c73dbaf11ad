/**
 * Pulumi.yaml's `runtime.options.nodeargs`: the Node.js language host splits it as a shell would
 * (`shlex.Split`, github.com/google/shlex) and puts the words before its run script on `node`'s
 * command line (pulumi-language-nodejs main.go), in the project's folder. The check runs the program
 * in its own process, so it does what those words do to a program before it runs: environment
 * files (`--env-file`), then modules preloaded with `--require` and `--import`, in Node's order.
 * Anything else (`--max-old-space-size=...`, `--no-warnings`) is a setting of the program's
 * process, which the stack's notes name as not applied. Pure; program.ts and run.ts act on it.
 */
import * as fs from "fs";
import * as path from "path";
import { parseEnv } from "util";

export interface NodeArgs {
    /** Every word, as split: what goes on `node`'s command line (cmd/run reads them as `execArgv`). */
    words: string[];
    /** Environment files, in order (`--env-file`, `--env-file-if-exists`: missing allowed). */
    envFiles: { file: string; optional: boolean }[];
    /** Modules to load before the program: `--require` (`-r`) ones first, then `--import` ones, as Node does. */
    preloads: { kind: "require" | "import"; specifier: string }[];
    /** Words the check does not act on. */
    ignored: string[];
}

/**
 * Splits as github.com/google/shlex does: blanks separate words; single quotes keep everything;
 * double quotes keep everything but `\` before `"`, `\`, `$`, `` ` `` or a newline; a `\` outside
 * quotes escapes the next character; `#` at the start of a word begins a comment to the line's end.
 */
export function shellWords(text: string): string[] {
    const words: string[] = [];
    let word: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (/\s/.test(c)) {
            if (word !== undefined) words.push(word);
            word = undefined;
        } else if (c === "#" && word === undefined) {
            while (i < text.length && text[i] !== "\n") i++;
        } else if (c === "'") {
            const end = text.indexOf("'", i + 1);
            if (end < 0) throw new Error("EOF found when expecting closing quote");
            word = (word ?? "") + text.slice(i + 1, end);
            i = end;
        } else if (c === '"') {
            let value = "";
            for (i++; i < text.length && text[i] !== '"'; i++) {
                if (text[i] === "\\" && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) i++;
                value += text[i];
            }
            if (i >= text.length) throw new Error("EOF found when expecting closing quote");
            word = (word ?? "") + value;
        } else if (c === "\\") {
            if (i + 1 >= text.length) throw new Error("EOF found after escape character");
            word = (word ?? "") + text[++i];
        } else word = (word ?? "") + c;
    }
    if (word !== undefined) words.push(word);
    return words;
}

/** The flags whose value may be the next word. */
const VALUE_FLAGS = new Set(["-r", "--require", "--import", "--env-file", "--env-file-if-exists"]);

export function parseNodeArgs(nodeargs: string): NodeArgs {
    const words = shellWords(nodeargs);
    const parsed: NodeArgs = { words, envFiles: [], preloads: [], ignored: [] };
    const imports: NodeArgs["preloads"] = [];
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const eq = word.indexOf("=");
        const flag = word.startsWith("--") && eq > 0 ? word.slice(0, eq) : word;
        let value: string | undefined;
        if (flag !== word) value = word.slice(eq + 1);
        else if (VALUE_FLAGS.has(flag) && i + 1 < words.length) value = words[++i];
        switch (flag) {
            case "-r":
            case "--require":
                if (value !== undefined) parsed.preloads.push({ kind: "require", specifier: value });
                break;
            case "--import":
                if (value !== undefined) imports.push({ kind: "import", specifier: value });
                break;
            case "--env-file":
            case "--env-file-if-exists":
                if (value !== undefined) parsed.envFiles.push({ file: value, optional: flag !== "--env-file" });
                break;
            default:
                parsed.ignored.push(word);
        }
    }
    parsed.preloads.push(...imports);
    return parsed;
}

/**
 * The variables the environment files set, read as Node reads them (`util.parseEnv`), relative to
 * `cwd`; a later file's value wins over an earlier one's, and the process's own environment over
 * both (Node's `--env-file` never overrides a variable already set). A required file that is
 * missing throws Node's message.
 */
export function envFileVariables(
    files: NodeArgs["envFiles"],
    cwd: string,
    env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
    const values: Record<string, string> = {};
    for (const { file, optional } of files) {
        const full = path.resolve(cwd, file);
        if (!fs.existsSync(full)) {
            if (optional) continue;
            throw new Error(`${file}: not found`);
        }
        Object.assign(values, parseEnv(fs.readFileSync(full, "utf8")));
    }
    for (const key of Object.keys(values)) if (env[key] !== undefined) delete values[key];
    return values;
}
