// Follows pulumi-policy tests/integration/resource_options (upstream commit 805bcbc): one resource
// per resource option, as the pack expects to see them.
import * as random from "@pulumi/random";
import { Echo, scenarioNumber } from "../../shared/echo";

const scenario = scenarioNumber();
const echo = (name: string, opts = {}) => new Echo(name, {}, opts, "empty");

echo("empty");
new random.RandomUuid("uuid");
// Protected only in scenario 1 (upstream's scenario 2 unprotects before destroying the stack).
echo("protect", { protect: scenario === 1 });
echo("ignoreChanges", { ignoreChanges: ["foo", "bar"] });
echo("deleteBeforeReplaceNotSet");
echo("deleteBeforeReplaceTrue", { deleteBeforeReplace: true });
echo("deleteBeforeReplaceFalse", { deleteBeforeReplace: false });
echo("aliased", { aliases: [{ name: "old-name-for-aliased" }] });
echo("timeouts", { customTimeouts: { create: "1m", update: "2m", delete: "3m" } });
echo("timeouts-create", { customTimeouts: { create: "4m" } });
echo("timeouts-update", { customTimeouts: { update: "5m" } });
echo("timeouts-delete", { customTimeouts: { delete: "6m" } });
echo("secrets", { additionalSecretOutputs: ["foo"] });
const parent = echo("parent-res");
echo("child-res", { parent });
