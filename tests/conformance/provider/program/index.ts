// Follows pulumi-policy tests/integration/provider (upstream commit 805bcbc): resources on default
// providers (dynamic and random) and one on an explicit random provider. package.json pins
// @pulumi/random 4.0.0, as upstream's program does: the default provider is named after it.
import * as random from "@pulumi/random";
import { Echo } from "../../shared/echo";

new Echo("empty", {}, {}, "empty");
new random.RandomUuid("uuid");
const mine = new random.Provider("my-provider");
new random.RandomString("str", { length: 10 }, { provider: mine });
