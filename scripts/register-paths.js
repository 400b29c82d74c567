// Resolves the @samenspel/* libraries in the compiled tree (dist/), for `node -r`.
const path = require('node:path');
require('tsconfig-paths').register({
  baseUrl: path.resolve(__dirname, '..', 'dist'),
  paths: { '@samenspel/*': ['libs/*/src'] },
});
