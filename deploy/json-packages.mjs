// npm packages that are JSON data (stopwords-iso), bundled into the build rather than left to
// node_modules: esbuild drops the `with { type: 'json' }` of an external import, and Node refuses a JSON
// module imported without it (ERR_IMPORT_ASSERTION_TYPE_MISSING).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const JSON_PACKAGES = /^stopwords-iso$/;

export const jsonPackages = {
  name: 'json-packages',
  setup(build) {
    build.onResolve({ filter: JSON_PACKAGES }, (args) => ({ path: require.resolve(args.path) }));
  },
};
