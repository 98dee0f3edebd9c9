import { droppedEmpties } from './output';

describe('droppedEmpties', () => {
  test('finds empty lists, empty maps and nulls, with their paths', () => {
    expect(droppedEmpties({ spec: { externalIPs: [], a: {}, b: null, c: [{ d: [] }], e: 'x', f: 0, g: false } }, 'Service/s')).toEqual([
      'Service/s.spec.externalIPs: []', 'Service/s.spec.a: {}', 'Service/s.spec.b: null', 'Service/s.spec.c[0].d: []',
    ]);
  });

  test('leaves the empty values Kubernetes keeps', () => {
    expect(droppedEmpties({ volumes: [{ name: 'tmp', emptyDir: {} }], ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }, 'x')).toEqual([]);
  });
});
