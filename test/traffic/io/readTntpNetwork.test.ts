import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { readTntpNetwork } from '../../../src/traffic/io/readTntpNetwork.ts';
import { GOOD_LINKS, tntpNet, writeTemp } from './tntpFixture.ts';

describe('readTntpNetwork', () => {
  it('reads metadata, links, comments and terminators', () => {
    const path = writeTemp('tiny_net.tntp', tntpNet(GOOD_LINKS));
    const net = readTntpNetwork(path, { tollFactor: 0.5, distanceFactor: 2, lengthUnitKm: 2 });
    expect(net.name).toBe('tiny');
    expect(net.source).toBe(path);
    expect([...net.nodeIds]).toEqual([1, 2, 3, 4]);
    expect(net.zoneCount).toBe(2);
    expect(net.firstThruNode).toBe(3);
    expect(net.from.length).toBe(5);
    expect([net.from[3], net.to[3], net.capacity[3], net.freeFlowMin[3], net.toll[3]]).toEqual([2, 1, 500, 5, 3]);
    expect(net.lengthKm[3]).toBe(4); // 2 file units × 2 km
    expect(net.distanceFactor).toBe(1); // 2 min per file unit = 1 min per km
    expect(net.tollFactor).toBe(0.5);
  });

  it('reads CRLF files without a final newline and extra columns (Nguyen-Dupuis style)', () => {
    const text = tntpNet(GOOD_LINKS.map((l) => l.replace('\t;', '\t0.3\t;'))).trimEnd().replace(/\n/g, '\r\n');
    const net = readTntpNetwork(writeTemp('crlf_net.txt', text));
    expect(net.from.length).toBe(5);
    expect(net.name).toBe('crlf');
  });

  it('defaults <FIRST THRU NODE> to 1 and honours an override', () => {
    const path = writeTemp('a_net.tntp', tntpNet(GOOD_LINKS, { 'FIRST THRU NODE': '' }));
    expect(readTntpNetwork(path).firstThruNode).toBe(1);
    expect(readTntpNetwork(path, { firstThruNode: 3 }).firstThruNode).toBe(3);
  });

  const bad: [string, string[], Partial<Record<string, string>>, RegExp][] = [
    ['a malformed line (non-number)', [GOOD_LINKS[0], '\t3\t4\tlots\t1\t2\t0.15\t4\t0\t0\t1\t;'], {}, /line 9: capacity = "lots": not a number/],
    ['a malformed line (too few columns)', ['\t1\t3\t1000\t1\t;'], {}, /line 8 = "1.+;": expected 10 columns/],
    ['a link to an unknown node', ['\t1\t9\t1000\t1\t2\t0.15\t4\t0\t0\t1\t;'], {}, /line 8: term_node = 9: unknown node \(nodes are 1…4\)/],
    ['a negative capacity', ['\t1\t3\t-5\t1\t2\t0.15\t4\t0\t0\t1\t;'], {}, /line 8: capacity = -5: must be ≥ 0/],
    ['a negative free-flow time', ['\t1\t3\t5\t1\t-2\t0.15\t4\t0\t0\t1\t;'], {}, /line 8: free_flow_time = -2: must be ≥ 0/],
    ['a wrong link count', GOOD_LINKS, { 'NUMBER OF LINKS': '7' }, /<NUMBER OF LINKS> = 7: but the file has 5 link lines/],
    ['missing metadata', GOOD_LINKS, { 'NUMBER OF NODES': '' }, /<NUMBER OF NODES>: missing from the metadata/],
  ];
  it.each(bad)('rejects %s with file, line, field and value', (_name, links, header, message) => {
    const path = writeTemp('bad_net.tntp', tntpNet(links, header));
    expect(() => readTntpNetwork(path)).toThrow(InputError);
    expect(() => readTntpNetwork(path)).toThrow(message);
    expect(() => readTntpNetwork(path)).toThrow(path);
  });

  it('rejects a file without <END OF METADATA> and a missing file', () => {
    expect(() => readTntpNetwork(writeTemp('x_net.tntp', '<NUMBER OF NODES> 3\n'))).toThrow('<END OF METADATA>: missing');
    expect(() => readTntpNetwork('/nonexistent/x_net.tntp')).toThrow('/nonexistent/x_net.tntp: file not found');
  });
});
