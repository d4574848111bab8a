import { synthClassroom } from '../lib/classroom/render';
import { mermaidOf } from '../lib/links/mermaid';
import { STAGE_NAMES } from '../lib/stages/names';
import { type KubeObject, synthStage } from '../lib/synth/render';

// The diagrams the pages show, each what `npm run synth -- ... --format mermaid` prints: every
// stage with its defaults, and a class of two students on rqlite (the shared database and one
// student). A page asks for one with a `<!-- diagram:NAME:start -->` ... `:end -->` section.

/** The class the pages draw: the command line's `--stage ha --students ann,bob`. */
export const CLASS_DIAGRAM = { stage: 'ha', students: ['ann', 'bob'] } as const;

/** The objects each diagram draws, by name. */
export const DIAGRAMS: Readonly<Record<string, () => readonly KubeObject[]>> = {
  ...Object.fromEntries(STAGE_NAMES.map((stage) => [stage, () => synthStage(stage, {})])),
  'class-ha': () => {
    const files = synthClassroom({ stage: CLASS_DIAGRAM.stage, students: [...CLASS_DIAGRAM.students] });
    const shared = files.length - CLASS_DIAGRAM.students.length;
    return files.slice(0, shared + 1).flatMap((file) => file.objects);
  },
};

/** A diagram as a Mermaid block of Markdown. */
export function diagramBlock(name: string): string {
  const objects = DIAGRAMS[name];
  if (objects === undefined) {
    throw new Error(`no diagram ${name}: the diagrams are ${Object.keys(DIAGRAMS).join(', ')}`);
  }
  return `\`\`\`mermaid\n${mermaidOf(objects())}\`\`\``;
}

/** The names of the diagram sections of a page, in order. */
export function diagramSections(text: string): string[] {
  return [...text.matchAll(/<!-- diagram:([a-z0-9-]+):start -->/g)].map((match) => match[1]);
}
