// Loaded by each example's app command (cdk8s.yaml): the examples import the library from
// '../../src', which keeps their tests and type-check on the source, but `cdk8s synth` runs
// them against the compiled library in lib/, as an app repo runs the installed package.
// Transpiling src/ on every synth would take most of its time. `npm run synth:examples`
// compiles lib/ first; without lib/ the source is used.
const fs = require('fs');
const Module = require('module');
const path = require('path');

const src = path.join(__dirname, '..', 'src');
const lib = path.join(__dirname, '..', 'lib');

if (fs.existsSync(path.join(lib, 'index.js'))) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const target = parent && request.startsWith('.') ? path.resolve(path.dirname(parent.filename), request) : undefined;
    const inSource = target !== undefined && (target === src || target.startsWith(src + path.sep));
    return resolve.call(this, inSource ? lib + target.slice(src.length) : request, parent, ...rest);
  };
}
