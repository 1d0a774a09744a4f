/**
 * The QuickJS WebAssembly module: loaded by a code worker for its first script (never at start-up), then kept for
 * the worker's next scripts.
 * A module whose state may be damaged (the host's own stack ran out inside it) is dropped, and the next script loads
 * a fresh one.
 */
import type { QuickJSWASMModule } from "quickjs-emscripten-core";

let loading: Promise<QuickJSWASMModule> | undefined;
let loaded: QuickJSWASMModule | undefined;

export function quickJS(): Promise<QuickJSWASMModule> {
  loading ??= load().then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Forget this module: scripts after this one get a new instance. */
export function discardQuickJS(module: QuickJSWASMModule): void {
  if (loaded !== module) return;
  loaded = undefined;
  loading = undefined;
}

async function load(): Promise<QuickJSWASMModule> {
  const { newQuickJSWASMModuleFromVariant } = await import("quickjs-emscripten-core");
  return newQuickJSWASMModuleFromVariant(import("@jitl/quickjs-wasmfile-release-sync"));
}
