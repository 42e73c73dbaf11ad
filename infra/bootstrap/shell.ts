/** POSIX single-quoting: the value reaches the shell as one word, whatever it contains. */
export function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `KEY='value'` lines a shell script can source; keys must be shell variable names. */
export function shellAssignments(values: Record<string, string | number>): string {
    return Object.entries(values)
        .map(([key, value]) => {
            if (!/^[A-Z_][A-Z0-9_]*$/.test(key))
                throw new Error(`shellAssignments: "${key}" is not a shell variable name`);
            if (/[\r\n]/.test(String(value))) throw new Error(`shellAssignments: ${key} may not contain a line break`);
            return `${key}=${shellQuote(String(value))}`;
        })
        .join("\n");
}

/**
 * Drops whole-line `#` comments (keeping a `#!` first line and `# shellcheck` directives) and the
 * blank lines a stripped header leaves at the top: the
 * comments explain the files here, in the source, while the user data that carries the files
 * must stay under EC2's 16 KB limit.
 */
export function stripComments(text: string): string {
    return text
        .split("\n")
        .filter(
            (line, index) =>
                !/^\s*#/.test(line) || (index === 0 && line.startsWith("#!")) || /^\s*# shellcheck /.test(line),
        )
        .join("\n")
        .replace(/^\n+/, "");
}
