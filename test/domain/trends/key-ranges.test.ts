// A viewer's survey is kept as per-project ranges of issue numbers (src/domain/trends/key-ranges):
// what goes in comes back, in Jira's key order, and a whole project is a few bytes.
import fc from 'fast-check';
import { decodeKeyRanges, encodeKeyRanges } from '../../../src/domain/trends';

describe('issue keys as ranges', () => {
  it('writes a project with holes as ranges and reads it back in key order', () => {
    const keys = ['IMP-1', 'IMP-2', 'IMP-3', 'IMP-5', 'IMP-7', 'IMP-8', 'ONB-10'];
    expect(encodeKeyRanges(keys)).toEqual({ IMP: '1-3,5,7-8', ONB: '10' });
    expect(decodeKeyRanges({ IMP: '1-3,5,7-8', ONB: '10' })).toEqual(keys);
  });

  it('keeps 100,000 keys of whole projects in a few bytes', () => {
    const keys = [
      ...Array.from({ length: 60_000 }, (_, i) => `IMP-${i + 1}`),
      ...Array.from({ length: 40_000 }, (_, i) => `ONB-${i + 1}`),
    ];
    const ranges = encodeKeyRanges(keys);
    expect(ranges).toEqual({ IMP: '1-60000', ONB: '1-40000' });
    expect(decodeKeyRanges(ranges ?? {})).toEqual(keys);
  });

  it('gives back exactly the set it was given, projects in the order they came, numbers ascending', () => {
    const key = fc
      .tuple(fc.constantFrom('IMP', 'ONB', 'ENT', 'A_1'), fc.integer({ min: 1, max: 400 }))
      .map(([p, n]) => `${p}-${n}`);
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const back = decodeKeyRanges(encodeKeyRanges(keys) ?? {});
        expect(new Set(back)).toEqual(new Set(keys));
        expect(back).toHaveLength(new Set(keys).size);
        const projects = [...new Set(keys.map((k) => k.split('-')[0]))];
        const expected = projects.flatMap((p) =>
          [...new Set(keys.filter((k) => k.split('-')[0] === p).map((k) => Number(k.split('-')[1])))]
            .sort((a, b) => a - b)
            .map((n) => `${p}-${n}`),
        );
        expect(back).toEqual(expected);
      }),
    );
  });

  it('declines keys that are not PROJ-123, and refuses text it did not write', () => {
    expect(encodeKeyRanges(['IMP-1', 'imp-2'])).toBeNull();
    expect(() => decodeKeyRanges({ IMP: '5-3' })).toThrow('Not a range of issue numbers: "5-3"');
    expect(() => decodeKeyRanges({ IMP: 'x' })).toThrow('Not a range of issue numbers: "x"');
  });
});
