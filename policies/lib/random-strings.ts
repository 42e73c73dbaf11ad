/**
 * What a password or string from the random provider can contain, read from the resource's
 * settings as terraform-provider-random draws it (internal/random/string.go, CreateString): the
 * classes whose flag is on (upper, lower, numeric, special, each on by default), plus every class
 * with a minimum above zero (drawn from whatever the flag says), special characters being
 * `overrideSpecial` when it is not empty and `!@#$%&*()-_=+[]{}<>:?` otherwise.
 */
import { Res, UNKNOWN, Unknown, isUnknown } from "./values";

export const RANDOM_STRING_TYPES: readonly string[] = [
    "random:index/randomPassword:RandomPassword",
    "random:index/randomString:RandomString",
];

/** terraform-provider-random's special characters when `overrideSpecial` is unset or empty. */
export const DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

const CLASSES = {
    upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    lower: "abcdefghijklmnopqrstuvwxyz",
    numeric: "0123456789",
};

/** The characters a result can hold and its length; UNKNOWN where a setting is unknown during preview. */
export function randomStringCharacters(res: Res): { characters: Set<string> | Unknown; length: number | Unknown } {
    const p = res.props;
    const length = isUnknown(p.length) ? UNKNOWN : typeof p.length === "number" ? p.length : UNKNOWN;
    const settings = [p.upper, p.lower, p.numeric, p.number, p.special, p.overrideSpecial];
    const minimums = [p.minUpper, p.minLower, p.minNumeric, p.minSpecial];
    if ([...settings, ...minimums].some(isUnknown)) return { characters: UNKNOWN, length };
    const on = (flag: unknown) => flag !== false;
    const above = (min: unknown) => typeof min === "number" && min > 0;
    const special =
        typeof p.overrideSpecial === "string" && p.overrideSpecial !== "" ? p.overrideSpecial : DEFAULT_SPECIAL;
    let characters = "";
    if (on(p.upper) || above(p.minUpper)) characters += CLASSES.upper;
    if (on(p.lower) || above(p.minLower)) characters += CLASSES.lower;
    // `number` is the deprecated name of `numeric`.
    if ((on(p.numeric) && on(p.number)) || above(p.minNumeric)) characters += CLASSES.numeric;
    if (on(p.special) || above(p.minSpecial)) characters += special;
    return { characters: new Set(characters), length };
}
