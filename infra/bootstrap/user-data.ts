import * as pulumi from "@pulumi/pulumi";
import { WebtierConfig } from "../config/types";
import { AppEndpoints } from "../components";
import { renderLaravelEnv } from "./laravel-env";

/**
 * TEMPORARY (replaced by the cloud-init renderer of issue #4): writes the .env only.
 */
export function renderUserData(
    config: WebtierConfig,
    endpoints: AppEndpoints,
    appKey: pulumi.Output<string>,
    server: { index: number; count: number },
): pulumi.Output<string> {
    return renderLaravelEnv(config, endpoints, appKey).apply(
        (env) => `#cloud-config\n# webtier server ${server.index + 1} of ${server.count}\nwrite_files:\n  - path: /etc/webtier/app.env\n    permissions: "0640"\n    encoding: b64\n    content: ${Buffer.from(env).toString("base64")}\n`,
    );
}
