/**
 * DigitalOcean's region slugs and the shape of its Droplet size slugs, for the preflight's value
 * rules (value-rules.ts). Pure data and pure functions.
 */

/**
 * Every datacenter region slug, read 2026-12-03: the API's region enum (digitalocean/openapi
 * specification/shared/attributes/region_slug.yml at 7c1300c4: ams1 ams2 ams3 blr1 fra1 lon1 nyc1
 * nyc2 nyc3 sfo1 sfo2 sfo3 sgp1 tor1 syd1) and the two regions opened since that the same
 * specification lists elsewhere (atl1, ric1: the database options in
 * specification/resources/databases/responses/options.yml; atl1 also in terraform-provider-digitalocean
 * `SpacesRegions`). A region that takes no new Droplets today (`available: false` in `GET /v2/regions`,
 * such as nyc2 or sfo1 for most accounts) is still a region and is not refused: that depends on
 * the account.
 */
export const REGIONS: readonly string[] = [
    "ams1",
    "ams2",
    "ams3",
    "atl1",
    "blr1",
    "fra1",
    "lon1",
    "nyc1",
    "nyc2",
    "nyc3",
    "ric1",
    "sfo1",
    "sfo2",
    "sfo3",
    "sgp1",
    "syd1",
    "tor1",
];
export const REGIONS_SOURCE =
    "DigitalOcean OpenAPI region_slug enum (specification/shared/attributes/region_slug.yml) with atl1 and ric1 (databases options), read 2026-12-03";

/**
 * The regions with Spaces object storage: terraform-provider-digitalocean `SpacesRegions`
 * (digitalocean/spaces/spaces_entities.go at 401992a1, 2026-08-06), which validates the `region` of
 * every Spaces resource in the provider's Check (`validation.StringInSlice(SpacesRegions, true)`).
 */
export const SPACES_REGIONS: readonly string[] = [
    "ams3",
    "atl1",
    "blr1",
    "fra1",
    "lon1",
    "nyc3",
    "sfo2",
    "sfo3",
    "sgp1",
    "syd1",
    "tor1",
];
export const SPACES_REGIONS_SOURCE =
    "terraform-provider-digitalocean SpacesRegions (digitalocean/spaces/spaces_entities.go), read 2026-12-03";

/** What DigitalOcean refuses in a region slug, given the regions the resource is offered in ("with Spaces"). */
export function regionProblem(region: string, regions: readonly string[], where?: string): string | undefined {
    if (regions.includes(region.toLowerCase())) return undefined;
    return `"${region}" is not a DigitalOcean region${where ? ` ${where}` : ""}; use one of ${regions.join(", ")}`;
}

/**
 * The shapes of DigitalOcean's Droplet size slugs. There is no complete published list (the API's
 * `GET /v2/sizes` is per account and changes; the OpenAPI example shows one size), so the rule
 * refuses only what cannot be a DigitalOcean size, and lets any slug of a DigitalOcean shape pass,
 * whatever its vCPU and memory: the size families do not keep one ratio (the database options
 * list so1_5-48vcpu-256gb beside so1_5-2vcpu-16gb), and legacy sizes such as s-1vcpu-3gb are
 * still listed (OpenAPI region and Kubernetes options examples; pulumi-digitalocean's
 * `DropletSlug` enum). The shapes, from those sources and pulumi-digitalocean 4.80.1 `DropletSlug`:
 * - a family, a vCPU count and a memory, then optional parts: `s-1vcpu-1gb`, `s-1vcpu-512mb-10gb`,
 *   `s-2vcpu-4gb-amd`, `c2-2vcpu-4gb`, `g-2vcpu-8gb`, `gd-4vcpu-16gb-intel`, `m3-2vcpu-16gb`,
 *   `so1_5-2vcpu-16gb` (the family a lowercase word, letters, digits and `_`, so a new family passes);
 * - CPU-optimised by vCPU count: `c-2`, `c-4-intel`;
 * - GPU Droplets: `gpu-h100x1-80gb`, `gpu-mi300x1-192gb`;
 * - the first plans, by memory: `512mb`, `1gb` ... `64gb`.
 * Another cloud's instance types (`t3.micro`, `e2-medium`, `Standard_B1s`) and DigitalOcean's other
 * products' slugs (`db-s-1vcpu-1gb` for databases, `apps-s-1vcpu-1gb` for App Platform) have none.
 */
const DROPLET_SIZE =
    /^(?:[a-z][a-z0-9_]*-\d+vcpu-\d+(?:mb|gb)(?:-[a-z0-9]+)*|c-\d+(?:-[a-z]+)?|gpu-[a-z0-9]+(?:-[a-z0-9]+)*|\d+(?:mb|gb))$/;

/** What DigitalOcean refuses in a Droplet size slug, or undefined when it has a DigitalOcean size's shape. */
export function dropletSizeProblem(size: string): string | undefined {
    if (DROPLET_SIZE.test(size)) return undefined;
    const other = /^db-|^apps-/.test(size)
        ? ` (${size.startsWith("db-") ? "a database" : "an App Platform"} size, not a Droplet's)`
        : /\./.test(size)
          ? " (another cloud's instance type?)"
          : "";
    return `"${size}" is not a DigitalOcean Droplet size slug${other}; use one such as s-1vcpu-1gb, s-2vcpu-4gb, c-2, g-2vcpu-8gb, gd-2vcpu-8gb, m-2vcpu-16gb or so1_5-2vcpu-16gb (\`doctl compute size list\` lists those of your account)`;
}
