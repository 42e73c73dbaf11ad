// Follows pulumi-policy tests/integration/config (upstream commit 805bcbc): one resource for the
// pack's policies to run on.
import * as random from "@pulumi/random";

new random.RandomString("str", { length: 10 });
