/**
 * `webtier-env`, installed on every server as /usr/local/bin/webtier-env: the one place that
 * knows where the app's `.env` comes from.
 *
 * - AWS (`ENV_SOURCE=ssm`): the .env is a SecureString parameter of the stack in Systems
 *   Manager Parameter Store (infra/aws/secrets.ts). `fetch` reads it through the instance role
 *   and installs it as shared/.env (0640 root:deploy, replaced atomically); the user data holds
 *   no secret, so a rotated password changes the parameter, not the servers.
 * - DigitalOcean (`ENV_SOURCE=user-data`): cloud-init wrote the .env from the droplet's user
 *   data (DigitalOcean has no secret store, and serves user data only to the droplet itself);
 *   there is nothing to fetch, and a changed .env replaces the droplets.
 *
 * `webtier-env fetch` installs the .env only: the bootstrap runs it before the first release,
 * and webtier-release before every release (which then caches the config itself).
 * `webtier-env refresh` installs it and makes the live release use it: Laravel's
 * `config:cache` bakes the .env into bootstrap/cache/config.php, so the config is cached
 * again, PHP-FPM reloaded and the workers restarted. It waits for a running release (same lock).
 *
 * Static like the release script: the settings come from /etc/webtier/release.env.
 */
import { ENV_SCRIPT } from "./layout";

/** Exit status: the .env could not be fetched or installed; the previous one is still in place. */
export const EXIT_ENV_UNCHANGED = 75;
/** Exit status: bad usage. */
export const EXIT_ENV_USAGE = 64;

/** Where a server's .env comes from (the `ENV_SOURCE` setting). */
export type EnvSourceKind = "ssm" | "user-data";

export const ENV_SCRIPT_TEXT = `#!/usr/bin/env bash
# webtier-env fetch|refresh: install the app's .env from where this stack keeps it.
#   fetch    install shared/.env only (the bootstrap and every release run this)
#   refresh  install it, cache the live release's config again, reload PHP-FPM, restart the workers
# Exit: 0 done; 75 the .env could not be fetched or installed (the previous one stays); 64 usage;
# 1 the .env was installed but the live release could not be switched to it.
set -Eeuo pipefail
umask 0022
log() { printf '%s webtier-env: %s\\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
case "$*" in
    fetch | refresh) ;;
    *) log "usage: webtier-env fetch|refresh"; exit ${EXIT_ENV_USAGE} ;;
esac
# The deploy user may run this through sudo (ssh deploys, the rolling refresh).
if [ "$(id -u)" -ne 0 ]; then
    exec sudo -n -- "$0" "$@"
fi
config="\${WEBTIER_RELEASE_CONFIG:-/etc/webtier/release.env}"
# shellcheck source=/dev/null
. "$config"
env_file="$APP_ROOT/shared/.env"

# Installs the .env: on AWS read from Parameter Store (tried again a few times: at first boot the
# network or the instance role may not be usable yet), written beside shared/.env, checked, then
# renamed over it, so the app never reads a half-written file. On DigitalOcean cloud-init wrote
# it from the user data, and there is nothing to fetch.
install_env() {
    if [ "$ENV_SOURCE" = user-data ]; then
        log "the .env comes with this server's user data; a changed .env replaces the server"
        return 0
    fi
    local attempt=1 value next
    until value="$(AWS_PAGER="" "$AWS_CLI" ssm get-parameter --region "$ENV_REGION" --name "$ENV_PARAMETER" \\
        --with-decryption --query Parameter.Value --output text)"; do
        if [ "$attempt" -ge "\${ENV_FETCH_ATTEMPTS:-8}" ]; then
            log "could not read $ENV_PARAMETER in $ENV_REGION after $attempt attempts (the role needs ssm:GetParameter on it, kms:Decrypt on its key)"
            return 1
        fi
        sleep "$(( \${ENV_FETCH_RETRY_SECONDS:-5} * attempt++ ))"
    done
    if [[ "$value" != APP_KEY=* && "$value" != *$'\\n'APP_KEY=* ]]; then
        log "$ENV_PARAMETER does not hold a Laravel .env (no APP_KEY line); keeping the current one"
        return 1
    fi
    next="$(mktemp "$env_file.XXXXXX")"
    printf '%s\\n' "$value" >"$next"
    chown "root:$DEPLOY_USER" "$next"
    chmod 0640 "$next"
    mv -f -- "$next" "$env_file"
    log "installed $env_file from $ENV_PARAMETER"
}

if [ "$1" = fetch ]; then
    install_env || exit ${EXIT_ENV_UNCHANGED}
    exit 0
fi
# refresh: one at a time with releases (same lock), which install the .env themselves.
exec 9>"$LOCK_FILE"
flock -w 900 9 || { log "a release is still running; nothing changed"; exit ${EXIT_ENV_UNCHANGED}; }
install_env || exit ${EXIT_ENV_UNCHANGED}
if [ ! -L "$APP_ROOT/current" ]; then
    log "no release yet: the first release reads this .env"
    exit 0
fi
release="$(readlink -f "$APP_ROOT/current")"
trap 'log "FAILED at line $LINENO: $release may still run on the previous .env"; exit 1' ERR
artisan() { runuser -u "$DEPLOY_USER" -- env HOME="$DEPLOY_HOME" "$PHP_BIN" "$release/artisan" "$@" --no-interaction; }
systemctl="\${SYSTEMCTL:-systemctl}"
artisan config:cache
"$systemctl" reload "$PHP_FPM_SERVICE"
artisan queue:restart
"$systemctl" start "$WORKERS_TARGET"
log "$release now runs with the current .env"
`;

/** The command the release script and the deploy tool run; see ENV_SCRIPT_TEXT. */
export const ENV_REFRESH_COMMAND = `${ENV_SCRIPT} refresh`;
