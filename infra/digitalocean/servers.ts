import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { ServerInfo } from "../components";
import { SizeClass } from "../config/types";
import { childName } from "../naming";
import { serverSize } from "../sizing";
import { transform, Transform } from "../transform";
import { dropletUserData } from "../bootstrap/compress";
import { buildOneAtATime, HealthGate, HealthGateArgs, HealthGateSettings } from "../health-gate/gate";
import { digitalOceanGateBalancer, digitalOceanHealthGateProvider } from "./health-gate";
import { appTagName } from "./naming";

/** The image droplets boot when none is pinned: Ubuntu 24.04 LTS. */
export const DEFAULT_IMAGE = "ubuntu-24-04-x64";

/** Escape hatches for the servers' children, by role. */
export interface ServersTransform {
    /** The app tag every droplet carries. */
    tag?: Transform<digitalocean.TagArgs>;
    /** Only with an SSH public key. */
    sshKey?: Transform<digitalocean.SshKeyArgs>;
    /** Called for every droplet (`${name}-app-1`, `${name}-app-2`, ...). */
    droplet?: Transform<digitalocean.DropletArgs>;
    /** Called for every droplet's health gate (`${name}-app-1-healthy`, ...), when gates are on. */
    healthGate?: Transform<HealthGateArgs>;
}

export interface ServersArgs {
    /** DigitalOcean region slug. Required. */
    region: string;
    /** The VPC the droplets join. Required. */
    vpcId: pulumi.Input<string>;
    /**
     * How many droplets. Required: the platform passes `webtier:servers.count` (default in parseConfig's
     * `DEFAULTS.servers.count`: 2, the fewest that survive losing one).
     */
    count: number;
    /** Size class, mapped by infra/sizing.ts. Required: `webtier:servers.size` (default "small"). */
    size: SizeClass;
    /**
     * Image slug or id. Default `DEFAULT_IMAGE` (`webtier:servers.image` unset): Ubuntu 24.04 LTS. Pin a snapshot or image id in prod: the
     * user data runs at first boot only, and a changed image replaces every droplet.
     */
    image?: string;
    /** OpenSSH public key installed for root at creation. Default none (`webtier:servers.sshPublicKey` unset: console only). */
    sshPublicKey?: string;
    /**
     * Renders droplet `index`'s user data (cloud-init text). Required: it installs and configures
     * the app. Sent gzip-compressed in a MIME message (cloud-init decompresses it), as DigitalOcean
     * takes user data as a string only.
     */
    userData: (server: { index: number; count: number }) => pulumi.Input<string>;
    /**
     * The balancer's in-rotation tag (`LoadBalancer.memberTag`). Required: every droplet carries
     * it from creation, so a new droplet joins the balancer as soon as it exists.
     */
    memberTag: pulumi.Input<string>;
    /**
     * Wait for each droplet to be healthy behind the balancer before the next one is created
     * (a `HealthGate` per droplet). Default: no gate, droplet i+1 only waits for droplet i to
     * exist; the platform turns it on unless `webtier:servers.healthGate` is false.
     */
    healthGate?: {
        /** The balancer's id. */
        loadBalancerId: pulumi.Input<string>;
        /** The balancer's IP, for messages. */
        address: pulumi.Input<string>;
        /** Seconds a droplet may take to become healthy. Required: `webtier:servers.healthGateTimeoutMinutes` in seconds. */
        timeoutSeconds: number;
    };
    /** Escape hatches for the children. Default: none. */
    transform?: ServersTransform;
}

/**
 * The app servers. Every droplet carries two tags from creation: the tier's app tag, which is
 * how the firewall and the database firewalls recognise them, and the balancer's in-rotation
 * tag, which puts it behind the balancer. Replacing droplets (a new image, size or user data)
 * keeps capacity: Pulumi creates each replacement before it deletes the old droplet (never
 * delete-before-replace); the replacement joins the balancer as soon as it exists; its health
 * gate waits until the balancer reports it healthy; and droplet i+1 waits for gate i. So
 * replacements come up one at a time, each serving before the next starts, and the old
 * droplets, still serving meanwhile, are deleted only at the end of the update.
 */
export class Servers extends pulumi.ComponentResource {
    public readonly tag: digitalocean.Tag;
    public readonly sshKey?: digitalocean.SshKey;
    public readonly droplets: digitalocean.Droplet[];
    /** One per droplet, when gates are on. */
    public readonly healthGates: HealthGate[];
    /** The droplets as the balancer and the outputs see them. */
    public readonly info: ServerInfo[];

    constructor(name: string, args: ServersArgs, opts?: pulumi.ComponentResourceOptions) {
        const count = args.count;
        // Refused before anything is registered.
        if (!Number.isInteger(count) || count < 1) {
            throw new Error(`webtier: ${name}: servers.count must be a whole number of at least 1, got ${count}.`);
        }
        super("webtier:digitalocean:Servers", name, {}, opts);
        const t = args.transform ?? {};

        this.tag = new digitalocean.Tag(
            ...transform(t.tag, appTagName(name), { name: appTagName(name) }, { parent: this }),
        );

        if (args.sshPublicKey) {
            this.sshKey = new digitalocean.SshKey(
                ...transform(t.sshKey, childName(name, "ssh-key"), { publicKey: args.sshPublicKey }, { parent: this }),
            );
        }

        const gates: HealthGateSettings | undefined = args.healthGate && {
            provider: digitalOceanHealthGateProvider,
            balancer: digitalOceanGateBalancer(args.healthGate.loadBalancerId, args.healthGate.address, args.memberTag),
            timeoutSeconds: args.healthGate.timeoutSeconds,
            transform: t.healthGate,
        };
        const sequenced = buildOneAtATime(
            count,
            gates,
            (index, after) => {
                const server = { index, count };
                const dropletName = childName(name, `app-${index + 1}`);
                const droplet = new digitalocean.Droplet(
                    ...transform(
                        t.droplet,
                        dropletName,
                        {
                            // Also the hostname; DigitalOcean allows the same name twice, so a replacement can start before the old droplet goes.
                            name: dropletName,
                            region: args.region,
                            size: serverSize("digitalocean", args.size),
                            image: args.image ?? DEFAULT_IMAGE,
                            vpcUuid: args.vpcId,
                            tags: [this.tag.name, args.memberTag],
                            monitoring: true,
                            ipv6: false,
                            gracefulShutdown: true,
                            sshKeys: this.sshKey ? [this.sshKey.fingerprint] : undefined,
                            userData: pulumi.output(args.userData(server)).apply(dropletUserData),
                        },
                        { parent: this, dependsOn: after, deleteBeforeReplace: false },
                    ),
                );
                return {
                    built: droplet,
                    serverName: dropletName,
                    serverId: droplet.id,
                    serverAddresses: { privateIp: droplet.ipv4AddressPrivate, publicIp: droplet.ipv4Address },
                    // Tagged at creation: the droplet is behind the balancer as soon as it exists.
                    member: droplet,
                };
            },
            { parent: this },
        );
        this.droplets = sequenced.map((s) => s.built);
        this.healthGates = sequenced.flatMap((s) => (s.gate ? [s.gate] : []));

        this.info = this.droplets.map((droplet, index) => ({
            name: childName(name, `app-${index + 1}`),
            id: droplet.id,
            privateIp: droplet.ipv4AddressPrivate,
            publicIp: droplet.ipv4Address,
            zone: droplet.region,
        }));
        this.registerOutputs({ tag: this.tag.name, dropletIds: this.droplets.map((d) => d.id) });
    }
}
