// What `pulumi up` prints when webtier's program throws: the language host (@pulumi/pulumi
// cmd/run) logs "Running program '<main>' failed with an unhandled exception:" and then
// defaultErrorMessage(err), which is util.inspect of the error. An error class with a field that
// shadows Error.stack printed as "[aws-dev] { problems: [...] }" there, while the project's own
// tests, printing error.message, never saw it.
import * as assert from "assert";
import { ConfigError, parseConfig } from "../../../infra/config/parse";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultErrorMessage } = require("@pulumi/pulumi/cmd/run/error");

// util.inspect colours with ANSI escapes, which start with the ESC control character.
// eslint-disable-next-line no-control-regex
const stripColors = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

describe("errors as the language host prints them", () => {
    it("prints a bad stack config as its message: the stack, each key and what to do", () => {
        let error: unknown;
        try {
            parseConfig({ cloud: "gcp", region: "eu-west-1", environment: "prod" }, "aws-dev");
        } catch (err) {
            error = err;
        }
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
        const printed = stripColors(defaultErrorMessage(error));
        assert.ok(printed.startsWith(`ConfigError: webtier: stack "aws-dev" has`), printed);
        assert.match(printed, /^ {2}- webtier:cloud: /m);
        assert.ok(!printed.startsWith("[aws-dev]"), printed);
        assert.strictEqual(error.stackName, "aws-dev");
    });
});
