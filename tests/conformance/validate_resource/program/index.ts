// Follows pulumi-policy tests/integration/validate_resource (upstream commit 805bcbc): scenario N
// registers the resources that policy N of the pack is about.
import * as random from "@pulumi/random";
import { Echo, scenarioNumber } from "../../shared/echo";

const registrations: Record<number, () => void> = {
    1: () => undefined,
    2: () => new Echo("hello", { hello: "world" }, {}, "none"),
    3: () => new Echo("a", { state: 1 }, {}, "none"),
    4: () => new Echo("b", { state: 2 }, {}, "none"),
    5: () => new Echo("c", { state: 3 }, {}, "none"),
    6: () => new Echo("d", { state: 4 }, {}, "none"),
    7: () => new random.RandomUuid("r1"),
    8: () => new random.RandomUuid("r2", { keepers: { foo: "bar" } }),
    9: () => new Echo("e", { state: 5 }, {}, "none"),
    10: () => new random.RandomPassword("pass", { length: 42 }),
    // More than gRPC's default 4 MiB message size.
    11: () => new Echo("large-resource", { state: 6, longString: "a".repeat(5 * 1024 * 1024) }, {}, "none"),
};

registrations[scenarioNumber()]();
