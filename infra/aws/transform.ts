import { Transform } from "../components";

/** Applies a user's `transform` to a child's args: it may edit them in place or return new ones. */
export function applyTransform<T>(args: T, transform?: Transform<T>): T {
    if (!transform) return args;
    return transform(args) ?? args;
}

/** The `Name` tag EC2 shows in its console; every other tag comes from the provider's default tags. */
export function nameTag(name: string): { Name: string } {
    return { Name: name };
}
