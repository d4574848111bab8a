import * as fs from 'node:fs';
import * as path from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';

// The relative links of Markdown pages, and whether each resolves: its file exists, and its anchor
// is a heading of that page as GitHub names it. Links in code are not links.

const markdown = new MarkdownIt({ html: true });

interface Token {
  readonly type: string;
  readonly tag: string;
  readonly content: string;
  readonly attrs: [string, string][] | null;
  readonly children: Token[] | null;
}

/** The link targets of a page, in order. */
export function linksOf(text: string): string[] {
  const walk = (tokens: readonly Token[]): string[] =>
    tokens.flatMap((token) => [...(token.type === 'link_open' ? (token.attrs ?? []).filter(([name]) => name === 'href').map(([, href]) => href) : []), ...walk(token.children ?? [])]);
  return walk(markdown.parse(text, {}) as Token[]);
}

/** The anchors of a page: its headings, as GitHub names them, and the ids of its HTML anchors. */
export function anchorsOf(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(text, {}) as Token[];
  const anchors = new Set<string>();
  const html = (content: string) => [...content.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)].forEach((match) => anchors.add(match[1]));
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      const plain = (inline.children ?? [])
        .filter((child) => child.type === 'text' || child.type === 'code_inline')
        .map((child) => child.content)
        .join('');
      anchors.add(slugger.slug(plain));
    }
    for (const child of [token, ...(token.children ?? [])]) {
      if (child.type === 'html_inline' || child.type === 'html_block') {
        html(child.content);
      }
    }
  });
  return anchors;
}

/** Where a relative link of `page` leads, or undefined for a link out of the project (http, mailto). */
function target(page: string, href: string): { file: string; anchor?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    return undefined;
  }
  const [file, anchor] = href.split('#', 2);
  return { file: file === '' ? page : path.normalize(path.join(path.dirname(page), decodeURIComponent(file))), anchor: anchor === undefined ? undefined : decodeURIComponent(anchor) };
}

/** Every relative link of the pages that does not resolve, as `page: href (why)`. */
export function brokenLinks(root: string, pages: readonly string[]): string[] {
  const broken: string[] = [];
  const anchors = new Map<string, Set<string>>();
  const anchorsIn = (file: string) => anchors.get(file) ?? anchors.set(file, anchorsOf(fs.readFileSync(file, 'utf8'))).get(file)!;
  for (const page of pages) {
    for (const href of linksOf(fs.readFileSync(path.join(root, page), 'utf8'))) {
      const to = target(page, href);
      if (to === undefined) {
        continue;
      }
      const file = path.join(root, to.file);
      if (!fs.existsSync(file)) {
        broken.push(`${page}: ${href} (no such file)`);
      } else if (to.anchor !== undefined && to.anchor !== '' && to.file.endsWith('.md') && !anchorsIn(file).has(to.anchor)) {
        broken.push(`${page}: ${href} (no heading #${to.anchor} in ${to.file})`);
      }
    }
  }
  return broken;
}

/** The Markdown pages reachable from `start` by relative links. */
export function reachable(root: string, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const page = queue.shift()!;
    for (const href of linksOf(fs.readFileSync(path.join(root, page), 'utf8'))) {
      const to = target(page, href);
      if (to?.file.endsWith('.md') && !seen.has(to.file) && fs.existsSync(path.join(root, to.file))) {
        seen.add(to.file);
        queue.push(to.file);
      }
    }
  }
  return seen;
}
