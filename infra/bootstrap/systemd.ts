/**
 * The app's background processes under systemd: N queue workers and the scheduler.
 */
import { QueueDriver } from "../config/types";
import {
    CURRENT_LINK,
    DEPLOY_USER,
    SCHEDULER_SERVICE,
    SCHEDULER_TIMER,
    WORKERS_TARGET,
    WORKER_UNIT_TEMPLATE,
    fpmService,
    phpBinary,
} from "./layout";
import { queueConnection } from "./php";

/** A unit file to install under /etc/systemd/system. */
export interface SystemdUnit {
    name: string;
    content: string;
}

export interface WorkerOptions {
    phpVersion: string;
    /** "redis" (the shared Redis/Valkey) or "sqs" (AWS). The worker uses the connection of that name. */
    queueDriver: QueueDriver;
    /** Workers per server. */
    count: number;
    /** Attempts before a job is failed (`--tries`). Default 3. */
    tries?: number;
    /**
     * Seconds a worker lives before it exits and systemd starts a fresh one (`--max-time`):
     * bounds leaked memory and stale state. Default 3600.
     */
    maxTime?: number;
    /** Seconds to wait when the queue is empty (`--sleep`). Default 3. */
    sleep?: number;
    /**
     * Seconds one job may run (`--timeout`). Default 60: shorter than the redis connection's
     * `retry_after` (90 s in Laravel's stock config), as Laravel requires so that a job is not
     * handed to a second worker while the first still runs; on SQS the queue's visibility
     * timeout must likewise exceed it.
     */
    timeout?: number;
}

/** The `php artisan queue:work` command line a worker runs. */
export function queueWorkCommand(options: WorkerOptions): string {
    const timeout = options.timeout ?? 60;
    return [
        phpBinary(options.phpVersion),
        `${CURRENT_LINK}/artisan`,
        "queue:work",
        queueConnection(options.queueDriver),
        `--tries=${options.tries ?? 3}`,
        `--max-time=${options.maxTime ?? 3600}`,
        `--sleep=${options.sleep ?? 3}`,
        `--timeout=${timeout}`,
        "--memory=256",
        "--no-interaction",
    ].join(" ");
}

/**
 * The workers: a template unit started N times through a target. They run from `current`
 * (systemd resolves the symlink when a worker starts), so after the release script's
 * `queue:restart` each worker finishes its job, exits, and is restarted on the new release.
 * Until a release is live the condition skips them; the release script starts the target.
 */
export function workerUnits(options: WorkerOptions): SystemdUnit[] {
    if (!Number.isInteger(options.count) || options.count < 1)
        throw new Error(`queue workers: count must be a whole number of at least 1, got ${options.count}`);
    const timeout = options.timeout ?? 60;
    const instances = Array.from({ length: options.count }, (_, i) => `webtier-worker@${i + 1}.service`);
    const template = `[Unit]
Description=Laravel queue worker %i (webtier, ${options.queueDriver})
After=network-online.target ${fpmService(options.phpVersion)}.service
Wants=network-online.target
PartOf=${WORKERS_TARGET}
ConditionPathExists=${CURRENT_LINK}/artisan
StartLimitIntervalSec=0

[Service]
Type=simple
User=${DEPLOY_USER}
Group=${DEPLOY_USER}
WorkingDirectory=${CURRENT_LINK}
ExecStart=${queueWorkCommand(options)}
Restart=always
RestartSec=3
# SIGTERM lets the worker finish its current job; give it the job timeout plus a margin.
KillSignal=SIGTERM
TimeoutStopSec=${timeout + 30}
NoNewPrivileges=true
PrivateTmp=true

[Install]
WantedBy=${WORKERS_TARGET}
`;
    const target = `[Unit]
Description=Laravel queue workers (webtier, ${options.count} on this server)
Wants=${instances.join(" ")}
After=network-online.target

[Install]
WantedBy=multi-user.target
`;
    return [
        { name: WORKER_UNIT_TEMPLATE, content: template },
        { name: WORKERS_TARGET, content: target },
    ];
}

/**
 * The scheduler. Every server runs `schedule:run` each minute from a systemd timer, rather than
 * one designated scheduler server: a designated server is a single point of failure that must
 * be re-designated whenever it is replaced, while "every server, one lock" keeps working with
 * any number of servers. Tasks that must run once per minute across the tier use Laravel's
 * `->onOneServer()`: the first server to take the task's lock runs it, the others skip it.
 *
 * The lock lives in the shared Redis, in the default connection's database 0
 * (REDIS_CACHE_LOCK_CONNECTION=default, REDIS_DB=0), while the cache itself is database 1
 * (REDIS_CACHE_DB=1): a `php artisan cache:clear` during a deploy flushes database 1 only, so
 * it can never release a lock a running task holds and let a second server start the same task
 * (see REDIS_DATABASES in laravel-env.ts). Locks are keyed by task and minute, so the servers'
 * clocks must agree: both clouds' Ubuntu images keep them in sync (chrony/timesyncd), and the
 * timer fires at second 0 with 1 s accuracy.
 *
 * Tasks without `onOneServer()` run on every server, as Laravel documents; `withoutOverlapping()`
 * locks share the same store. The tick is a oneshot service: systemd does not start it again
 * while the previous tick still runs, so long tasks should use `->runInBackground()` (as with
 * cron) or the minutes they span are skipped rather than run twice.
 */
export function schedulerUnits(phpVersion: string): SystemdUnit[] {
    const service = `[Unit]
Description=Laravel scheduler tick (webtier)
After=network-online.target
ConditionPathExists=${CURRENT_LINK}/artisan

[Service]
Type=oneshot
User=${DEPLOY_USER}
Group=${DEPLOY_USER}
WorkingDirectory=${CURRENT_LINK}
ExecStart=${phpBinary(phpVersion)} ${CURRENT_LINK}/artisan schedule:run --no-interaction
NoNewPrivileges=true
PrivateTmp=true
`;
    const timer = `[Unit]
Description=Run the Laravel scheduler every minute (webtier)

[Timer]
OnCalendar=*-*-* *:*:00
AccuracySec=1s
Unit=${SCHEDULER_SERVICE}

[Install]
WantedBy=timers.target
`;
    return [
        { name: SCHEDULER_SERVICE, content: service },
        { name: SCHEDULER_TIMER, content: timer },
    ];
}
