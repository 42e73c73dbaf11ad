/** The `Name` tag EC2 shows in its console; every other tag comes from the provider's default tags. */
export function nameTag(name: string): { Name: string } {
    return { Name: name };
}
