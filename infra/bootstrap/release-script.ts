/**
 * The release script installed on every server as /usr/local/bin/webtier-release. The rolling
 * deploy (tools/deploy) runs it on one server at a time, over SSM on AWS and SSH on
 * DigitalOcean, while that server is out of the balancer.
 *
 * The script is static: everything stack-specific comes from /etc/webtier/release.env (see
 * `renderReleaseConfig`), so the same text is linted by shellcheck and run end to end by the
 * tests against a throwaway git repository.
 */
import { EnvSourceKind } from "./env-script";
import { DATABASE_CA_PATH } from "./laravel-env";
import {
    APP_ROOT,
    DEPLOY_HOME,
    DEPLOY_USER,
    ENV_SCRIPT,
    KEEP_RELEASES,
    NGINX_SITE,
    NGINX_SITE_ENABLED,
    RELEASE_PENDING_MARKER,
    RELEASE_SCRIPT,
    SCHEDULER_TIMER,
    WORKERS_TARGET,
    fpmService,
    phpBinary,
} from "./layout";
import { shellAssignments } from "./shell";

/** Exit status: the release failed and the previous release is still the live one. */
export const EXIT_KEPT_PREVIOUS = 75;
/** Exit status: the script was called wrongly (no ref, or a ref it refuses). */
export const EXIT_USAGE = 64;

export const RELEASE_SCRIPT_TEXT = `#!/usr/bin/env bash
# webtier-release <git-ref>: deploy a branch, tag or commit of the app on this server.
# Install the current .env (webtier-env fetch: on AWS it is read from Parameter Store, so a rotated
# secret reaches the server with its next release), fetch into releases/<time>, link shared
# storage and .env, composer install, migrate --isolated,
# cache, switch current atomically, reload PHP-FPM, queue:restart, keep the newest releases.
# Exit: 0 released; 75 failed, previous release still live; 64 usage; 1 failed after switching
# and could not switch back.
#
# Migrations that ran before a failure stay applied: write them backward compatible (the other
# servers still run the previous release while this one is updated).
set -Eeuo pipefail
umask 0022

readonly KEPT_PREVIOUS=${EXIT_KEPT_PREVIOUS} USAGE=${EXIT_USAGE}

log() { printf '%s webtier-release: %s\\n' "$(date -u +%H:%M:%S)" "$*"; }

if [ "$#" -ne 1 ]; then
    log "usage: webtier-release <git-ref>   (a branch, tag or commit of the app repository)"
    exit "$USAGE"
fi
ref="$1"
if [[ ! "$ref" =~ ^[A-Za-z0-9._/@+-]+$ || "$ref" == -* || "$ref" == *..* ]]; then
    log "refusing ref '$ref': use letters, digits and . _ / @ + -, not starting with '-' and without '..'"
    exit "$USAGE"
fi

# PHP-FPM and the workers need root; the deploy user may run exactly this script through sudo.
if [ "$(id -u)" -ne 0 ]; then
    exec sudo -n -- "$0" "$@"
fi

config="\${WEBTIER_RELEASE_CONFIG:-/etc/webtier/release.env}"
# shellcheck source=/dev/null
. "$config"
for setting in APP_ROOT DEPLOY_USER DEPLOY_HOME PHP_BIN COMPOSER_BIN PHP_FPM_SERVICE WORKERS_TARGET KEEP_RELEASES RELEASE_PENDING_MARKER LOCK_FILE ENV_SCRIPT; do
    if [ -z "\${!setting:-}" ]; then
        log "$config does not set $setting; the server's bootstrap writes it (re-create the server or restore the file)"
        exit "$KEPT_PREVIOUS"
    fi
done
systemctl="\${SYSTEMCTL:-systemctl}"
repository="\${REPOSITORY:-}"
if [ -z "$repository" ]; then
    log "no app repository: set webtier:app.repository and run pulumi up (or set REPOSITORY in $config)"
    exit "$KEPT_PREVIOUS"
fi

releases="$APP_ROOT/releases"
current="$APP_ROOT/current"
shared="$APP_ROOT/shared"

# Runs a command as the deploy user, who owns the code (never root: composer scripts and
# artisan run the app's own code).
as_deploy() {
    if [ "$(id -un)" = "$DEPLOY_USER" ]; then
        env HOME="$DEPLOY_HOME" "$@"
    else
        runuser -u "$DEPLOY_USER" -- env HOME="$DEPLOY_HOME" "$@"
    fi
}
artisan() { as_deploy "$PHP_BIN" "$release/artisan" "$@" --no-interaction; }

# Points current at a release with one rename(2), so no request sees a missing or half link.
switch_to() {
    ln -sfn "$1" "$APP_ROOT/.current.next"
    mv -Tf "$APP_ROOT/.current.next" "$current"
}

exec 9>"$LOCK_FILE"
if ! flock -n 9; then
    log "another release is running on this server; nothing changed"
    exit "$KEPT_PREVIOUS"
fi

previous=""
if [ -L "$current" ]; then
    previous="$(readlink -f "$current")"
fi
release="$releases/$(date -u +%Y%m%d%H%M%S)"
while [ -e "$release" ]; do
    sleep 1
    release="$releases/$(date -u +%Y%m%d%H%M%S)"
done
switched=no

on_error() {
    local status=$?
    trap - ERR
    set +e
    if [ "$switched" = no ]; then
        rm -rf -- "$release"
        log "FAILED (exit $status) before switching; \${previous:-no release} is still live"
        exit "$KEPT_PREVIOUS"
    fi
    if [ -n "$previous" ]; then
        if switch_to "$previous"; then
            # nginx passes resolved paths, so PHP-FPM serves the previous release's files again
            # even if this reload fails; the reload only drops the new release's opcache entries.
            "$systemctl" reload "$PHP_FPM_SERVICE" || log "reloading $PHP_FPM_SERVICE failed as well"
            rm -rf -- "$release"
            log "FAILED (exit $status) after switching; switched back to $previous"
            exit "$KEPT_PREVIOUS"
        fi
    elif rm -f -- "$current"; then
        rm -rf -- "$release"
        log "FAILED (exit $status) after switching; removed current again (no release was live before)"
        exit "$KEPT_PREVIOUS"
    fi
    log "FAILED (exit $status) after switching to $release and could not switch back: check this server"
    exit 1
}
trap on_error ERR

# The secrets may have changed since the last release (a rotated password): the config cached
# below must be built from the .env as the stack has it now.
"$ENV_SCRIPT" fetch
log "releasing '$ref' into $release"
install -d -o "$DEPLOY_USER" -g "$DEPLOY_USER" -m 0755 "$release"
as_deploy git -C "$release" init --quiet
as_deploy git -C "$release" fetch --quiet --depth 1 --no-tags "$repository" "$ref"
as_deploy git -C "$release" -c advice.detachedHead=false checkout --quiet FETCH_HEAD
as_deploy git -C "$release" rev-parse HEAD >"$release/REVISION"
read -r revision <"$release/REVISION"
rm -rf -- "$release/.git"
log "fetched $revision"

rm -rf -- "$release/storage"
ln -s "$shared/storage" "$release/storage"
ln -sfn "$shared/.env" "$release/.env"

as_deploy "$PHP_BIN" "$COMPOSER_BIN" install --working-dir="$release" --no-dev --no-interaction --prefer-dist --optimize-autoloader --no-progress
artisan migrate --force --isolated
artisan config:cache
artisan route:cache
artisan view:cache

switch_to "$release"
switched=yes
log "switched current to $release"
"$systemctl" reload "$PHP_FPM_SERVICE"
artisan queue:restart
"$systemctl" start "$WORKERS_TARGET"
rm -f -- "$RELEASE_PENDING_MARKER"
trap - ERR

# Keep the newest releases (names are UTC timestamps, so they sort by age); never the live one.
mapfile -t all < <(find "$releases" -mindepth 1 -maxdepth 1 -type d -printf '%f\\n' | sort)
excess=$(( \${#all[@]} - KEEP_RELEASES ))
for (( i = 0; i < excess; i++ )); do
    if [ "$releases/\${all[i]}" != "$release" ]; then
        rm -rf -- "\${releases:?}/\${all[i]}" || log "could not remove old release \${all[i]}"
    fi
done
log "released $revision ('$ref')"
`;

/** What the stack decides about releases. */
export interface ReleaseSettings {
    phpVersion: string;
    /** `webtier:app.repository`; without it the servers wait for the first deploy to name one. */
    repository?: string;
    /** `webtier:app.branch`: what the bootstrap releases when a server first boots. */
    branch: string;
    /** Where the bootstrap downloads the database CA from, when the cloud publishes one. */
    databaseCaUrl?: string;
    /**
     * Where webtier-env gets the .env: a SecureString parameter (AWS), or the user data, which
     * cloud-init already wrote it from (DigitalOcean).
     */
    envSource: { kind: "ssm"; parameter: string; region: string } | { kind: "user-data" };
}

/** The AWS CLI on the servers (the snap AWS publishes); webtier-env reads the .env parameter with it. */
export const AWS_CLI = "/snap/bin/aws";

/**
 * The settings both scripts source (/etc/webtier/release.env), as variables. Tests replace the
 * paths and commands to run the scripts in a sandbox.
 */
export function releaseConfigValues(settings: ReleaseSettings): Record<string, string | number> {
    return {
        APP_ROOT,
        DEPLOY_USER,
        DEPLOY_HOME,
        PHP_VERSION: settings.phpVersion,
        PHP_BIN: phpBinary(settings.phpVersion),
        COMPOSER_BIN: "/usr/bin/composer",
        PHP_FPM_SERVICE: fpmService(settings.phpVersion),
        WORKERS_TARGET,
        SCHEDULER_TIMER,
        KEEP_RELEASES,
        RELEASE_PENDING_MARKER,
        RELEASE_SCRIPT,
        LOCK_FILE: "/run/lock/webtier-release.lock",
        NGINX_SITE,
        NGINX_SITE_ENABLED,
        DATABASE_CA_PATH,
        DATABASE_CA_URL: settings.databaseCaUrl ?? "",
        REPOSITORY: settings.repository ?? "",
        DEFAULT_REF: settings.branch,
        ENV_SCRIPT,
        ENV_SOURCE: settings.envSource.kind satisfies EnvSourceKind,
        ...(settings.envSource.kind === "ssm"
            ? { ENV_PARAMETER: settings.envSource.parameter, ENV_REGION: settings.envSource.region, AWS_CLI }
            : {}),
    };
}

export function renderReleaseConfig(values: Record<string, string | number>): string {
    return `# webtier: settings of webtier-release, webtier-env and webtier-bootstrap (written by cloud-init).\n${shellAssignments(values)}\n`;
}
