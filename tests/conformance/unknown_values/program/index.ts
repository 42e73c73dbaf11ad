// Follows pulumi-policy tests/integration/unknown_values (upstream commit 805bcbc): a pet's prefix
// is another resource's computed result, unknown while previewing a new stack.
import * as random from "@pulumi/random";

const word = new random.RandomString("str", { length: 10 });
new random.RandomPet("pet", { prefix: word.result });
