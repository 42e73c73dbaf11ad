// Mocha's spec reporter plus one plain closing line, "mocha: N passed, N failed[, N skipped]",
// that CI systems which do not know mocha's own summary can read.
"use strict";
const Mocha = require("mocha");

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = this.stats;
            console.log(`mocha: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`);
        });
    }
}

module.exports = SpecWithSummary;
