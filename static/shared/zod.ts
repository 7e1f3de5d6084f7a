// What `zod` means in the Custom UI bundles (static/vite.config.mts aliases it here): zod with its
// JIT off. Zod's JIT compiles object parsers with `new Function`, and first probes whether it may
// by calling it; under Forge's Content-Security-Policy (no 'unsafe-eval') that probe is a
// `script-src` violation even though zod catches the error. Configured before any schema exists:
// every module of the bundle that imports `zod` is evaluated after this one.
import * as z from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z };
export default z;
