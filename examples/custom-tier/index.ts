// webtier's program with the team's adjustments (options.ts). Copy both files over the
// repository's index.ts (importing ./infra/program) to run them with `pulumi up`.
import { runWebtier } from "../../infra/program";
import { CUSTOM_TIER } from "./options";

export = runWebtier(CUSTOM_TIER);
