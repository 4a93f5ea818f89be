import path from 'node:path';

const parent = path.resolve(__dirname, '..');

/** The repository root, whether this runs from source (tests) or from dist/ (built). */
export const ROOT_DIR = path.basename(parent) === 'dist' ? path.dirname(parent) : parent;

/** The root of the built JavaScript that services run from. */
export const DIST_DIR = path.join(ROOT_DIR, 'dist');

export const SCHEMA_DIR = path.join(ROOT_DIR, 'schema');
