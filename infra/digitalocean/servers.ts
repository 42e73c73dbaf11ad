import * as pulumi from "@pulumi/pulumi";
import * as digitalocean from "@pulumi/digitalocean";
import { applyTransform, ServerInfo, Transform } from "../components";
import { SizeClass } from "../config/types";
import { serverSize } from "../sizing";
import { dropletUserData } from "../bootstrap/compress";
import { buildOneAtATime, HealthGate, HealthGateArgs, HealthGateSettings } from "../health-gate/gate";
import { digitalOceanGateBalancer, digitalOceanHealthGateProvider } from "./health-gate";
import { appTagName, childName } from "./naming";

/** The image droplets boot when none is pinned: Ubuntu 24.04 LTS. */
export const DEFAULT_IMAGE = "ubuntu-24-04-x64";

export interface ServersArgs {
    /** DigitalOcean region slug. Required. */
    region: string;
    /** The VPC the droplets join. Required. */
    vpcId: pulumi.Input<string>;
    /** How many droplets. Default 2, the fewest that survive losing one. */
    count?: number;
    /** Size class, mapped by infra/sizing.ts. Default "small". */
    size?: SizeClass;
    /**
     * Image slug or id. Default "ubuntu-24-04-x64". Pin a snapshot or image id in prod: the
     * user data runs at first boot only, and a changed image replaces every droplet.
     */
    image?: string;
    /** OpenSSH public key installed for root at creation. Default none (no key: console only). */
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
        /** Seconds a droplet may take to become healthy. Default 600. */
        timeoutSeconds?: number;
    };
    /** Escape hatches for the children's args. */
    transform?: {
        tag?: Transform<digitalocean.TagArgs>;
        sshKey?: Transform<digitalocean.SshKeyArgs>;
        /** Called for each droplet, with its position. */
        droplet?: (
            args: digitalocean.DropletArgs,
            server: { index: number; count: number },
        ) => digitalocean.DropletArgs | void;
        healthGate?: Transform<HealthGateArgs>;
    };
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
        super("webtier:digitalocean:Servers", name, {}, opts);
        const count = args.count ?? 2;
        if (!Number.isInteger(count) || count < 1) {
            throw new Error(`webtier: ${name}: servers.count must be a whole number of at least 1, got ${count}.`);
        }

        this.tag = new digitalocean.Tag(
            appTagName(name),
            applyTransform<digitalocean.TagArgs>({ name: appTagName(name) }, args.transform?.tag),
            { parent: this },
        );

        if (args.sshPublicKey) {
            this.sshKey = new digitalocean.SshKey(
                childName(name, "ssh-key"),
                applyTransform<digitalocean.SshKeyArgs>({ publicKey: args.sshPublicKey }, args.transform?.sshKey),
                { parent: this },
            );
        }

        const gates: HealthGateSettings | undefined = args.healthGate && {
            provider: digitalOceanHealthGateProvider,
            balancer: digitalOceanGateBalancer(args.healthGate.loadBalancerId, args.healthGate.address, args.memberTag),
            timeoutSeconds: args.healthGate.timeoutSeconds,
            transform: args.transform?.healthGate,
        };
        const sequenced = buildOneAtATime(
            count,
            gates,
            (index, after) => {
                const server = { index, count };
                const dropletName = childName(name, `app-${index + 1}`);
                const base: digitalocean.DropletArgs = {
                    // Also the hostname; DigitalOcean allows the same name twice, so a replacement can start before the old droplet goes.
                    name: dropletName,
                    region: args.region,
                    size: serverSize("digitalocean", args.size ?? "small"),
                    image: args.image ?? DEFAULT_IMAGE,
                    vpcUuid: args.vpcId,
                    tags: [this.tag.name, args.memberTag],
                    monitoring: true,
                    ipv6: false,
                    gracefulShutdown: true,
                    sshKeys: this.sshKey ? [this.sshKey.fingerprint] : undefined,
                    userData: pulumi.output(args.userData(server)).apply(dropletUserData),
                };
                const transformed = args.transform?.droplet?.(base, server) ?? base;
                const droplet = new digitalocean.Droplet(dropletName, transformed, {
                    parent: this,
                    dependsOn: after,
                    deleteBeforeReplace: false,
                });
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
