/**
 * For tests only: runs TypeScript sources of this repository in separate Node processes, compiled
 * on the fly by @swc/core (a dev dependency, loaded only inside the child), so that tests can
 * race real processes without building dist/ first.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../paths';

const HOOK = `
const fs = require('node:fs');
const swc = require(require.resolve('@swc/core', { paths: [${JSON.stringify(ROOT_DIR)}] }));
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`;

let hookFile: string | undefined;

/** The hook as a file named by its content, so every test run shares one and none is left over. */
function hook(): string {
  if (!hookFile) {
    const digest = createHash('sha256').update(HOOK).digest('hex').slice(0, 16);
    const file = path.join(tmpdir(), `hub-ts-hook-${digest}.js`);
    if (!existsSync(file)) {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, HOOK);
      renameSync(temporary, file);
    }
    hookFile = file;
  }
  return hookFile;
}

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node -r <swc hook> ...args` from the repository root, e.g. a `.ts` script with its
 * arguments or `-e <code>` that requires `.ts` modules. `env` is the child's whole environment,
 * so a developer's settings cannot leak in.
 */
export function runTypeScript(
  args: string[],
  env: Record<string, string> = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', hook(), ...args], {
      cwd: ROOT_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
