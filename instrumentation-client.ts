// Runs in the browser before the portal's own code. zod compiles fast object parsers with `new Function` when it
// may, and probes whether it may the first time a schema is built: under the portal's CSP (no 'unsafe-eval') that
// probe is a reported violation on every page. Jitless parsing is what the browser gets either way.
import { z } from "zod";

z.config({ jitless: true });
