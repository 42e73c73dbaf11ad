// Follows pulumi-policy tests/integration/runtime_data (upstream commit 805bcbc): the program
// records what its runtime says (config, project, stack, dry run) in a resource, and the pack
// checks that its own runtime says the same.
import * as pulumi from "@pulumi/pulumi";
import { Echo } from "../../shared/echo";

new Echo("Hello", {
    allConfig: pulumi.runtime.allConfig(),
    getProject: pulumi.getProject(),
    getStack: pulumi.getStack(),
    isDryRun: pulumi.runtime.isDryRun(),
});
