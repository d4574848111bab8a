import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, linksOf, reachable } from './support/markdown-links';

const ROOT = path.join(__dirname, '..');
const pagesIn = (folder: string) =>
  fs
    .readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${folder}/${name}`);
const PAGES = ['README.md', 'CHANGELOG.md', ...pagesIn('docs'), ...pagesIn('labs')];

describe('the links between the pages', () => {
  it('resolve: every relative link names a file, and every anchor a heading of it', () => {
    expect(brokenLinks(ROOT, PAGES)).toEqual([]);
  });

  it('reach every page of docs/ and every lab sheet from the README', () => {
    const seen = reachable(ROOT, 'README.md');
    expect(PAGES.filter((page) => !seen.has(page))).toEqual([]);
  });
});

describe('the link checker', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-links-'));
  const write = (page: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, page)), { recursive: true });
    fs.writeFileSync(path.join(root, page), text);
  };
  write('README.md', '# Top\n\nSee [a](docs/a.md#the-a-page), [b](docs/b.md), [c](docs/a.md#nowhere), [out](https://example.org/x.md), `[code](docs/none.md)`.\n');
  write('docs/a.md', '# The `a` page\n\n## Twice\n\n## Twice\n\nBack [home](../README.md#top), [twice](#twice-1).\n\n```md\n[in code](missing.md)\n```\n');
  write('docs/island.md', '# Nobody links here\n');

  it('finds a missing file and a missing anchor, not links out or in code', () => {
    expect(brokenLinks(root, ['README.md', 'docs/a.md'])).toEqual(['README.md: docs/b.md (no such file)', 'README.md: docs/a.md#nowhere (no heading #nowhere in docs/a.md)']);
  });

  it('names anchors as GitHub does, duplicates numbered', () => {
    expect([...anchorsOf(fs.readFileSync(path.join(root, 'docs/a.md'), 'utf8'))]).toEqual(['the-a-page', 'twice', 'twice-1']);
    expect(linksOf('[x](y.md) `[z](w.md)`')).toEqual(['y.md']);
  });

  it('finds a page nothing reaches', () => {
    expect([...reachable(root, 'README.md')].sort()).toEqual(['README.md', 'docs/a.md']);
  });
});
