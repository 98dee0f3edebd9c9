import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectedFiles, writeProjectedVolume } from './volumes';

const data = new Map([['a.cfg', Buffer.from('a\n')], ['b.cfg', Buffer.from('b\n')]]);

describe('projectedFiles', () => {
  test('shows every key with the default mode', () => {
    expect(projectedFiles(data, undefined, 0o444).map(f => [f.path, f.mode])).toEqual([['a.cfg', 0o444], ['b.cfg', 0o444]]);
  });

  test('shows only the items, at their paths and modes', () => {
    const files = projectedFiles(data, [{ key: 'b.cfg', path: 'conf/b', mode: 0o400 }], 0o444);
    expect(files).toEqual([{ path: 'conf/b', content: Buffer.from('b\n'), mode: 0o400 }]);
  });

  test('fails on an item whose key is not in the data', () => {
    expect(() => projectedFiles(data, [{ key: 'c.cfg', path: 'c' }])).toThrow("key 'c.cfg' is not in the data (has: a.cfg, b.cfg)");
  });
});

describe('writeProjectedVolume', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projected-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('lays out the files as kubelet does: a timestamped directory, ..data and links through it', () => {
    writeProjectedVolume(dir, projectedFiles(data, [{ key: 'a.cfg', path: 'a.cfg' }, { key: 'b.cfg', path: 'conf/b' }]), undefined);
    expect(fs.readlinkSync(path.join(dir, 'a.cfg'))).toBe('..data/a.cfg');
    expect(fs.readlinkSync(path.join(dir, 'conf'))).toBe('..data/conf');
    expect(fs.readlinkSync(path.join(dir, '..data'))).toMatch(/^\.\.\d{4}_\d\d_\d\d_/);
    expect(fs.readFileSync(path.join(dir, 'conf', 'b'), 'utf8')).toBe('b\n');
  });

  test('gives each file its mode', () => {
    writeProjectedVolume(dir, projectedFiles(data, undefined, 0o440), undefined);
    expect(fs.statSync(path.join(dir, 'b.cfg')).mode % 0o1000).toBe(0o440);
  });
});
