/**
 * The value validators of terraform-plugin-sdk v2's `helper/validation` package, as data and as
 * code: what generate.ts reads out of a provider's `ValidateFunc` / `ValidateDiagFunc` and what
 * the harness runs, as the bridge's Check does (pulumi-terraform-bridge pkg/tfbridge/provider.go
 * `Check` → the SDK's `schemaMap.Validate`), on the values a program registers.
 *
 * Each validator returns the errors the SDK's function returns, with its message word for word
 * (helper/validation int.go, float.go, strings.go, network.go, meta.go): the bridge passes those
 * messages on and the engine prints them. Written here because the SDK is Go; only validators
 * whose behaviour can be reproduced exactly are listed, so a schema whose validator is not here
 * is left unchecked rather than checked wrongly.
 */
import * as net from "net";

/** A validator as data: the SDK function's name, then its arguments (validators, for All and Any). */
export type ValidatorSpec = [string, ...ValidatorArg[]];
export type ValidatorArg = number | string | boolean | number[] | string[] | ValidatorSpec;

/** What each argument of a validator constructor is, in order (`validators`: the rest are validators). */
export type ArgKind = "int" | "float" | "string" | "bool" | "ints" | "strings" | "regexp" | "validators" | "validator";

/** The validators reproduced here, by their name in `helper/validation`, with their arguments. */
export const KNOWN: Record<string, ArgKind[]> = {
    IntBetween: ["int", "int"],
    IntAtLeast: ["int"],
    IntAtMost: ["int"],
    IntInSlice: ["ints"],
    IntNotInSlice: ["ints"],
    IntDivisibleBy: ["int"],
    FloatBetween: ["float", "float"],
    FloatAtLeast: ["float"],
    FloatAtMost: ["float"],
    StringLenBetween: ["int", "int"],
    StringInSlice: ["strings", "bool"],
    StringNotInSlice: ["strings", "bool"],
    StringMatch: ["regexp", "string"],
    StringDoesNotMatch: ["regexp", "string"],
    StringDoesNotContainAny: ["string"],
    StringIsNotEmpty: [],
    StringIsNotWhiteSpace: [],
    StringIsEmpty: [],
    StringIsWhiteSpace: [],
    NoZeroValues: [],
    IsPortNumber: [],
    IsPortNumberOrZero: [],
    IsIPAddress: [],
    IsIPv4Address: [],
    IsIPv6Address: [],
    IsCIDR: [],
    IsCIDRNetwork: ["int", "int"],
    All: ["validators"],
    AllDiag: ["validators"],
    Any: ["validators"],
    AnyDiag: ["validators"],
    // A SchemaValidateFunc run as a SchemaValidateDiagFunc: its key is the path's last attribute name.
    ToDiagFunc: ["validator"],
    // terraform-plugin-framework-validators (Plugin Framework resources), by package and function.
    "int64validator.Between": ["int", "int"],
    "int64validator.AtLeast": ["int"],
    "int64validator.AtMost": ["int"],
    "int32validator.Between": ["int", "int"],
    "int32validator.AtLeast": ["int"],
    "int32validator.AtMost": ["int"],
    "float64validator.Between": ["float", "float"],
    "float64validator.AtLeast": ["float"],
    "float64validator.AtMost": ["float"],
    "stringvalidator.OneOf": ["strings"],
    "stringvalidator.OneOfCaseInsensitive": ["strings"],
    "stringvalidator.NoneOf": ["strings"],
    "stringvalidator.LengthBetween": ["int", "int"],
    "stringvalidator.LengthAtLeast": ["int"],
    "stringvalidator.LengthAtMost": ["int"],
    "stringvalidator.RegexMatches": ["regexp", "string"],
};

// ---------------------------------------------------------------------------------------------
// Go's formatting, as far as the messages use it.

/** `%q` of a string: Go's double-quoted form (JSON's escapes agree for what schemas hold). */
export function goQuote(s: string): string {
    return JSON.stringify(s);
}

/** `%f`: six decimals. */
const goFloat = (n: number) => n.toFixed(6);

/** `%v` of a value as the SDK decoded it: a whole number, a float in Go's shortest form, a string as is. */
const goValue = (v: unknown) => String(v);

// ---------------------------------------------------------------------------------------------
// Go's regular expressions, in JavaScript's syntax.

const POSIX_CLASSES: Record<string, string> = {
    alnum: "0-9A-Za-z",
    alpha: "A-Za-z",
    ascii: "\\x00-\\x7F",
    blank: "\\t ",
    cntrl: "\\x00-\\x1F\\x7F",
    digit: "0-9",
    graph: "!-~",
    lower: "a-z",
    print: " -~",
    punct: "!-\\/:-@\\[-`{-~",
    space: "\\t\\n\\v\\f\\r ",
    upper: "A-Z",
    word: "0-9A-Za-z_",
    xdigit: "0-9A-Fa-f",
};

/**
 * A Go (RE2) pattern as a JavaScript RegExp with the same matches, or undefined where the syntax
 * has no direct counterpart. RE2 is a subset of what JavaScript accepts but for its flag groups,
 * `\A`, `\z`, POSIX classes and `\pL`; those are translated, anything else is left as it is.
 */
export function goRegExp(source: string): RegExp | undefined {
    let flags = "";
    let body = source;
    const leading = /^\(\?([imsU]+)\)/.exec(body);
    if (leading) {
        if (leading[1].includes("U")) return undefined;
        flags += leading[1].replace(/[^is]/g, "");
        if (leading[1].includes("m")) flags += "m";
        body = body.slice(leading[0].length);
    }
    if (/\(\?[imsU-]/.test(body)) return undefined;
    body = body
        .replace(/\[:(\^?)(\w+):\]/g, (whole, negate: string, name: string) =>
            !negate && POSIX_CLASSES[name] ? POSIX_CLASSES[name] : whole,
        )
        .replace(/\\A/g, "^")
        .replace(/\\z/g, "$(?![\\s\\S])")
        .replace(/\\p([A-Z])/g, "\\p{$1}")
        .replace(/\\P([A-Z])/g, "\\P{$1}");
    // `$` without the m flag is the end of text in both; JavaScript's `$` does not match before a
    // final newline either. `\z` is written out for clarity.
    for (const unicode of ["u", ""]) {
        try {
            return new RegExp(body, flags + unicode);
        } catch {
            // Escapes JavaScript's unicode mode refuses (`\-` outside a class) are valid without it.
        }
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// Go's net package, as the network validators use it.

/** net.ParseIP: 4 or 16 bytes, or undefined. Go refuses IPv4 octets with leading zeros. */
function parseIp(s: string): number[] | undefined {
    if (net.isIPv4(s)) {
        const octets = s.split(".");
        if (octets.some((o) => o.length > 1 && o.startsWith("0"))) return undefined;
        return octets.map(Number);
    }
    if (!net.isIPv6(s) || s.includes("%")) return undefined;
    return ipv6Bytes(s);
}

function ipv6Bytes(s: string): number[] | undefined {
    let text = s;
    const tail: number[] = [];
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4) {
        const four = parseIp(v4[1]);
        if (!four || four.length !== 4) return undefined;
        tail.push(four[0] * 256 + four[1], four[2] * 256 + four[3]);
        text = text.slice(0, -v4[1].length) + "0";
        if (text.endsWith(":0")) text = text.slice(0, -2);
        else return undefined;
        if (text.endsWith(":")) text += ":";
    }
    const [head, rest] = text.split("::");
    const groups = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
    const before = groups(head);
    const after = [...groups(rest), ...tail];
    const words =
        rest === undefined && !text.includes("::")
            ? [...before, ...tail]
            : [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
    if (words.length !== 8) return undefined;
    return words.flatMap((w) => [w >> 8, w & 255]);
}

const isV4Mapped = (b: number[]) =>
    b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255;

/** IP.To4: the IPv4 form of a 4-byte address or of an IPv4-mapped IPv6 one. */
const to4 = (b: number[] | undefined) => b && (b.length === 4 ? b : isV4Mapped(b) ? b.slice(12) : undefined);

/** IP.String for a network address (RFC 5952 for IPv6, as Go writes it). */
function ipString(b: number[]): string {
    if (b.length === 4) return b.join(".");
    const words = Array.from({ length: 8 }, (_, i) => b[2 * i] * 256 + b[2 * i + 1]);
    let bestStart = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
        if (words[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && words[j] === 0) j++;
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    const hex = words.map((w) => w.toString(16));
    if (bestStart < 0) return hex.join(":");
    return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** net.ParseCIDR: the network (masked address, prefix length) or Go's error text. */
function parseCidr(s: string): { network: string; bits: number } | { error: string } {
    const error = { error: `invalid CIDR address: ${s}` };
    const slash = s.indexOf("/");
    if (slash < 0) return error;
    const address = parseIp(s.slice(0, slash));
    const digits = s.slice(slash + 1);
    if (!address || !/^\d{1,3}$/.test(digits)) return error;
    const bits = Number(digits);
    const bytes = address.length === 4 ? address : (to4(address) ?? address);
    if (bits > bytes.length * 8) return error;
    const masked = bytes.map((byte, i) => {
        const keep = Math.max(0, Math.min(8, bits - i * 8));
        return byte & ((0xff << (8 - keep)) & 0xff);
    });
    return { network: `${ipString(masked)}/${bits}`, bits };
}

// ---------------------------------------------------------------------------------------------
// Running one.

/**
 * A framework validator's error, as summary and detail joined the way the bridge joins them
 * (terraform-plugin-framework-validators helpers/validatordiag: "Invalid Attribute Value",
 * "Attribute <path> <description>, got: <value>"). `k` is the attribute's path as the framework
 * prints it (a top-level attribute: its name). A string value prints quoted where the validator
 * prints the framework value (`types.String`'s String()), raw where it prints the Go string.
 */
function frameworkErrors(name: string, args: ValidatorArg[], value: Decoded, k: string): string[] {
    const [pkg, fn] = name.split(".");
    const n = args as number[];
    const error = (summary: string, description: string, got: string) => [
        `${summary}. Attribute ${k} ${description}, got: ${got}`,
    ];
    if (pkg === "int64validator" || pkg === "int32validator" || pkg === "float64validator") {
        if (typeof value !== "number" || (pkg !== "float64validator" && !Number.isInteger(value))) return [];
        const show = pkg === "float64validator" ? goFloat : (x: number) => String(x);
        const bad = fn === "Between" ? value < n[0] || value > n[1] : fn === "AtLeast" ? value < n[0] : value > n[0];
        if (!bad) return [];
        const description =
            fn === "Between"
                ? `value must be between ${show(n[0])} and ${show(n[1])}`
                : `value must be at ${fn === "AtLeast" ? "least" : "most"} ${show(n[0])}`;
        return error("Invalid Attribute Value", description, show(value));
    }
    if (pkg !== "stringvalidator" || typeof value !== "string") return [];
    const values = () => `[${(args[0] as string[]).map(goQuote).join(" ")}]`;
    switch (fn) {
        case "OneOf":
        case "OneOfCaseInsensitive": {
            const list = args[0] as string[];
            const found =
                fn === "OneOf" ? list.includes(value) : list.some((v) => v.toLowerCase() === value.toLowerCase());
            return found
                ? []
                : error("Invalid Attribute Value Match", `value must be one of: ${values()}`, goQuote(value));
        }
        case "NoneOf":
            return (args[0] as string[]).includes(value)
                ? error("Invalid Attribute Value Match", `value must be none of: ${values()}`, goQuote(value))
                : [];
        case "LengthBetween":
        case "LengthAtLeast":
        case "LengthAtMost": {
            const length = Buffer.byteLength(value, "utf8");
            const bad =
                fn === "LengthBetween"
                    ? length < n[0] || length > n[1]
                    : fn === "LengthAtLeast"
                      ? length < n[0]
                      : length > n[0];
            if (!bad) return [];
            const description =
                fn === "LengthBetween"
                    ? `string length must be between ${n[0]} and ${n[1]}`
                    : `string length must be at ${fn === "LengthAtLeast" ? "least" : "most"} ${n[0]}`;
            return error("Invalid Attribute Value Length", description, String(length));
        }
        case "RegexMatches": {
            const [pattern, message] = args as string[];
            const regexp = compiledGoRegExp(pattern);
            if (!regexp || regexp.test(value)) return [];
            return error(
                "Invalid Attribute Value Match",
                message || `value must match regular expression '${pattern}'`,
                value,
            );
        }
        default:
            return [];
    }
}

/**
 * goRegExp's answer for each pattern the validators have met: the same few hundred patterns are
 * tested on every registration, and translating and compiling one costs more than testing it.
 * The expressions carry no `g` or `y` flag, so testing one leaves nothing behind for the next.
 */
const compiled = new Map<string, RegExp | undefined>();
function compiledGoRegExp(source: string): RegExp | undefined {
    if (!compiled.has(source)) compiled.set(source, goRegExp(source));
    return compiled.get(source);
}

/** A value as the SDK decoded it for the validator: an int, a float64 or a string. */
export type Decoded = number | string | boolean;

/**
 * The errors `spec` returns for `value` under key `k` (the SDK's flat key, `health_check.0.interval`,
 * or for a ToDiagFunc the attribute's own name), as the SDK words them.
 */
export function runValidator(spec: ValidatorSpec, value: Decoded, k: string, attribute: string): string[] {
    const [name, ...args] = spec;
    const n = args as number[];
    const int = typeof value === "number" && Number.isInteger(value);
    const expectInt = () => (int ? undefined : [`expected type of ${k} to be integer`]);
    const expectIntQuoted = () => (int ? undefined : [`expected type of ${goQuote(k)} to be integer`]);
    const str = typeof value === "string" ? value : undefined;
    const expectString = () => (str !== undefined ? undefined : [`expected type of ${k} to be string`]);
    const expectStringQuoted = () => (str !== undefined ? undefined : [`expected type of ${goQuote(k)} to be string`]);
    const fail = (message: string) => [message];
    switch (name) {
        case "IntBetween":
            return (
                expectInt() ??
                ((value as number) < n[0] || (value as number) > n[1]
                    ? fail(`expected ${k} to be in the range (${n[0]} - ${n[1]}), got ${goValue(value)}`)
                    : [])
            );
        case "IntAtLeast":
            return (
                expectInt() ??
                ((value as number) < n[0] ? fail(`expected ${k} to be at least (${n[0]}), got ${goValue(value)}`) : [])
            );
        case "IntAtMost":
            return (
                expectInt() ??
                ((value as number) > n[0] ? fail(`expected ${k} to be at most (${n[0]}), got ${goValue(value)}`) : [])
            );
        case "IntInSlice": {
            const valid = args[0] as number[];
            return (
                expectInt() ??
                (valid.includes(value as number)
                    ? []
                    : fail(`expected ${k} to be one of [${valid.join(" ")}], got ${goValue(value)}`))
            );
        }
        case "IntNotInSlice": {
            const invalid = args[0] as number[];
            return (
                expectInt() ??
                invalid
                    .filter((v) => v === value)
                    .map(() => `expected ${k} to not be one of [${invalid.join(" ")}], got ${goValue(value)}`)
            );
        }
        case "IntDivisibleBy":
            return (
                expectInt() ??
                ((value as number) % n[0] !== 0
                    ? fail(`expected ${k} to be divisible by ${n[0]}, got: ${goValue(value)}`)
                    : [])
            );
        case "FloatBetween":
            if (typeof value !== "number") return fail(`expected type of ${k} to be float64`);
            return value < n[0] || value > n[1]
                ? fail(`expected ${k} to be in the range (${goFloat(n[0])} - ${goFloat(n[1])}), got ${goFloat(value)}`)
                : [];
        case "FloatAtLeast":
        case "FloatAtMost": {
            if (typeof value !== "number") return fail(`expected type of ${k} to be float`);
            const least = name === "FloatAtLeast";
            const bad = least ? value < n[0] : value > n[0];
            return bad
                ? fail(`expected ${k} to be at ${least ? "least" : "most"} (${goFloat(n[0])}), got ${goFloat(value)}`)
                : [];
        }
        case "StringLenBetween": {
            if (str === undefined) return expectString()!;
            const length = Buffer.byteLength(str, "utf8");
            return length < n[0] || length > n[1]
                ? fail(`expected length of ${k} to be in the range (${n[0]} - ${n[1]}), got ${str}`)
                : [];
        }
        case "StringInSlice":
        case "StringNotInSlice": {
            if (str === undefined) return expectString()!;
            const list = args[0] as string[];
            const ignoreCase = args[1] === true;
            const found = list.some((s) => s === str || (ignoreCase && s.toLowerCase() === str.toLowerCase()));
            if (name === "StringInSlice")
                return found ? [] : fail(`expected ${k} to be one of [${list.map(goQuote).join(" ")}], got ${str}`);
            return found ? fail(`expected ${k} to not be any of [${list.join(" ")}], got ${str}`) : [];
        }
        case "StringMatch":
        case "StringDoesNotMatch": {
            if (str === undefined) return expectString()!;
            const pattern = args[0] as string;
            const message = args[1] as string;
            const regexp = compiledGoRegExp(pattern);
            if (!regexp) return [];
            const wanted = name === "StringMatch";
            if (regexp.test(str) === wanted) return [];
            if (message) return fail(`invalid value for ${k} (${message})`);
            return fail(
                `expected value of ${k} to ${wanted ? "" : "not "}match regular expression ${goQuote(pattern)}, got ${str}`,
            );
        }
        case "StringDoesNotContainAny": {
            if (str === undefined) return expectString()!;
            const chars = args[0] as string;
            return [...chars].some((c) => str.includes(c))
                ? fail(`expected value of ${k} to not contain any of ${goQuote(chars)}, got ${str}`)
                : [];
        }
        case "StringIsNotEmpty":
            return (
                expectStringQuoted() ??
                (str === "" ? fail(`expected ${goQuote(k)} to not be an empty string, got `) : [])
            );
        case "StringIsNotWhiteSpace":
            return (
                expectStringQuoted() ??
                (str!.trim() === "" ? fail(`expected ${goQuote(k)} to not be an empty string or whitespace`) : [])
            );
        case "StringIsEmpty":
            return (
                expectStringQuoted() ??
                (str !== "" ? fail(`expected ${goQuote(k)} to be an empty string: got ${str}`) : [])
            );
        case "StringIsWhiteSpace":
            return (
                expectStringQuoted() ??
                (str!.trim() !== ""
                    ? fail(`expected ${goQuote(k)} to be an empty string or whitespace: got ${str}`)
                    : [])
            );
        case "NoZeroValues":
            if (value === "") return fail(`${k} must not be empty, got `);
            if (value === 0) return fail(`${k} must not be zero, got 0`);
            return [];
        case "IsPortNumber":
            return (
                expectIntQuoted() ??
                ((value as number) < 1 || (value as number) > 65535
                    ? fail(`expected ${goQuote(k)} to be a valid port number, got: ${goValue(value)}`)
                    : [])
            );
        case "IsPortNumberOrZero":
            return (
                expectIntQuoted() ??
                ((value as number) < 0 || (value as number) > 65535
                    ? fail(`expected ${goQuote(k)} to be a valid port number or 0, got: ${goValue(value)}`)
                    : [])
            );
        case "IsIPAddress":
        case "IsIPv4Address":
        case "IsIPv6Address": {
            if (str === undefined) return expectStringQuoted()!;
            const ip = parseIp(str);
            if (name === "IsIPAddress") return ip ? [] : fail(`expected ${k} to contain a valid IP, got: ${str}`);
            if (name === "IsIPv4Address")
                return to4(ip) ? [] : fail(`expected ${k} to contain a valid IPv4 address, got: ${str}`);
            return ip ? [] : fail(`expected ${k} to contain a valid IPv6 address, got: ${str}`);
        }
        case "IsCIDR": {
            if (str === undefined) return expectString()!;
            const parsed = parseCidr(str);
            return "error" in parsed
                ? fail(`expected ${goQuote(k)} to be a valid CIDR Value, got ${str}: ${parsed.error}`)
                : [];
        }
        case "IsCIDRNetwork": {
            if (str === undefined) return expectString()!;
            const parsed = parseCidr(str);
            if ("error" in parsed)
                return fail(`expected ${k} to contain a valid Value, got: ${str} with err: ${parsed.error}`);
            const errors: string[] = [];
            if (str !== parsed.network)
                errors.push(`expected ${k} to contain a valid network Value, expected ${parsed.network}, got ${str}`);
            if (parsed.bits < n[0] || parsed.bits > n[1])
                errors.push(
                    `expected ${goQuote(k)} to contain a network Value with between ${n[0]} and ${n[1]} significant bits, got: ${parsed.bits}`,
                );
            return errors;
        }
        case "All":
        case "AllDiag":
            return (args as ValidatorSpec[]).flatMap((inner) => runValidator(inner, value, k, attribute));
        case "Any":
        case "AnyDiag": {
            const errors: string[] = [];
            for (const inner of args as ValidatorSpec[]) {
                const found = runValidator(inner, value, k, attribute);
                if (found.length === 0) return [];
                errors.push(...found);
            }
            return errors;
        }
        case "ToDiagFunc":
            return runValidator(args[0] as ValidatorSpec, value, attribute, attribute);
        default:
            return name.includes(".") ? frameworkErrors(name, args, value, k) : [];
    }
}
