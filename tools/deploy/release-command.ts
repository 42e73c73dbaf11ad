/**
 * Building the command each server runs. The ref ends up in a remote shell (SSH's or the SSM
 * agent's), so it is validated and single-quoted rather than trusted.
 */
import { shellQuote } from "../../infra/bootstrap/shell";
import { ENV_REFRESH_COMMAND } from "../../infra/bootstrap/env-script";

/** The script the servers' bootstrap installs; it takes the git ref as its only argument. */
export const DEFAULT_RELEASE_COMMAND = "/usr/local/bin/webtier-release";

/**
 * `--release-command` values that run `webtier-env refresh` instead of a release: re-read the
 * .env (on AWS from Parameter Store, after a secret was rotated) and reload PHP-FPM and the
 * workers, one server at a time out of the balancer, with no new release. They take no ref.
 */
export const ENV_REFRESH_COMMANDS = [ENV_REFRESH_COMMAND, "webtier-env refresh"];

export { ENV_REFRESH_COMMAND };

/** The placeholder a `--release-command` may use to put the ref somewhere other than last. */
export const REF_PLACEHOLDER = "{ref}";

/**
 * A git ref we are willing to hand to a remote shell: branch, tag or commit names made of
 * letters, digits and `._/-@+`, not starting with `-` (it would read as an option) and
 * without `..` (git forbids it in ref names). Returns the reason it is refused, or undefined.
 */
export function refProblem(ref: string): string | undefined {
    if (ref.length === 0) return "it is empty";
    if (ref.length > 200) return "it is longer than 200 characters";
    if (ref.startsWith("-")) return "it starts with '-', which the release script would read as an option";
    if (ref.includes("..")) return "it contains '..', which git does not allow in a ref";
    if (!/^[A-Za-z0-9._/@+-]+$/.test(ref)) return "only letters, digits and . _ / @ + - are allowed";
    return undefined;
}

// POSIX single-quoting, the same the servers' bootstrap uses: safe for any string in sh,
// bash and the SSM agent's shell.
export { shellQuote };

/**
 * The command line to run on each server: `template` with `{ref}` replaced by the quoted
 * ref, or the quoted ref appended when the template has no placeholder. The env refresh
 * (`ENV_REFRESH_COMMANDS`) takes no ref and runs as is (the full path, so it is found over SSM too).
 *   renderReleaseCommand("/usr/local/bin/webtier-release", "v1.2.0")
 *     === "/usr/local/bin/webtier-release 'v1.2.0'"
 *   renderReleaseCommand("webtier-env refresh", "main") === "/usr/local/bin/webtier-env refresh"
 */
export function renderReleaseCommand(template: string, ref: string): string {
    if (ENV_REFRESH_COMMANDS.includes(template.trim().replace(/\s+/g, " "))) return ENV_REFRESH_COMMAND;
    const quoted = shellQuote(ref);
    return template.includes(REF_PLACEHOLDER) ? template.split(REF_PLACEHOLDER).join(quoted) : `${template} ${quoted}`;
}
