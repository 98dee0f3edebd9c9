import { parseYaml } from '../../../../src/lint/private/input/yaml';

describe('parsing yaml', () => {
  test('numbers documents and gives the line each starts on', () => {
    // GIVEN a comment, then three documents, the second one empty
    const text = '# bundle\n---\nkind: A\n---\n---\n# note\nkind: C\n';
    // WHEN
    const docs = parseYaml(text, 'f.yaml');
    // THEN
    expect(docs.map(d => ({ document: d.document, line: d.line, value: d.value }))).toEqual([
      { document: 1, line: 3, value: { kind: 'A' } },
      { document: 2, line: 4, value: null },
      { document: 3, line: 7, value: { kind: 'C' } },
    ]);
  });

  test('a document without a marker before the first one is a document of its own', () => {
    const docs = parseYaml('kind: A\n---\nkind: B\n', 'f.yaml');
    expect(docs.map(d => [d.document, d.line, d.value])).toEqual([[1, 1, { kind: 'A' }], [2, 3, { kind: 'B' }]]);
  });

  test('an indented --- inside a block scalar does not split the document', () => {
    const docs = parseYaml('kind: ConfigMap\ndata:\n  a: |\n    x\n    ---\n    y\n', 'f.yaml');
    expect(docs).toHaveLength(1);
    expect((docs[0].value as any).data.a).toBe('x\n---\ny\n');
  });

  test('content on the marker line belongs to the document', () => {
    const docs = parseYaml('--- {kind: A}\n--- {kind: B}\n', 'f.yaml');
    expect(docs.map(d => d.value)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  test('an error names the document and the line in the file, also deep in a large bundle', () => {
    // GIVEN enough documents for several batches, the 2,000th broken
    const docs = Array.from({ length: 3000 }, (_, i) => (i === 1999 ? 'kind: [A\n' : `kind: A\nmetadata: {name: a${i}, labels: {x: "${'y'.repeat(100)}"}}\n`));
    // WHEN
    const parse = () => parseYaml(docs.join('---\n'), 'big.yaml');
    // THEN
    expect(parse).toThrow(/^big\.yaml: invalid yaml: document 2000: .* \(line 5999, column 1\)$/);
  });
});
