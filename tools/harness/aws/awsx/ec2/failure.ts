/**
 * Under the engine an error the provider's Construct throws fails the component's registration,
 * and the run, with the provider's message. Here the build's failure escapes as an unhandled
 * rejection of that very error (the language host fails the run with the first one, and so does
 * the check), before the rejections of the outputs that derive from it.
 *
 * Returns the work for the outputs to read, failing with a copy of the error: the SDK prefixes the
 * message of an error it meets while serializing an output (`error serializing property ...`) in
 * place, and the escaped error must keep the provider's words.
 */
export function escapeFailure<T>(work: Promise<T>): Promise<T> {
    // Registered before the outputs' own handlers, so this rejection comes first.
    void work.catch((error: unknown) => {
        throw error;
    });
    return work.catch((error: unknown) => {
        if (!(error instanceof Error)) throw error as Error;
        throw Object.assign(new Error(error.message), { stack: error.stack });
    });
}
