// Lets a child process run TypeScript from source, as jest does (`node -r <this> file.ts`):
// tests use it to run a second process against the same database, without a build.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, for `node -r` */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
