/**
 * Dropping a program's CommonJS modules so that the next stack loads them afresh, without keeping
 * the previous ones alive.
 *
 * Deleting a module from `require.cache` is not enough: Node also records each module in the
 * `children` of the module that first required it (lib/internal/modules/cjs/loader.js,
 * `updateChildren`), and a module required again after its entry was deleted is a new Module,
 * pushed there next to the old one. The check requires a program's main module from its own
 * modules, which stay loaded, so every stack it evaluated stayed reachable through that list: the
 * old module's exports (a stack's outputs), its resources, their outputs and promises. On webtier's
 * stack at 50 servers that was about 21 MB more live heap after each check, which every later
 * collection had to trace and copy (the bench runs a stack dozens of times in one process, the
 * tests hundreds).
 */

/** Deletes `files` from require.cache and from every cached module's `children`. */
export function forgetModules(files: Iterable<string>): void {
    const dropped = new Set<NodeJS.Module>();
    for (const file of files) {
        const cached = require.cache[file];
        if (!cached) continue;
        dropped.add(cached);
        delete require.cache[file];
    }
    if (dropped.size === 0) return;
    const unlink = (module: NodeJS.Module | null | undefined) => {
        const children = module?.children;
        if (!children || !children.some((child) => dropped.has(child))) return;
        const kept = children.filter((child) => !dropped.has(child));
        children.length = 0;
        children.push(...kept);
    };
    // The entry point is cached too; a parent no longer cached is unreachable itself.
    for (const module of Object.values(require.cache)) unlink(module);
}
