/**
 * The clouds webtier's configuration knows, each by its profile (infra/<cloud>/profile.ts). Adding
 * a cloud: its name in `CLOUDS` (infra/config/types.ts), its profile here, its platform in
 * infra/platforms.ts; `satisfies` makes a cloud without a profile a compile error.
 */
import { AWS_PROFILE } from "./aws/profile";
import type { CloudProfile } from "./config/cloud-profile";
import type { Cloud } from "./config/types";
import { DIGITALOCEAN_PROFILE } from "./digitalocean/profile";

export const CLOUD_PROFILES = {
    aws: AWS_PROFILE,
    digitalocean: DIGITALOCEAN_PROFILE,
} as const satisfies Record<Cloud, CloudProfile>;

/** The profile of a cloud. */
export function cloudProfile(cloud: Cloud): CloudProfile {
    return CLOUD_PROFILES[cloud];
}
