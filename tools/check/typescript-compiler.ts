// The module ts-node is told to load as its compiler (its `compiler` option): the TypeScript the
// program's ts-node would load, as typescript.ts wraps it with shared declaration files. Set just
// before each ts-node registers, since a module exports one value.
const compiler: unknown = (globalThis as Record<symbol, unknown>)[Symbol.for("webtier.check.typescript-compiler")];
export = compiler;
