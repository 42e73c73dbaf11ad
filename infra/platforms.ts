import { Cloud } from "./config/types";
import { CloudPlatform } from "./components";
import { awsPlatform } from "./aws";
import { digitaloceanPlatform } from "./digitalocean";

/** The one place that maps the `webtier:cloud` key to an implementation of the component layer. */
export const PLATFORMS: Record<Cloud, CloudPlatform> = {
    aws: awsPlatform,
    digitalocean: digitaloceanPlatform,
};
