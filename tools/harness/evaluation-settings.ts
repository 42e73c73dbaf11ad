// How the harness evaluates programs, as the check does; in a module of its own so that the
// bench's floor process (tools/check/bare-floor.ts) can share it without loading the harness.

/**
 * Pulumi's SDK records a stack trace for every promise it creates (`new Error().stack`, about a
 * hundred per resource, kept only for its promise-leak report), and capturing and formatting
 * those traces is the largest single cost of evaluating a program besides garbage collection.
 * The harness evaluates with no frames at all unless told otherwise (about 1 µs per promise
 * instead of 3 µs with one frame and 11 µs with Node's default ten); the check evaluates a program
 * that fails again with full traces, so its error still shows where it came from. The SDK's source
 * positions are not affected: it raises the limit itself while it reads them.
 */
export const EVALUATION_STACK_TRACE_LIMIT = 0;

/**
 * The organization the engine reports on a self-managed (file or cloud-storage) backend, where
 * stacks have no owner: the DIY backend's fixed "organization". The language host passes it to
 * the program (`--organization`, `pulumi.getOrganization()`) and the analyzer plugin to the pack.
 */
export const DIY_ORGANIZATION = "organization";
