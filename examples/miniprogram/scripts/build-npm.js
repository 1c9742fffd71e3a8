// Does what WeChat DevTools' 工具 → 构建 npm does for this project, for a machine without DevTools
// (and for the tests): every dependency in package.json whose package.json names a `miniprogram`
// directory (default miniprogram_dist) has that directory copied to miniprogram_npm/<name>/, where
// `require('<name>')` in a page finds it. Usage: node scripts/build-npm.js [output directory]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const project = path.resolve(__dirname, '..');
const out = path.resolve(process.argv[2] || path.join(project, 'miniprogram_npm'));
const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));

for (const name of Object.keys(dependencies)) {
  const manifest = require.resolve(name + '/package.json', { paths: [project] });
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const from = path.join(path.dirname(manifest), pkg.miniprogram || 'miniprogram_dist');
  if (!fs.existsSync(path.join(from, 'index.js'))) {
    throw new Error(name + ': ' + from + ' has no index.js; is the package built?');
  }
  fs.rmSync(path.join(out, name), { recursive: true, force: true });
  fs.cpSync(from, path.join(out, name), { recursive: true });
  process.stdout.write('miniprogram_npm/' + name + ' <- ' + path.relative(project, from) + '\n');
}
