import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { STUDENT_RULES } from '../lib/classroom/classroom';
import { DEFAULT_STUDENT_QUOTA } from '../lib/classroom/options';
import { STAGE_NAMES } from '../lib/stages';
import { STAGE_FILE_NAME } from '../lib/synth/render';
import { cli, scratch } from './support/cli';
import { shellWords, type SimTable, SimulatedNamespace } from './support/kubectl';
import { printedTables, tableProblems } from './support/outputs';

// The lab sheets of TD 8 to TD 10 (labs/): every manifest they show is what `npm run synth` writes
// for the command named above it, and their kubectl commands, replayed in order against one
// simulated namespace, find the names, labels and ports they use, start their pods, stay within
// the class quota, and pass the student Role. TD 8 starts where TD 7 ends (pvc-secure applied),
// and each sheet where the previous one left the namespace: its cleanup steps must handle it.

const LABS = path.resolve(__dirname, '..', 'labs');
const out = scratch('labs');

/** The sheets, in the order of the course. */
const SHEETS = [{ file: 'td8-configmap-secret.md' }, { file: 'td9-statefulset.md' }, { file: 'td10-strategies.md' }] as const;

/** TD 7's end, where TD 8 starts. */
const TD7_END = ['npm run synth -- --stage pvc-secure', 'kubectl apply -f dist'];

/** One student's namespace through the whole course, as a class gives it. */
const namespace = new SimulatedNamespace({ rules: STUDENT_RULES, quota: DEFAULT_STUDENT_QUOTA });

const synthesized = new Map<string, string>();

/** What `npm run synth -- <flags>` writes to dist/mailpit.k8s.yaml. */
async function synth(flags: string): Promise<string> {
  let text = synthesized.get(flags);
  if (text === undefined) {
    const outdir = out.next();
    const result = await cli([...shellWords(flags), '--outdir', outdir]);
    expect(result.err, flags).toBe('');
    text = fs.readFileSync(path.join(outdir, STAGE_FILE_NAME), 'utf8');
    synthesized.set(flags, text);
  }
  return text;
}

/** The objects of a manifest file, each as its own text, without the header comment. */
function objectTexts(text: string): string[] {
  return text
    .replace(/^#.*\n/, '')
    .split(/^---\n/m)
    .map((part) => part.trimEnd());
}

interface Fence {
  readonly info: string;
  readonly body: string;
  /** The last line of text before the fence. */
  readonly before: string;
  readonly line: number;
}

function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    expect(end, `unclosed fence at line ${i + 1}`).toBeGreaterThan(i);
    const before =
      lines
        .slice(0, i)
        .reverse()
        .find((line) => line.trim() !== '') ?? '';
    found.push({ info: open[1], body: lines.slice(i + 1, end).join('\n'), before, line: i + 1 });
    i = end;
  }
  return found;
}

/** The shell commands of a bash block, with continuations joined and heredoc bodies skipped. */
function commands(body: string): string[] {
  const result: string[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i].trim()}`;
    const heredoc = /<<-?\s*'?(\w+)'?/.exec(line);
    if (heredoc) {
      while (i + 1 < lines.length && lines[i + 1].trim() !== heredoc[1]) i++;
      i++;
    }
    if (line.trim() !== '' && !line.trim().startsWith('#')) result.push(line.trim());
  }
  return result;
}

/**
 * Replays shell commands in a namespace: npm run synth fills dist/, kubectl acts. Returns the
 * problems, and the table each `kubectl get` prints, as the namespace holds it then.
 */
async function replay(ns: SimulatedNamespace, lines: readonly string[]): Promise<{ problems: string[]; tables: { line: string; table: SimTable }[] }> {
  const problems: string[] = [];
  const tables: { line: string; table: SimTable }[] = [];
  for (const line of lines) {
    const synthFlags = /^npm run synth -- (.*)$/.exec(line);
    if (synthFlags) {
      ns.synthesized(parseAllDocuments(await synth(synthFlags[1])).map((doc) => doc.toJS()));
    } else if (line.startsWith('kubectl ')) {
      problems.push(...ns.run(line).map((problem) => `${line}: ${problem}`));
      const table = ns.table(line);
      if (table) tables.push({ line, table });
    } else if (/\bkubectl\b/.test(line)) {
      problems.push(`${line}: kubectl in the middle of a line is not replayed; start the line with it`);
    }
  }
  return { problems, tables };
}

/** The expected output shown after a bash block: the next plain block, before any other bash block. */
function outputAfter(blocks: readonly Fence[], index: number): Fence | undefined {
  const next = blocks.slice(index + 1).find((b) => b.info === 'bash' || (b.info === '' && /Sortie attendue|Exemple de sortie/.test(b.before)));
  return next?.info === '' ? next : undefined;
}

describe.each(SHEETS)('the lab sheet $file', ({ file }) => {
  const markdown = fs.readFileSync(path.join(LABS, file), 'utf8');
  const blocks = fences(markdown);

  it('has the structure of TD 7: a title, numbered steps, expected output, and a conclusion', () => {
    expect(markdown).toMatch(/^# TD \d+ — /);
    // Headings outside the code blocks, where `#` starts a shell comment.
    const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
    for (const part of prose.split(/^# /m).slice(1)) {
      const numbers = [...part.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
      expect(numbers.length, part.split('\n')[0]).toBeGreaterThan(2);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
    const headings = [...prose.matchAll(/^## \d+\. (.*)$/gm)].map((m) => m[1]);
    expect(headings[headings.length - 1]).toMatch(/^Conclusion/);
    expect((markdown.match(/Sortie attendue/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter((b) => b.info === 'bash').length).toBeGreaterThan(3);
  });

  it('shows only synthesized manifests, each under the command that makes it', async () => {
    const yamlBlocks = blocks.filter((b) => b.info === 'yaml');
    expect(yamlBlocks.length).toBeGreaterThan(0);
    for (const block of yamlBlocks) {
      const marker = /^<!-- manifest: (--stage [^>]*?) -->$/.exec(block.before);
      expect(marker, `the yaml block at line ${block.line} has no <!-- manifest: ... --> line above it`).not.toBeNull();
      const synthesized = objectTexts(await synth(marker![1]));
      const shown = objectTexts(block.body);
      const at = shown.map((object) => synthesized.indexOf(object));
      expect(at, `line ${block.line}: every object as \`npm run synth -- ${marker![1]}\` writes it`).not.toContain(-1);
      expect(at, `line ${block.line}: in the order of the file`).toEqual([...at].sort((a, b) => a - b));
    }
    expect(markdown.match(/<!-- manifest:/g)?.length).toBe(yamlBlocks.length);
  });

  it('replays its kubectl commands after the previous TD: names, labels, ports, Secrets, claims, the quota and the student Role; each table it shows is what the namespace holds', async () => {
    if (file === SHEETS[0].file) {
      expect((await replay(namespace, TD7_END)).problems).toEqual([]);
    }
    const problems: string[] = [];
    let kubectlLines = 0;
    let checkedTables = 0;
    for (const [i, block] of blocks.entries()) {
      if (block.info !== 'bash') continue;
      const lines = commands(block.body);
      kubectlLines += lines.filter((line) => line.startsWith('kubectl ')).length;
      const replayed = await replay(namespace, lines);
      problems.push(...replayed.problems);
      // The tables the commands print, in order, against those the expected output shows.
      const output = outputAfter(blocks, i);
      const shown = output ? printedTables(output.body) : [];
      if (shown.length !== replayed.tables.length && output) {
        problems.push(`line ${output.line}: the output shows ${shown.length} tables, the block's kubectl get print ${replayed.tables.length}`);
        continue;
      }
      const volumes = namespace.table('kubectl get pv')!.rows.map((row) => row.name);
      shown.forEach((printed, t) => {
        problems.push(...tableProblems(replayed.tables[t].table, printed, volumes).map((problem) => `line ${output!.line}, ${replayed.tables[t].line}: ${problem}`));
        checkedTables++;
      });
    }
    expect(kubectlLines).toBeGreaterThan(5);
    expect(checkedTables).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('labs/README.md', () => {
  const readme = fs.readFileSync(path.join(LABS, 'README.md'), 'utf8');

  it('maps every stage to its sheet', () => {
    for (const stage of STAGE_NAMES) {
      expect(readme, stage).toMatch(new RegExp(`\`${stage}\``));
    }
    for (const { file } of SHEETS) {
      expect(readme).toContain(`(${file}`);
    }
  });
});
