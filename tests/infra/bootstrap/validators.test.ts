import * as assert from "assert";
import { requireTool } from "./validators";

describe("validator lookup", () => {
    it("fails, naming scripts/install-validators.sh, when a validator is not installed", () => {
        assert.throws(
            () => requireTool("webtier-no-such-validator"),
            /webtier-no-such-validator is not installed: run scripts\/install-validators\.sh/,
        );
    });

    it("finds the installed validators, including those in /usr/sbin", () => {
        for (const tool of ["cloud-init", "nginx", "shellcheck"])
            assert.match(requireTool(tool), new RegExp(`/${tool}$`));
    });
});
