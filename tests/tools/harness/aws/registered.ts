// Reading what a component emulation registered, for the awsx and API Gateway specs.
import * as assert from "assert";
import type { Evaluation, RegisteredResource } from "../../../../tools/harness/evaluate";

/** The one resource of a type (and name), failing clearly when there is not exactly one. */
export function only(e: Evaluation, type: string, name?: string): RegisteredResource {
    const found = e.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
    assert.strictEqual(found.length, 1, `${type} ${name ?? ""}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

/** A component's direct children, as `type::name`. */
export function childrenOf(e: Evaluation, component: RegisteredResource): string[] {
    return e.resources.filter((r) => r.parent === component.urn).map((r) => `${r.type}::${r.name}`);
}
