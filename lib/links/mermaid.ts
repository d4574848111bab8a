import type { KubeObject } from '../synth/render';
import { type Existing, type GraphNode, linkGraph } from './graph';

// A Mermaid flowchart of what a set of manifests deploys: one box per object, grouped by
// namespace, and one arrow per link that lib/links/graph.ts reads from the manifests. Objects the
// manifests only name (an existing Secret, a source of traffic) are dashed.

/** Kinds that deploy nothing of their own to draw: the namespace is the box around the others. */
const UNDRAWN = new Set(['Namespace']);

/** Storage is drawn as a cylinder, traffic from elsewhere as a rounded box, the rest as boxes. */
function shape(node: GraphNode, label: string): string {
  if (node.kind === 'PersistentVolume' || node.kind === 'PersistentVolumeClaim' || node.kind === 'rqlite') {
    return `[("${label}")]`;
  }
  if (node.kind === 'peer' || node.kind === 'ipBlock' || node.kind === 'User' || node.kind === 'Group' || node.kind === 'ServiceAccount') {
    return `(["${label}"])`;
  }
  return `["${label}"]`;
}

/** Mermaid reads `"` and `#` in a label; names never hold them, sources may. */
const text = (value: string) => value.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

function labelOf(node: GraphNode): string {
  switch (node.kind) {
    case 'peer':
      return text(node.name);
    case 'ipBlock':
      return `ipBlock ${text(node.name)}`;
    default:
      return `${node.kind}<br/>${text(node.name)}${node.external ? '<br/><i>existing</i>' : ''}`;
  }
}

/** The Mermaid flowchart of `objects`: nodes in the order of the manifests, then what they name. */
export function mermaidOf(objects: readonly KubeObject[], existing: Existing = {}): string {
  const graph = linkGraph(objects, existing);
  const nodes = graph.nodes.filter((node) => !UNDRAWN.has(node.kind));
  const ids = new Map(nodes.map((node, i) => [node.key, `n${i + 1}`]));
  const lines = ['flowchart LR'];
  const namespaces = [...new Set(nodes.map((node) => node.namespace).filter((ns): ns is string => ns !== undefined))];
  const declare = (node: GraphNode, indent: string) => `${indent}${ids.get(node.key)}${shape(node, labelOf(node))}`;
  namespaces.forEach((namespace, i) => {
    lines.push(`  subgraph ns${i + 1}["namespace ${text(namespace)}"]`);
    lines.push(...nodes.filter((node) => node.namespace === namespace).map((node) => declare(node, '    ')));
    lines.push('  end');
  });
  lines.push(...nodes.filter((node) => node.namespace === undefined).map((node) => declare(node, '  ')));
  for (const link of graph.links) {
    const from = ids.get(link.from);
    const to = ids.get(link.to);
    if (from !== undefined && to !== undefined) {
      lines.push(`  ${from} -->|"${text(link.label)}"| ${to}`);
    }
  }
  const external = nodes.filter((node) => node.external).map((node) => ids.get(node.key));
  if (external.length > 0) {
    lines.push('  classDef external stroke-dasharray: 4 4');
    lines.push(`  class ${external.join(',')} external`);
  }
  return `${lines.join('\n')}\n`;
}
