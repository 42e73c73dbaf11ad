/**
 * PHP on the app servers: which packages, from where, and how FPM runs.
 */
import { DatabaseEngine, QueueDriver, SizeClass } from "../config/types";
import { DEPLOY_USER, fpmSocket } from "./layout";

/**
 * The PHP version the servers' base image (Ubuntu 24.04 LTS, "noble") ships in its own archive.
 * Only that version comes from Ubuntu, with Canonical's security updates for the life of the LTS;
 * any other version (8.2, 8.4) comes from Ondřej Surý's PPA, the de facto source of PHP builds
 * for Ubuntu, which then also supplies that version's updates.
 */
export const UBUNTU_NOBLE_PHP = "8.3";

/** The PPA other PHP versions come from (cloud-init's `apt.sources` understands `ppa:`). */
export const ONDREJ_PHP_PPA = "ppa:ondrej/php";

export function needsOndrejPpa(phpVersion: string): boolean {
    return phpVersion !== UBUNTU_NOBLE_PHP;
}

/**
 * PHP packages for a Laravel server: FPM and CLI, the extensions Laravel and its common
 * packages need (mbstring, xml, curl, zip, bcmath, intl, gd), the database driver for the
 * configured engine only, phpredis for the cache, sessions, locks and queue. opcache and
 * tokenizer/ctype/fileinfo/pdo come with php<v>-common/-fpm on Ubuntu.
 */
export function phpPackages(phpVersion: string, engine: DatabaseEngine): string[] {
    const extensions = [
        "cli",
        "fpm",
        engine === "mysql" ? "mysql" : "pgsql",
        "redis",
        "mbstring",
        "xml",
        "curl",
        "zip",
        "bcmath",
        "intl",
        "gd",
    ];
    return extensions.map((extension) => `php${phpVersion}-${extension}`);
}

/** How many queue workers and FPM children a server of each size class runs (2, 4, 8 GiB). */
export interface ServerTuning {
    /** Long-running `queue:work` processes, each ~50-100 MiB. */
    queueWorkers: number;
    /** FPM `pm.max_children`: about half the memory for web requests at ~64 MiB each. */
    fpmMaxChildren: number;
}

export const SERVER_TUNING: Record<SizeClass, ServerTuning> = {
    small: { queueWorkers: 2, fpmMaxChildren: 12 },
    medium: { queueWorkers: 3, fpmMaxChildren: 24 },
    large: { queueWorkers: 4, fpmMaxChildren: 48 },
};

/**
 * The FPM pool: runs as the deploy user (it owns the code and shared/storage, so uploads to
 * the local cache and logs work without world-writable folders), listens on a socket only nginx
 * (www-data) may connect to.
 */
export function renderFpmPool(phpVersion: string, tuning: ServerTuning): string {
    const max = tuning.fpmMaxChildren;
    return [
        "; webtier: the app's PHP-FPM pool (replaces the stock www pool).",
        "[webtier]",
        `user = ${DEPLOY_USER}`,
        `group = ${DEPLOY_USER}`,
        `listen = ${fpmSocket(phpVersion)}`,
        "listen.owner = www-data",
        "listen.group = www-data",
        "listen.mode = 0660",
        "pm = dynamic",
        `pm.max_children = ${max}`,
        `pm.start_servers = ${Math.max(2, Math.floor(max / 4))}`,
        `pm.min_spare_servers = ${Math.max(1, Math.floor(max / 8))}`,
        `pm.max_spare_servers = ${Math.max(2, Math.floor(max / 4))}`,
        "pm.max_requests = 1000",
        "request_terminate_timeout = 65s",
        "catch_workers_output = yes",
        "",
    ].join("\n");
}

/**
 * php.ini overrides for FPM and CLI. opcache never re-checks files: every release is a new
 * directory reached through nginx's $realpath_root, and the release script reloads FPM, so
 * stale code cannot be served and no stat() per include is paid.
 */
export function renderPhpIni(): string {
    return [
        "; webtier overrides",
        "expose_php = Off",
        "memory_limit = 256M",
        "upload_max_filesize = 64M",
        "post_max_size = 64M",
        "max_execution_time = 60",
        "opcache.enable = 1",
        "opcache.enable_cli = 0",
        "opcache.memory_consumption = 192",
        "opcache.max_accelerated_files = 20000",
        "opcache.validate_timestamps = 0",
        "realpath_cache_size = 4096K",
        "realpath_cache_ttl = 600",
        "",
    ].join("\n");
}

/** Laravel's queue connection name for a driver: the stock config/queue.php names them alike. */
export function queueConnection(driver: QueueDriver): string {
    return driver;
}
