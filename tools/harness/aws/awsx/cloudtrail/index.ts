/** awsx's `cloudtrail` components, emulated (see ../types.ts). */
import type { EmulatedComponents } from "../types";
import { Trail } from "./trail";

export const COMPONENTS: EmulatedComponents = { [Trail.__pulumiType]: Trail };
