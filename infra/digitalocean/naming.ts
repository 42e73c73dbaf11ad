/**
 * The names particular to DigitalOcean: its account-wide tags and DNS record names. Children's
 * logical names come from the shared `childName` (infra/naming.ts), as on every cloud.
 */
import { childName } from "../naming";

/**
 * The tag that identifies this tier's app droplets. The firewall, both database firewalls
 * and operators' tooling select droplets by it. DigitalOcean tags are account-wide, so two
 * stacks with the same name in one account would share it: stack names must be unique per
 * account (they are already unique per project in Pulumi).
 */
export function appTagName(name: string): string {
    return childName(name, "app");
}

/**
 * The in-rotation tag: the balancer selects its droplets by it and nothing else keys on it, so
 * the rolling deploy takes a droplet out of rotation by removing it while the droplet keeps the
 * app tag (and with it the firewall and database access). Account-wide like the app tag.
 */
export function memberTagName(name: string): string {
    return childName(name, "lb");
}

/**
 * The record name inside a DigitalOcean DNS zone for `domain`: "@" for the zone apex,
 * otherwise the part in front of the zone ("app" for app.example.com in example.com).
 */
export function dnsRecordName(domain: string, zone: string): string {
    const fqdn = domain.toLowerCase().replace(/\.$/, "");
    const apex = zone.toLowerCase().replace(/\.$/, "");
    if (fqdn === apex) return "@";
    if (!fqdn.endsWith(`.${apex}`)) {
        throw new Error(
            `webtier: domain "${domain}" is not inside the DNS zone "${zone}"; set webtier:dnsZone to the domain or one of its parents (for example example.com for app.example.com).`,
        );
    }
    return fqdn.slice(0, fqdn.length - apex.length - 1);
}
