// Where things are when the tests run from the compiled tree (dist-*/tests/tools/check).
import * as path from "path";

/** The compiled tree (dist/ or dist-<you>/). */
export const DIST_ROOT = path.resolve(__dirname, "..", "..", "..");
/** The repository (the project folder with Pulumi.yaml). */
export const REPO_ROOT = path.resolve(DIST_ROOT, "..");
export const CLI = path.join(DIST_ROOT, "tools", "check", "cli.js");
/** Fixtures are used from the source tree: the pack is plain JS, programs are compiled on the fly. */
export const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");
export const FIXTURE_PACK = path.join(FIXTURES, "policy-pack");
export const FIXTURE_STACKS = path.join(FIXTURES, "stacks");
export const program = (name: string) => path.join(FIXTURES, "programs", name);
