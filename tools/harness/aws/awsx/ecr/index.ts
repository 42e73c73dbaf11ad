/** awsx's `ecr` components, emulated (see ../types.ts). */
import type { EmulatedComponents } from "../types";
import { Image } from "./image";
import { RegistryImage } from "./registryImage";
import { Repository } from "./repository";

export const COMPONENTS: EmulatedComponents = {
    [Image.__pulumiType]: Image,
    [RegistryImage.__pulumiType]: RegistryImage,
    [Repository.__pulumiType]: Repository,
};
