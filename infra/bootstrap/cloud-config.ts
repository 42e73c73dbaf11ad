/**
 * Assembles one app server's cloud-init user data (#cloud-config) from plain values: pure, so
 * the tests validate the real text with `cloud-init schema` and `nginx -t`.
 */
import * as yaml from "js-yaml";
import { DatabaseEngine, QueueDriver, SizeClass } from "../config/types";
import { BOOTSTRAP_SCRIPT_TEXT } from "./bootstrap-script";
import { ENV_SCRIPT_TEXT } from "./env-script";
import { DATABASE_CA_PATH } from "./laravel-env";
import { renderCloudWatchAgentInstaller } from "./cloudwatch-agent";
import {
    BOOTSTRAP_SCRIPT,
    DEPLOY_USER,
    ENV_SCRIPT,
    NGINX_SITE,
    RELEASE_CONFIG,
    RELEASE_SCRIPT,
    SHARED_ENV,
    SYSTEMD_DIR,
} from "./layout";
import { renderNginxSite } from "./nginx";
import { ONDREJ_PHP_PPA, SERVER_TUNING, needsOndrejPpa, phpPackages, renderFpmPool, renderPhpIni } from "./php";
import { RELEASE_SCRIPT_TEXT, releaseConfigValues, renderReleaseConfig } from "./release-script";
import { stripComments } from "./shell";
import { schedulerUnits, workerUnits } from "./systemd";

/** Everything one server's user data is rendered from. */
export interface ServerBootstrapValues {
    /** The stack's resource prefix; the host is named `<stackName>-app-<n>`. */
    stackName: string;
    /** This server's position (0-based) and how many there are. */
    server: { index: number; count: number };
    phpVersion: string;
    databaseEngine: DatabaseEngine;
    queueDriver: QueueDriver;
    /** The servers' size class: sets the number of queue workers and FPM children. */
    size: SizeClass;
    vpcCidr: string;
    healthCheckPath: string;
    /** Deployed at first boot when set (see nginx.ts on the health check meanwhile). */
    repository?: string;
    branch: string;
    /** Installed for the deploy user (SSH deploys on DigitalOcean, break-glass access). */
    sshPublicKey?: string;
    /**
     * Where the server's .env comes from. `{ text }`: the rendered .env (laravel-env.ts), written
     * by cloud-init, the only secret in the user data (DigitalOcean, which has no secret store).
     * `{ parameter, region }`: a SecureString parameter the server reads through its role at boot
     * and on every release (webtier-env), so the user data holds no secret at all (AWS).
     */
    env: { text: string } | { parameter: string; region: string };
    /** How the servers get the database's CA: as PEM text, or downloaded at boot from a URL. */
    databaseCa?: { pem: string } | { url: string };
    /** Install the Amazon CloudWatch agent with the config in this SSM parameter (AWS; cloudwatch-agent.ts). Default: no agent. */
    cloudWatchAgent?: { configParameter: string };
    /** Upgrade every package at first boot (security fixes newer than the image). Default true. */
    upgradePackages?: boolean;
}

/** One `write_files` entry (cloud-init's schema). */
interface WriteFile {
    path: string;
    content: string;
    /** Omitted for 0644, cloud-init's default. */
    permissions?: string;
    owner?: string;
    /** Written in cloud-init's final stage, after the packages and the deploy user exist. */
    defer: true;
}

/** The packages every server installs (besides PHP's). */
export const BASE_PACKAGES = ["nginx", "composer", "git", "unzip", "curl", "ca-certificates", "unattended-upgrades"];

/** Daily package lists and unattended security upgrades (and PHP's, when it comes from the PPA). */
export function renderAutoUpgrades(phpFromPpa: boolean): string {
    const lines = ['APT::Periodic::Update-Package-Lists "1";', 'APT::Periodic::Unattended-Upgrade "1";'];
    if (phpFromPpa) {
        lines.push('Unattended-Upgrade::Origins-Pattern { "origin=LP-PPA-ondrej-php"; };');
    }
    return `${lines.join("\n")}\n`;
}

/** Renders the user data: `#cloud-config` YAML. Throws, naming the setting, on values it cannot render. */
export function renderCloudConfig(values: ServerBootstrapValues): string {
    const { server } = values;
    if (!Number.isInteger(server.index) || server.index < 0 || server.index >= server.count) {
        throw new Error(`cloud-config: server index ${server.index} is outside 0..${server.count - 1}`);
    }
    const tuning = SERVER_TUNING[values.size];
    const phpFromPpa = needsOndrejPpa(values.phpVersion);
    const databaseCaUrl = values.databaseCa && "url" in values.databaseCa ? values.databaseCa.url : undefined;
    if (databaseCaUrl !== undefined && !/^https:\/\/[^\s'"]+$/.test(databaseCaUrl)) {
        throw new Error(`cloud-config: the database CA URL "${databaseCaUrl}" must be an https:// URL`);
    }
    const databaseCaPem = values.databaseCa && "pem" in values.databaseCa ? values.databaseCa.pem : undefined;
    if (databaseCaPem !== undefined && !databaseCaPem.includes("-----BEGIN CERTIFICATE-----")) {
        throw new Error("cloud-config: the database CA certificate is not PEM text (no BEGIN CERTIFICATE line)");
    }

    const file = (path: string, content: string, permissions = "0644", owner?: string): WriteFile => ({
        path,
        content,
        ...(permissions !== "0644" ? { permissions } : {}),
        ...(owner ? { owner } : {}),
        defer: true,
    });
    const units = [
        ...workerUnits({ phpVersion: values.phpVersion, queueDriver: values.queueDriver, count: tuning.queueWorkers }),
        ...schedulerUnits(values.phpVersion),
    ];
    const envText = "text" in values.env ? values.env.text : undefined;
    const releaseConfig = renderReleaseConfig(
        releaseConfigValues({
            phpVersion: values.phpVersion,
            repository: values.repository,
            branch: values.branch,
            databaseCaUrl,
            envSource:
                "text" in values.env
                    ? { kind: "user-data" }
                    : { kind: "ssm", parameter: values.env.parameter, region: values.env.region },
        }),
    );
    const writeFiles: WriteFile[] = [
        file(RELEASE_CONFIG, releaseConfig, "0640", `root:${DEPLOY_USER}`),
        file(RELEASE_SCRIPT, stripComments(RELEASE_SCRIPT_TEXT), "0755"),
        file(ENV_SCRIPT, stripComments(ENV_SCRIPT_TEXT), "0755"),
        file(BOOTSTRAP_SCRIPT, stripComments(BOOTSTRAP_SCRIPT_TEXT), "0700"),
        file(
            NGINX_SITE,
            stripComments(
                renderNginxSite({
                    vpcCidr: values.vpcCidr,
                    healthCheckPath: values.healthCheckPath,
                    phpVersion: values.phpVersion,
                }),
            ),
        ),
        file(`/etc/php/${values.phpVersion}/fpm/pool.d/webtier.conf`, renderFpmPool(values.phpVersion, tuning)),
        file(`/etc/php/${values.phpVersion}/fpm/conf.d/99-webtier.ini`, renderPhpIni()),
        ...units.map((unit) => file(`${SYSTEMD_DIR}/${unit.name}`, stripComments(unit.content))),
        file("/etc/apt/apt.conf.d/20auto-upgrades", renderAutoUpgrades(phpFromPpa)),
        ...(databaseCaPem !== undefined
            ? [file(DATABASE_CA_PATH, databaseCaPem.endsWith("\n") ? databaseCaPem : `${databaseCaPem}\n`)]
            : []),
        // Last, and the only entry with secrets (passwords, the app key), when the .env travels here.
        ...(envText !== undefined ? [file(SHARED_ENV, envText, "0640", `root:${DEPLOY_USER}`)] : []),
    ];

    const deployUser: Record<string, unknown> = {
        name: DEPLOY_USER,
        gecos: "webtier deploy user",
        shell: "/bin/bash",
        lock_passwd: true,
        // Exactly two commands as root: the release script and webtier-env (PHP-FPM reload, workers restart).
        sudo: `ALL=(root) NOPASSWD: ${RELEASE_SCRIPT}, ${ENV_SCRIPT}`,
        ...(values.sshPublicKey ? { ssh_authorized_keys: [values.sshPublicKey] } : {}),
    };
    const document: Record<string, unknown> = {
        hostname: `${values.stackName}-app-${server.index + 1}`,
        package_update: true,
        package_upgrade: values.upgradePackages ?? true,
        ...(phpFromPpa ? { apt: { sources: { "ondrej-php": { source: ONDREJ_PHP_PPA } } } } : {}),
        packages: [...BASE_PACKAGES, ...phpPackages(values.phpVersion, values.databaseEngine)],
        users: ["default", deployUser],
        write_files: writeFiles,
        // The agent first (a minute), so memory and disk are watched while the app installs.
        runcmd: [
            ...(values.cloudWatchAgent
                ? [["bash", "-c", renderCloudWatchAgentInstaller(values.cloudWatchAgent.configParameter)]]
                : []),
            [BOOTSTRAP_SCRIPT],
        ],
    };
    const header =
        `#cloud-config\n` +
        `# webtier ${values.stackName}: Laravel app server ${server.index + 1} of ${server.count} ` +
        `(PHP ${values.phpVersion}${phpFromPpa ? " from ppa:ondrej/php" : " from Ubuntu 24.04"}, ${tuning.queueWorkers} ${values.queueDriver} queue workers).\n` +
        (envText !== undefined
            ? `# Rendered by infra/bootstrap; secrets appear only in the ${SHARED_ENV} entry.\n`
            : `# Rendered by infra/bootstrap; no secrets: webtier-env reads the .env from ${"parameter" in values.env ? values.env.parameter : ""}.\n`);
    return header + yaml.dump(document, { lineWidth: -1, noRefs: true, noArrayIndent: true, quotingType: '"' });
}
