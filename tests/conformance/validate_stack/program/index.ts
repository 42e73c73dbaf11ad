// Follows pulumi-policy tests/integration/validate_stack (upstream commit 805bcbc): scenario N
// registers the resources that stack policy N of the pack is about. The dynamic resource's
// outputs are its inputs, which is what AnalyzeStack shows the pack.
import * as random from "@pulumi/random";
import { Echo, scenarioNumber } from "../../shared/echo";

const registrations: Record<number, () => void> = {
    1: () => undefined,
    2: () => new Echo("hello", { hello: "world" }),
    3: () => new Echo("a", { state: 1 }),
    4: () => new Echo("b", { state: 2 }),
    5: () => new Echo("c", { state: 3 }),
    6: () => new random.RandomUuid("r1"),
    7: () => new random.RandomString("r2", { length: 10 }),
    8: () => new random.RandomPassword("r3", { length: 42 }),
    // Several resources of one type, for the typed filter.
    9: () => ["x", "y", "z"].forEach((name) => new random.RandomInteger(name, { min: 0, max: 10 })),
    10: () => new Echo("d", { foo: "bar" }),
};

registrations[scenarioNumber()]();
