/**
 * The first-boot steps that must run in order after cloud-init has installed the packages and
 * written the files: the app tree and its owners, the database CA download, nginx and PHP-FPM
 * switched to webtier's site and pool, the workers and the scheduler enabled, and, when the
 * stack names a repository, the first release. cloud-init runs it once, from `runcmd`.
 *
 * Static like the release script: the values come from the same /etc/webtier/release.env.
 * The .env is installed by webtier-env (env-script.ts), from wherever the stack keeps it.
 */
import { DEPLOY_USER, SHARED_DIR } from "./layout";

/** The storage folders Laravel expects; they live in shared/ so they outlive releases. */
export const STORAGE_DIRS = [
    "storage",
    "storage/app",
    "storage/app/public",
    "storage/framework",
    "storage/framework/cache",
    "storage/framework/cache/data",
    "storage/framework/sessions",
    "storage/framework/testing",
    "storage/framework/views",
    "storage/logs",
];

export const BOOTSTRAP_SCRIPT_TEXT = `#!/usr/bin/env bash
# webtier-bootstrap: the ordered first-boot steps of a webtier app server (run once by cloud-init).
set -Eeuo pipefail
umask 0022

config="\${WEBTIER_RELEASE_CONFIG:-/etc/webtier/release.env}"
# shellcheck source=/dev/null
. "$config"
log() { printf 'webtier-bootstrap: %s\\n' "$*"; }
trap 'log "FAILED at line $LINENO; the health check stays failing, so this server gets no traffic"' ERR

# PHP: the stack's version is the CLI default (composer, artisan), and webtier's pool replaces
# the stock www pool (one pool, running as the deploy user).
update-alternatives --set php "$PHP_BIN"
rm -f -- "/etc/php/$PHP_VERSION/fpm/pool.d/www.conf"

# The app tree. shared/ stays root's so the deploy user cannot replace the .env; storage/ is the
# deploy user's (PHP-FPM and the workers run as it).
install -d -m 0755 "$APP_ROOT" "$APP_ROOT/shared"
install -d -o ${DEPLOY_USER} -g ${DEPLOY_USER} -m 0755 "$APP_ROOT/releases"
for dir in ${STORAGE_DIRS.join(" ")}; do
    install -d -o ${DEPLOY_USER} -g ${DEPLOY_USER} -m 0775 "${SHARED_DIR}/$dir"
done
if [ -n "\${REPOSITORY:-}" ]; then
    # Until the first release below succeeds, the health check answers 503.
    touch "$RELEASE_PENDING_MARKER"
fi
# The .env: on AWS read from Parameter Store through the instance role, with the AWS CLI (the
# snap AWS publishes for Ubuntu; snapd refuses installs until it has seeded at first boot); on
# DigitalOcean cloud-init already wrote it from the user data.
if [ "$ENV_SOURCE" = ssm ] && [ ! -x "\${AWS_CLI:-}" ]; then
    snap wait system seed.loaded
    for attempt in 1 2 3; do
        snap install aws-cli --classic && break
        [ "$attempt" -lt 3 ] && sleep 15
    done
fi
"$ENV_SCRIPT" fetch
chown root:${DEPLOY_USER} "${SHARED_DIR}/.env"
chmod 0640 "${SHARED_DIR}/.env"

# The CA that verifies the managed database, when the cloud publishes it at a URL.
if [ -n "\${DATABASE_CA_URL:-}" ]; then
    install -d -m 0755 "$(dirname "$DATABASE_CA_PATH")"
    curl --fail --silent --show-error --location --proto '=https' --retry 5 --retry-connrefused \\
        --output "$DATABASE_CA_PATH.download" "$DATABASE_CA_URL"
    grep -q 'BEGIN CERTIFICATE' "$DATABASE_CA_PATH.download"
    chmod 0644 "$DATABASE_CA_PATH.download"
    mv -f -- "$DATABASE_CA_PATH.download" "$DATABASE_CA_PATH"
fi

# nginx serves webtier's site only.
rm -f -- /etc/nginx/sites-enabled/default
ln -sfn "$NGINX_SITE" "$NGINX_SITE_ENABLED"
nginx -t
systemctl enable nginx
systemctl reload-or-restart nginx
systemctl enable "$PHP_FPM_SERVICE"
systemctl restart "$PHP_FPM_SERVICE"

# Workers start with the first release (their units wait for current/artisan); the scheduler
# timer ticks from now on and skips ticks until then.
systemctl daemon-reload
systemctl enable "$WORKERS_TARGET"
systemctl enable --now "$SCHEDULER_TIMER"

if [ -n "\${REPOSITORY:-}" ]; then
    log "first release: $DEFAULT_REF"
    "$RELEASE_SCRIPT" "$DEFAULT_REF"
fi
log "done"
`;
