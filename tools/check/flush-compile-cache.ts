// Preloaded with `node -r` into every policy pack process the check starts.
//
// Node writes what it compiled into NODE_COMPILE_CACHE when a process exits normally, and the
// check (as the engine) stops a pack with a signal: a pack never wrote its own modules (the
// policy SDK, the pack's policies), so every run compiled them again. Once the pack's entry
// point has run (a turn of the event loop later), its modules are written out.
import Module from "module";

setImmediate(() => Module.flushCompileCache?.());
