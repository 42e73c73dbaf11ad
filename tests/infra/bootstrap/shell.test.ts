import * as assert from "assert";
import { shellAssignments, shellQuote, stripComments } from "../../../infra/bootstrap/shell";
import { requireTool, run } from "./validators";

describe("shell helpers", () => {
    it("quotes any value so that bash reads it back unchanged", () => {
        const values = { PLAIN: "main", QUOTES: `it's "odd" $HOME \`id\` \\ ; rm -rf /`, EMPTY: "" };
        const script = `${shellAssignments(values)}\nprintf '%s\\n' "$PLAIN" "$QUOTES" "$EMPTY"`;
        const result = run(requireTool("bash"), ["-c", script]);
        assert.strictEqual(result.stdout, `${values.PLAIN}\n${values.QUOTES}\n\n`);
        assert.strictEqual(shellQuote("a'b"), `'a'\\''b'`);
    });

    it("refuses keys that are not variable names and values with line breaks", () => {
        assert.throws(() => shellAssignments({ "BAD-KEY": "x" }), /variable name/);
        assert.throws(() => shellAssignments({ KEY: "a\nb" }), /line break/);
    });

    it("strips comment lines but keeps the shebang and shellcheck directives", () => {
        const text =
            "#!/usr/bin/env bash\n# why\nset -e\n    # indented why\n# shellcheck source=/dev/null\n. x\necho '# not a comment'\n";
        assert.strictEqual(
            stripComments(text),
            "#!/usr/bin/env bash\nset -e\n# shellcheck source=/dev/null\n. x\necho '# not a comment'\n",
        );
        assert.strictEqual(stripComments("# header\n# more\n\nserver {}\n"), "server {}\n");
    });
});
