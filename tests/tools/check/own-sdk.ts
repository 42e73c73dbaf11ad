// A throwaway project laid out as an installed one: node_modules of its own, with a copy of
// @pulumi/pulumi that Node loads apart from the check's (real files; only its vendored compilers
// linked) and every other package linked to this repository's.
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./paths";
import { scratchDir } from "../../support/scratch";

/**
 * `files` by their path in the project (or a folder to copy them from); `links` adds packages
 * under another name (`{ "ts-node": "ts-node-10" }`).
 */
export function projectWithOwnSdk(
    name: string,
    files: Record<string, string> | string,
    links: Record<string, string> = {},
): string {
    const dir = scratchDir(`check-${name}-`);
    if (typeof files === "string") fs.cpSync(files, dir, { recursive: true });
    else for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    if (!fs.existsSync(path.join(dir, "Pulumi.yaml")))
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    const modules = path.join(dir, "node_modules");
    const repoModules = path.join(REPO_ROOT, "node_modules");
    const sdk = path.join(modules, "@pulumi", "pulumi");
    const realSdk = path.join(repoModules, "@pulumi", "pulumi");
    const vendor = path.join(realSdk, "vendor");
    fs.cpSync(realSdk, sdk, { recursive: true, filter: (source) => source !== vendor });
    fs.symlinkSync(vendor, path.join(sdk, "vendor"), "dir");
    for (const entry of fs.readdirSync(path.join(repoModules, "@pulumi")))
        if (entry !== "pulumi")
            fs.symlinkSync(path.join(repoModules, "@pulumi", entry), path.join(modules, "@pulumi", entry), "dir");
    for (const entry of fs.readdirSync(repoModules))
        if (entry !== "@pulumi" && entry !== ".bin" && !(entry in links))
            fs.symlinkSync(path.join(repoModules, entry), path.join(modules, entry), "dir");
    for (const [link, target] of Object.entries(links))
        fs.symlinkSync(path.join(repoModules, target), path.join(modules, link), "dir");
    return dir;
}
