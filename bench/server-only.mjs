// Preloaded (node --import) by the growth benchmark: it runs the portal's server modules outside Next, without the
// react-server condition (React's server build lacks what react-query needs to load), so "server-only" resolves to
// its empty module here, as it does in Next's server bundle and under vitest (test/support/server-only.ts).
import Module from "node:module";
import { fileURLToPath } from "node:url";

const empty = fileURLToPath(new URL("../node_modules/server-only/empty.js", import.meta.url));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? empty : resolve.call(this, request, ...rest);
};
