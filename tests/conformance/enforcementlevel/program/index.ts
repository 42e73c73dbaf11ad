// Follows pulumi-policy tests/integration/enforcementlevel (upstream commit 805bcbc): one resource
// the pack always reports.
import * as random from "@pulumi/random";

new random.RandomString("str", { length: 10 });
