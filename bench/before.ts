import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Library } from './scenarios';

/**
 * The library as it was at the git commit `ref`: its `src/` is extracted into a temporary
 * directory (next to a link to this checkout's `node_modules`) and loaded through ts-node,
 * as the benchmark loads this checkout's, so that one run measures both versions alike.
 * The directory is removed when the process exits.
 */
export function libraryAt(ref: string): Library {
  const root = path.join(__dirname, '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-before-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const archive = execFileSync('git', ['archive', ref, 'src'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, 'src'));
}
