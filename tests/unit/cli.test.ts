import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The tests run the built CLI, as users and scripts do; `npm test` builds first.
const cli = join(import.meta.dirname, '../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'chiplens-cli-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('chiplens scan --json', () => {
  it('reports mentions with UTF-16 offsets into the file text, and entities with sentences', () => {
    const text = '英伟达H20芯片。 Nvidia sells the H20 in China; Huawei’s Ascend 910C competes with it.';
    const result = run('scan', write('news.txt', text), '--json');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    for (const m of output.mentions) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(['chip', 'arch', 'tech', 'org', 'policy']).toContain(m.kind);
      expect(typeof m.id).toBe('string');
      expect(typeof m.name).toBe('string');
    }
    const texts = output.mentions.map((m: { text: string }) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['英伟达', 'H20', 'Nvidia', 'Huawei', 'Ascend 910C']));
    const h20 = output.entities.find((e: { id: string }) => e.id === output.mentions.find((m: { text: string }) => m.text === 'H20').id);
    expect(h20.count).toBe(2);
    expect(h20.sentences[0]).toEqual({ start: 0, end: 9, text: '英伟达H20芯片。' });
  });

  it('reads the visible text of an HTML file, not its scripts, styles or hidden parts', () => {
    const html = `<html><head><title>H100</title><style>.H100{}</style></head><body>
      <p>Huawei ships the Ascend <b>910C</b>.</p><script>var MI300X = 1;</script>
      <div hidden>Gaudi 3</div><p style="display:none">B200</p><p>AMD's MI300X sells.</p></body></html>`;
    const result = run('scan', write('page.html', html), '--json');
    expect(result.status).toBe(0);
    const texts = JSON.parse(result.stdout).mentions.map((m: { text: string }) => m.text);
    expect(texts).toEqual(['Huawei', 'Ascend 910C', 'AMD', 'MI300X']);
  });

  it('prints an empty result for a file with no chips', () => {
    const result = run('scan', write('plain.txt', 'We walked up the ridge and had lunch.'), '--json');
    expect(JSON.parse(result.stdout)).toEqual({ mentions: [], entities: [] });
  });
});

describe('chiplens scan summary', () => {
  it('lists each entity with its count and first sentence', () => {
    const result = run('scan', write('story.txt', 'The H20 is a China chip. Nvidia sold the H20 widely.'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/H20.*×2\s+The H20 is a China chip\./);
    expect(result.stdout).toMatch(/Nvidia.*×1/);
  });
});

describe('chiplens errors', () => {
  it.each([
    ['a missing file', [join(dir, 'nope.txt')], /^chiplens: no such file: .*nope\.txt\n$/],
    ['a directory', [dir], /^chiplens: .* is a directory, not a file\n$/],
    ['no file', [], /^chiplens: missing FILE/],
    ['an unknown option', ['x.txt', '--fast'], /^chiplens: unknown option --fast\n$/],
  ])('fails on %s with one line on stderr', (_, args, message) => {
    const result = run('scan', ...args);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('fails on an unreadable file', () => {
    // As root every permission bit is ignored, so use a file the kernel refuses to read instead.
    const asRoot = process.getuid?.() === 0;
    const path = asRoot ? '/proc/self/mem' : write('locked.txt', 'H20');
    if (!asRoot) chmodSync(path, 0o000);
    const result = run('scan', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(asRoot ? /^chiplens: cannot read \/proc\/self\/mem: / : /^chiplens: permission denied: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects an unknown command', () => {
    const result = run('scna', 'file.txt');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command "scna"/);
  });
});
