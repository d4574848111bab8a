import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mermaidOf } from '../lib/links/mermaid';
import { synthStage } from '../lib/synth/render';
import { diagramBlock } from '../scripts/diagrams';
import { cli, scratch } from './support/cli';

const tmp = scratch('diagram');

describe('npm run synth -- --format mermaid', () => {
  it('prints the diagram of the stage, the one the pages show, and writes nothing', async () => {
    const outdir = tmp.next();
    const result = await cli(['--stage', 'ha', '--format', 'mermaid', '--outdir', outdir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(`\`\`\`mermaid\n${result.out}\`\`\``).toBe(diagramBlock('ha'));
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it('takes the flags and the values file synth takes', async () => {
    const values = path.join(tmp.root, 'values.yaml');
    fs.writeFileSync(values, 'networkPolicy: true\nsmtpFrom:\n  - podSelector: { matchLabels: { app: shop } }\n');
    const result = await cli(['--stage', 'hardened', '--values', values, '--namespace', 'mail', '--format', 'mermaid']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('subgraph ns1["namespace mail"]');
    expect(result.out).toContain('(["pods app=shop in mail"])');
    expect(result.out).toMatch(/-->\|"admitted on 1025"\|/);
    expect(result.out).toMatch(/-->\|"guards"\|/);
  });

  it('draws a class as its shared database and one student', async () => {
    const result = await cli(['--stage', 'ha', '--students', 'ann,bob', '--format', 'mermaid']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('["namespace mailpit-rqlite"]');
    expect(result.out).toContain('["namespace mailpit-ann"]');
    expect(result.out).not.toContain('mailpit-bob');
    expect(result.out).toMatch(/-->\|"MP_DATABASE :4001"\|/);
  });

  it('refuses another format, as any bad flag', async () => {
    const result = await cli(['--format', 'svg']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: option '--format <format>' argument 'svg' is invalid\. Allowed choices are yaml, mermaid\.\n$/);
  });
});

describe('mermaidOf', () => {
  it('draws each link the manifests hold: Ingress to Service to pods to claim to volume', () => {
    const text = mermaidOf(synthStage('pvc-secure'));
    expect(text).toContain('n1[("PersistentVolume<br/>pv-mailpit")]');
    expect(text).toContain('n4 -->|"maildir"| n2');
    expect(text).toContain('n3 -->|"smtp, http"| n4');
    expect(text).toContain('n5 -->|"mailpit.test/"| n3');
    expect(text).toContain('n2 -->|"hostPath /tmp/pv-mailpit"| n1');
  });

  it('draws no link that does not resolve, and dashes what the manifests only name', () => {
    const objects = synthStage('config').map((o: any) => (o.kind === 'Service' ? { ...o, spec: { ...o.spec, selector: { app: 'other' } } } : o));
    const text = mermaidOf(objects);
    expect(text).not.toMatch(/-->\|"smtp, http"\|/);
    expect(text).toMatch(/n(\d+)\["Secret<br\/>mailpit-auth<br\/><i>existing<\/i>"\][\s\S]*class n\1 external/);
  });
});
