import { describe, expect, it } from 'vitest';
import { readTntpNodes } from '../../../src/traffic/io/readTntpNodes.ts';
import { bundledTransportPath } from '../../../src/traffic/io/loadBundledNetwork.ts';
import { writeTemp } from './tntpFixture.ts';

describe('readTntpNodes', () => {
  it('reads the bundled Sioux Falls coordinates (header skipped)', () => {
    const nodes = readTntpNodes(bundledTransportPath('SiouxFalls/SiouxFalls_node.tntp'));
    expect(nodes.length).toBe(24);
    expect(nodes[0]).toEqual({ node: 1, x: -96.77041974, y: 43.61282792 });
  });
  it('reads files without a header or terminators', () => {
    expect(readTntpNodes(writeTemp('n.tntp', '1 0 0\n2 3.5 -1\n'))).toEqual([{ node: 1, x: 0, y: 0 }, { node: 2, x: 3.5, y: -1 }]);
  });
  it.each([
    ['too few columns', 'Node X Y ;\n1 2 ;\n', /line 2 = "1 2 ;": expected "node X Y"/],
    ['a non-number', 'Node X Y ;\n1 2 north ;\n', /line 2: Y = "north": not a number/],
    ['a repeated node', '1 0 0\n1 2 2\n', /line 2: node = 1: repeated node/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => readTntpNodes(writeTemp('n.tntp', text))).toThrow(message);
  });
});
