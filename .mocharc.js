// Mocha's settings for every run. `npm test` adds --parallel: spec files then run in worker
// processes, as many as the machine has cores and at least two (mocha's own default, one less
// than the cores, is a single worker on a 2-core runner; the check's specs spend much of their
// time waiting on the policy pack's process, so two workers help even there). A spec file run
// on its own (`mocha dist/tests/x.test.js`) stays serial, in one process.
"use strict";
const os = require("os");

const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;

module.exports = {
    timeout: 120000,
    reporter: "./tests/support/summary-reporter.js",
    jobs: Math.max(2, cores),
};
