/** Test helper: write a small TNTP file into a fresh temporary folder and return its path. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-tntp-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A 4-node TNTP network: zones 1-2, first thru node 3; `links` are the body lines. */
export function tntpNet(links: string[], header: Partial<Record<string, string>> = {}): string {
  const meta = { 'NUMBER OF ZONES': '2', 'NUMBER OF NODES': '4', 'FIRST THRU NODE': '3', 'NUMBER OF LINKS': String(links.length), ...header };
  return [
    ...Object.entries(meta).filter(([, v]) => v !== '').map(([k, v]) => `<${k}> ${v}`),
    '<END OF METADATA>',
    '',
    '~\tinit_node\tterm_node\tcapacity\tlength\tfree_flow_time\tb\tpower\tspeed\ttoll\tlink_type\t;',
    ...links,
    '',
  ].join('\n');
}

export const GOOD_LINKS = [
  '\t1\t3\t1000\t1\t2\t0.15\t4\t0\t0\t1\t;',
  '\t3\t4\t1000\t1\t2\t0.15\t4\t0\t0\t1\t;',
  '\t4\t2\t1000\t1\t2\t0.15\t4\t0\t0\t1\t;',
  '\t3\t2\t500\t2\t5\t0.15\t4\t0\t3\t1\t; ~ a comment',
  '\t2\t1\t500\t2\t5\t0.15\t4\t0\t0\t1\t;',
];
