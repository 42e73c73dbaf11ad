// Preloaded with `node -r` into a policy pack process whose entry point is TypeScript, so that
// the pack starts the same way a compiled one does (`node <dir>`), without ts-node.
import { registerTypeScriptHook } from "./transpile-on-require";

registerTypeScriptHook();
