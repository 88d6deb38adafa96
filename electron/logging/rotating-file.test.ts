import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotatingFile } from './rotating-file.js';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rotating-file-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('openRotatingFile', () => {
  it('appends to an existing file and creates missing folders', () => {
    const file = path.join(dir, 'nested', 'app.log');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'old\n');
    const f = openRotatingFile({ file, maxBytes: 1000, maxFiles: 3 });
    f.write('new\n');
    f.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('old\nnew\n');
  });

  it('rotates tailably: newest in app.log, older in app1.log, app2.log; keeps maxFiles files', () => {
    const f = openRotatingFile({ file: path.join(dir, 'app.log'), maxBytes: 10, maxFiles: 3 });
    for (const line of ['aaaa\n', 'bbbb\n', 'cccc\n', 'dddd\n', 'eeee\n', 'ffff\n', 'gggg\n']) f.write(line);
    f.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['app.log', 'app1.log', 'app2.log']);
    expect(read('app.log')).toBe('gggg\n');
    expect(read('app1.log')).toBe('eeee\nffff\n');
    expect(read('app2.log')).toBe('cccc\ndddd\n');
  });

  it('never splits a line, even one longer than maxBytes', () => {
    const f = openRotatingFile({ file: path.join(dir, 'app.log'), maxBytes: 8, maxFiles: 2 });
    f.write('a very long line indeed\n');
    f.write('x\n');
    f.close();
    expect(read('app1.log')).toBe('a very long line indeed\n');
    expect(read('app.log')).toBe('x\n');
  });

  it('with maxFiles 1 starts the file afresh when it is full', () => {
    const f = openRotatingFile({ file: path.join(dir, 'app.log'), maxBytes: 6, maxFiles: 1 });
    f.write('1234\n');
    f.write('5678\n');
    f.close();
    expect(fs.readdirSync(dir)).toEqual(['app.log']);
    expect(read('app.log')).toBe('5678\n');
  });

  it('refuses writes after close; close is idempotent', () => {
    const f = openRotatingFile({ file: path.join(dir, 'app.log'), maxBytes: 100, maxFiles: 2 });
    f.close();
    f.close();
    expect(() => f.write('late\n')).toThrow(/closed/);
  });

  it('applies new limits (the retention settings): fewer files are removed at once, the size at the next write', () => {
    const f = openRotatingFile({ file: path.join(dir, 'app.log'), maxBytes: 10, maxFiles: 4 });
    for (const line of ['aaaa\n', 'bbbb\n', 'cccc\n', 'dddd\n', 'eeee\n', 'ffff\n', 'gggg\n']) f.write(line);
    expect(fs.readdirSync(dir).sort()).toEqual(['app.log', 'app1.log', 'app2.log', 'app3.log']);
    f.setLimits({ maxBytes: 100, maxFiles: 2 });
    expect(fs.readdirSync(dir).sort()).toEqual(['app.log', 'app1.log']);
    for (const line of ['hhhh\n', 'iiii\n', 'jjjj\n']) f.write(line);
    f.close();
    expect(read('app.log')).toBe('gggg\nhhhh\niiii\njjjj\n');
  });
});
