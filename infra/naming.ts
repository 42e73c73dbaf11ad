/**
 * Names of the tier's children, on every cloud: derived from the tier's name (the stack name),
 * so that every resource of a stack is recognisable in the cloud's console and in
 * `pulumi stack` output, and two stacks never share a name. Each cloud's profile lists the names
 * its stacks create (`derivedNames`), checked against the provider's naming rules.
 */

/** A child's logical name: the tier's name and the child's role, `${name}-${role}` ("prod-db"). */
export function childName(name: string, role: string): string {
    return `${name}-${role}`;
}
