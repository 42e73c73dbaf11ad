// Follows pulumi-policy tests/integration/parent_dependencies (upstream commit 805bcbc): a parent
// and child, an explicit dependency, and a dependency through an input.
import * as random from "@pulumi/random";
import { Echo } from "../../shared/echo";

const parent = new Echo("parent", {}, {}, "empty");
new Echo("child", {}, { parent }, "empty");
const a = new Echo("a", {}, {}, "empty");
new Echo("b", {}, { dependsOn: a }, "empty");
const word = new random.RandomString("str", { length: 10 });
new random.RandomPet("pet", { prefix: word.result });
