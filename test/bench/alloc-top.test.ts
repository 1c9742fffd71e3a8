import t from 'tap';
import { allocationsByFunction } from '../../bench/alloc-top.js';

const frame = (functionName: string, lineNumber: number) => ({
  functionName,
  scriptId: '1',
  url: 'file:///work/app/dist/src/rooms/batcher.js',
  lineNumber,
  columnNumber: 0,
});

t.test('sampled bytes are summed per function wherever it appears in the tree', async (t) => {
  const bytes = allocationsByFunction({
    head: {
      callFrame: frame('(root)', -1),
      selfSize: 0,

      children: [
        { callFrame: frame('enqueue', 75), selfSize: 300, children: [] },
        {
          callFrame: frame('flush', 120),
          selfSize: 100,

          children: [{ callFrame: frame('enqueue', 75), selfSize: 200, children: [] }],
        },
      ],
    },
  });
  t.equal(bytes.get('enqueue dist/src/rooms/batcher.js:76'), 500, 'both call sites of enqueue');
  t.equal(bytes.get('flush dist/src/rooms/batcher.js:121'), 100);
});
