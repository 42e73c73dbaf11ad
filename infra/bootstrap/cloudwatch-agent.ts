/**
 * The Amazon CloudWatch agent on AWS app servers: EC2 reports CPU, network and disk I/O by
 * itself, but not memory or how full a disk is, and those are what take a PHP server down.
 * The agent publishes both, per instance, for the alarms in infra/aws/alerts.ts.
 *
 * Pure renderers: the agent's JSON config and the script that installs it, both written by
 * cloud-init (`cloud-config.ts`) and validated in the tests (JSON shape, shellcheck).
 */

/** The CloudWatch namespace the agent publishes to, and the alarms read from. */
export const CLOUDWATCH_AGENT_NAMESPACE = "CWAgent";

/** The metric names the alarms use, with the one dimension they carry (InstanceId). */
export const CLOUDWATCH_AGENT_METRICS = {
    memoryUsedPercent: "mem_used_percent",
    diskUsedPercent: "disk_used_percent",
} as const;

/** The file system the disk alarm watches: the root volume, where releases, logs and caches live. */
export const WATCHED_MOUNT = "/";

/**
 * The SSM parameter holding the agent's config, for a stack. The agent reads its config from
 * there at boot (`fetch-config -c ssm:<name>`), which keeps it out of the user data (EC2 allows
 * 16 KB) and lets it change without replacing servers. The name must start with
 * "AmazonCloudWatch-": AWS's CloudWatchAgentServerPolicy grants ssm:GetParameter on those only.
 */
export function cloudWatchAgentParameterName(stackName: string): string {
    return `AmazonCloudWatch-${stackName}`;
}

/** AWS's download bucket for the agent (any region; the servers reach it through the NAT gateway). */
export const CLOUDWATCH_AGENT_DOWNLOAD = "https://s3.amazonaws.com/amazoncloudwatch-agent";
/**
 * The fingerprint of the key AWS signs the agent's packages with, as published in the
 * CloudWatch user guide ("Verify the signature of the CloudWatch agent package"). The key is
 * downloaded next to the package, so only this pinned fingerprint makes the check mean anything.
 */
export const CLOUDWATCH_AGENT_KEY_FINGERPRINT = "937616F3450B7D806CBD9725D58167303B789C72";

/** How often the agent samples and publishes, in seconds: one-minute metrics, like detailed monitoring. */
export const AGENT_INTERVAL_SECONDS = 60;

/**
 * The agent's config: memory used and root-disk used, in percent, every minute, run as the
 * agent's own unprivileged user. Every metric gets the instance's id as a dimension, and
 * `aggregation_dimensions` also publishes the disk metric with that dimension alone, so an
 * alarm needs to know neither the device nor the file system type of the root volume.
 */
export function renderCloudWatchAgentConfig(): string {
    const config = {
        agent: { metrics_collection_interval: AGENT_INTERVAL_SECONDS, run_as_user: "cwagent" },
        metrics: {
            namespace: CLOUDWATCH_AGENT_NAMESPACE,
            append_dimensions: { InstanceId: "${aws:InstanceId}" },
            aggregation_dimensions: [["InstanceId"]],
            metrics_collected: {
                mem: { measurement: ["used_percent"] },
                disk: { measurement: ["used_percent"], resources: [WATCHED_MOUNT], drop_device: true },
            },
        },
    };
    return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Downloads the agent's Debian package with its signature and AWS's signing key, keeps only the
 * key with the pinned fingerprint (`gpg --export <fingerprint>`: an empty keyring when the
 * download holds another key), verifies the package against it with `gpgv`, installs it and
 * starts it with the config in the SSM parameter `configParameter`. Exits non-zero on any
 * failure (its temporary folder then stays in /tmp for a look); cloud-init still runs the app's
 * bootstrap, and the memory and disk alarms stay in INSUFFICIENT_DATA (no alert) until the
 * agent reports. A `bash -c` script in `runcmd` rather than a file, and terse: every byte counts
 * against EC2's 16 KB of user data.
 */
export function renderCloudWatchAgentInstaller(configParameter: string): string {
    if (!/^AmazonCloudWatch-[A-Za-z0-9_.-]+$/.test(configParameter)) {
        throw new Error(
            `cloudwatch-agent: "${configParameter}" is not a parameter the agent's policy can read (AmazonCloudWatch-<letters, digits, . _ ->)`,
        );
    }
    return `set -eu
a=amazon-cloudwatch-agent
cd "$(mktemp -d)"
for f in assets/$a.gpg ubuntu/amd64/latest/$a.deb{,.sig}; do curl -fsSLO --proto =https --retry 5 "${CLOUDWATCH_AGENT_DOWNLOAD}/$f"; done
export GNUPGHOME="$PWD"
gpg -q --import $a.gpg
gpg --export ${CLOUDWATCH_AGENT_KEY_FINGERPRINT} >k
gpgv --keyring ./k $a.deb.sig $a.deb
dpkg -i $a.deb
/opt/aws/$a/bin/$a-ctl -a fetch-config -m ec2 -s -c ssm:${configParameter}
rm -rf "$PWD"
`;
}
