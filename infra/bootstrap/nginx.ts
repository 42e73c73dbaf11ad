/**
 * The nginx site of an app server: plain HTTP on port 80 for the balancer, PHP through the
 * app's FPM socket, the client's address and scheme taken from the balancer's headers only.
 */
import { parseCidr } from "../../policies/lib/cidr";
import { APP_ROOT, RELEASE_PENDING_MARKER_NAME, fpmSocket } from "./layout";

export interface NginxSiteOptions {
    /**
     * The VPC range. The balancer is the only thing that can reach port 80 (the security group
     * or firewall admits it alone) and it sits in this range, so only addresses in it may set
     * the client address (X-Forwarded-For) and the scheme (X-Forwarded-Proto).
     */
    vpcCidr: string;
    /** The path the balancer's health check requests (`webtier:healthCheckPath`, "/up"). */
    healthCheckPath: string;
    /** Picks the FPM socket. */
    phpVersion: string;
    /** Largest request body (uploads go to S3/Spaces directly or through the app). Default "64m". */
    clientMaxBodySize?: string;
    /** The app's folder (releases/, current, shared/). Default /var/www/app; tests run the site elsewhere. */
    appRoot?: string;
    /** The port the balancer targets. Default 80, the only one the network rules open. */
    port?: number;
    /** The PHP-FPM socket. Default: the webtier pool's socket for `phpVersion`. */
    fastcgiSocket?: string;
}

/** Health paths nginx can match literally; anything else is refused with the fix. */
const SAFE_HEALTH_PATH = /^\/[A-Za-z0-9._~/-]*$/;

/**
 * Renders the file for /etc/nginx/sites-available (included in nginx's `http` block, so it holds
 * the `geo`/`map` that feed the server block as well as the server block itself).
 *
 * The health path: while no release is live, nginx answers it with a static 200 so that a new
 * stack's servers enter the balancer and the first deploy can reach them; once a release is
 * live the app's own route answers (Laravel 11's /up boots the framework, so a server whose app
 * cannot start is taken out). Between boot and the first release of a server that deploys the
 * app itself (a replacement server of a stack with `app.repository`), it answers 503, so the
 * replacement enters the balancer only when it serves the app.
 */
export function renderNginxSite(options: NginxSiteOptions): string {
    const vpc = parseCidr(options.vpcCidr);
    if (!vpc || vpc.version !== 4 || !options.vpcCidr.includes("/")) {
        throw new Error(`nginx site: vpcCidr "${options.vpcCidr}" is not an IPv4 CIDR such as 10.20.0.0/16.`);
    }
    if (!SAFE_HEALTH_PATH.test(options.healthCheckPath)) {
        throw new Error(
            `nginx site: webtier:healthCheckPath "${options.healthCheckPath}" must use only letters, digits and . _ ~ / - ` +
                `(the servers match it literally), for example /up.`,
        );
    }
    const health = options.healthCheckPath;
    const socket = options.fastcgiSocket ?? fpmSocket(options.phpVersion);
    const appRoot = options.appRoot ?? APP_ROOT;
    const current = `${appRoot}/current`;
    const port = options.port ?? 80;
    return `# webtier: the Laravel app behind the load balancer. Managed by cloud-init; edits are lost
# when the server is replaced.

# The balancer's address is the TCP peer; $realip_remote_addr keeps it after real_ip rewrote
# $remote_addr to the client. Only a peer in the VPC may tell us the original scheme.
geo $realip_remote_addr $webtier_from_balancer {
    default 0;
    ${options.vpcCidr} 1;
}

map "$webtier_from_balancer:$http_x_forwarded_proto" $webtier_https {
    "1:https" on;
    default "";
}

map $webtier_https $webtier_server_port {
    on 443;
    default $server_port;
}

map $webtier_https $webtier_scheme {
    on https;
    default $scheme;
}

server {
    # HTTP only: TLS ends at the balancer, and only the balancer can reach this port.
    listen ${port} default_server;
    server_name _;
    server_tokens off;

    root ${current}/public;
    index index.php;
    charset utf-8;
    client_max_body_size ${options.clientMaxBodySize ?? "64m"};

    # REMOTE_ADDR becomes the client: X-Forwarded-For is read right to left, skipping
    # addresses in the VPC (the balancer), so entries a client forged on the left are ignored.
    set_real_ip_from ${options.vpcCidr};
    real_ip_header X-Forwarded-For;
    real_ip_recursive on;

    add_header X-Frame-Options "SAMEORIGIN" always;
    add_header X-Content-Type-Options "nosniff" always;

    location = ${health} {
        access_log off;
        if (-f ${current}/public/index.php) {
            rewrite ^ /index.php last;
        }
        if (-f ${appRoot}/${RELEASE_PENDING_MARKER_NAME}) {
            return 503;
        }
        default_type text/plain;
        return 200 "ok: no release deployed yet\\n";
    }

    location / {
        try_files $uri $uri/ /index.php?$query_string;
    }

    location = /favicon.ico { access_log off; log_not_found off; }
    location = /robots.txt { access_log off; log_not_found off; }

    error_page 404 /index.php;

    # Only the front controller runs PHP; no other .php file under public/ is executable.
    location ~ ^/index\\.php(/|$) {
        fastcgi_pass unix:${socket};
        fastcgi_split_path_info ^(.+\\.php)(/.*)$;
        include fastcgi_params;
        # $realpath_root resolves the current symlink, so a request runs wholly in one release
        # and opcache keys on the release's own paths.
        fastcgi_param SCRIPT_FILENAME $realpath_root$fastcgi_script_name;
        fastcgi_param DOCUMENT_ROOT $realpath_root;
        fastcgi_param HTTPS $webtier_https if_not_empty;
        fastcgi_param REQUEST_SCHEME $webtier_scheme;
        fastcgi_param SERVER_PORT $webtier_server_port;
        fastcgi_hide_header X-Powered-By;
        fastcgi_read_timeout 65s;
    }

    location ~ /\\.(?!well-known).* {
        deny all;
    }
}
`;
}
