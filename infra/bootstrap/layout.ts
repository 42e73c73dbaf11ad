/**
 * Where things live on an app server. One place, so that the cloud-init, the nginx site, the
 * systemd units and the release script can never disagree about a path.
 */

/** The unprivileged user that owns the code, runs PHP-FPM, the queue workers and the scheduler. */
export const DEPLOY_USER = "deploy";
export const DEPLOY_HOME = `/home/${DEPLOY_USER}`;

/**
 * The app. `releases/<UTC timestamp>/` holds one checkout each; `current` is a symlink to the
 * live one, switched with a rename so that a request sees either the old or the new release,
 * never a mix; `shared/` holds what outlives releases (storage/ and the .env).
 */
export const APP_ROOT = "/var/www/app";
export const RELEASES_DIR = `${APP_ROOT}/releases`;
export const CURRENT_LINK = `${APP_ROOT}/current`;
export const SHARED_DIR = `${APP_ROOT}/shared`;
export const SHARED_ENV = `${SHARED_DIR}/.env`;
export const SHARED_STORAGE = `${SHARED_DIR}/storage`;
/**
 * Present from boot until the first release succeeds on a server whose bootstrap deploys the
 * app itself (`app.repository` set): the health check answers 503 meanwhile, so a replacement
 * server only enters the balancer once it serves the app.
 */
export const RELEASE_PENDING_MARKER_NAME = ".first-release-pending";
export const RELEASE_PENDING_MARKER = `${APP_ROOT}/${RELEASE_PENDING_MARKER_NAME}`;

/** Settings shared by the bootstrap and release scripts (shell syntax, sourced by both). */
export const RELEASE_CONFIG = "/etc/webtier/release.env";
export const RELEASE_SCRIPT = "/usr/local/bin/webtier-release";
export const BOOTSTRAP_SCRIPT = "/usr/local/sbin/webtier-bootstrap";
/** Installs the .env from where the stack keeps it and, with `refresh`, makes the live release use it. */
export const ENV_SCRIPT = "/usr/local/bin/webtier-env";
/** How many releases stay on disk (the live one included), for a quick manual rollback. */
export const KEEP_RELEASES = 5;

/** The socket nginx hands PHP requests to: a pool of our own, running as the deploy user. */
export function fpmSocket(phpVersion: string): string {
    return `/run/php/php${phpVersion}-fpm-webtier.sock`;
}

export function fpmService(phpVersion: string): string {
    return `php${phpVersion}-fpm`;
}

export function phpBinary(phpVersion: string): string {
    return `/usr/bin/php${phpVersion}`;
}

/** systemd names of the workers and the scheduler. */
export const WORKER_UNIT_TEMPLATE = "webtier-worker@.service";
export const WORKERS_TARGET = "webtier-workers.target";
export const SCHEDULER_SERVICE = "webtier-schedule.service";
export const SCHEDULER_TIMER = "webtier-schedule.timer";
export const SYSTEMD_DIR = "/etc/systemd/system";

export const NGINX_SITE = "/etc/nginx/sites-available/webtier.conf";
export const NGINX_SITE_ENABLED = "/etc/nginx/sites-enabled/webtier.conf";
