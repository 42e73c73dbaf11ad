/**
 * Go's `time.ParseDuration`, which the engine applies to each `customTimeouts` value
 * (source_eval.go generateTimeoutInSeconds: "unable to parse customTimeout Value <v>" when it
 * fails): an optional sign, then one or more decimal numbers, each with an optional fraction
 * (`1.5h`, `.5h`, `5.m`) and a unit (ns, us, µs, μs, ms, s, m, h); "0" alone needs no unit.
 * Written here because the rule is Go's; the arithmetic is in seconds, which is what the engine
 * keeps (`duration.Seconds()`).
 */
const UNITS: Readonly<Record<string, number>> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6, // U+00B5 micro sign
    μs: 1e-6, // U+03BC Greek mu
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600,
};

const TERM = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/** The duration in seconds, or undefined where Go's ParseDuration returns an error. */
export function goDurationSeconds(text: string): number | undefined {
    let rest = text;
    let sign = 1;
    if (rest.startsWith("-") || rest.startsWith("+")) {
        if (rest[0] === "-") sign = -1;
        rest = rest.slice(1);
    }
    if (rest === "0") return 0;
    if (rest === "") return undefined;
    let total = 0;
    while (rest !== "") {
        const term = TERM.exec(rest);
        // A number needs digits before or after its point, and every number needs a unit.
        if (!term || (term[1] === "" && (term[2] ?? "") === "")) return undefined;
        total += Number(`${term[1] || "0"}.${term[2] || "0"}`) * UNITS[term[3]];
        rest = rest.slice(term[0].length);
    }
    return sign * total;
}
