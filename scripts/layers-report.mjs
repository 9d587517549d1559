// `npm run lint:layers`: the layers declared in eslint.config.mjs, and the arrows the code's
// imports draw between them (tests left out, as the lint rule leaves them out). Fails when an
// arrow runs against the layers, apart from the known ones being removed (KNOWN_WRONG_WAY).
// With --mermaid it prints the arrows as a Mermaid drawing instead.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { KNOWN_WRONG_WAY, LAYERS } from '../eslint.config.mjs';

const require = createRequire(import.meta.url);
const { prepareLayers, importOf, judge, excusing, IMPORT_NODES, toPosix } = require('./eslint-layers.cjs');

const root = new URL('..', import.meta.url).pathname;
const layers = prepareLayers(LAYERS);
const isChecked = (file) =>
  /\.tsx?$/.test(file) && !/\.(spec|test)\.ts$/.test(file) && !file.endsWith('.d.ts') && !file.startsWith('web/dist/');

function* walk(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* walk(path);
    } else if (isChecked(path)) yield path;
  }
}

/** Every import of a file, found by the same AST walk as the lint rule. */
function importsOf(file) {
  const found = [];
  const collect = {
    create: () => Object.fromEntries(IMPORT_NODES.map((type) => [type, (node) => found.push(importOf(node))])),
  };
  const config = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { layers: { rules: { collect } } },
      rules: { 'layers/collect': 'error' },
    },
  ];
  const messages = new Linter({ cwd: root }).verify(readFileSync(join(root, file), 'utf8'), config, {
    filename: join(root, file),
  });
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return found.filter(Boolean);
}

const arrows = new Map();
const against = [];
const known = [];
for (const file of [...walk('src'), ...walk('web')].map(toPosix)) {
  for (const imported of importsOf(file)) {
    const verdict = judge(file, imported, layers);
    if (!verdict.from) continue;
    if (verdict.breach) {
      const line = `${file} -> ${verdict.to}${verdict.target ? ` (${verdict.from.name} -> ${verdict.target.name})` : ''}`;
      (excusing(KNOWN_WRONG_WAY, file, verdict.to) ? known : against).push(line);
    }
    if (!verdict.target || verdict.target === verdict.from) continue;
    const key = `${verdict.from.name} -> ${verdict.target.name}`;
    const arrow = arrows.get(key) ?? { from: verdict.from, to: verdict.target, runtime: 0, types: 0, wrong: false };
    arrow[imported.typeOnly ? 'types' : 'runtime'] += 1;
    arrow.wrong ||= Boolean(verdict.breach);
    arrows.set(key, arrow);
  }
}

const order = (name) => layers.findIndex((l) => l.name === name);
const sorted = [...arrows.values()].sort(
  (a, b) => order(a.from.name) - order(b.from.name) || order(a.to.name) - order(b.to.name),
);

if (process.argv.includes('--mermaid')) {
  const id = (name) => name.replace(/[^a-z]/g, '_');
  const lines = ['graph BT'];
  for (const layer of layers) lines.push(`  ${id(layer.name)}["${layer.name}"]`);
  // Solid: at run time; dotted: types only; crossed: a known wrong-way import being removed.
  for (const a of sorted) {
    const arrow = a.wrong ? '--x' : a.runtime > 0 ? '-->' : '-.->';
    lines.push(`  ${id(a.from.name)} ${arrow} ${id(a.to.name)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} else {
  const out = ['Layers, lowest first (LAYERS in eslint.config.mjs): each imports itself and what it names.', ''];
  const width = Math.max(...layers.map((l) => l.name.length)) + 2;
  for (const layer of layers) {
    const may = layer.imports.length > 0 ? layer.imports.join(', ') : 'nothing';
    const types = layer.types.length > 0 ? `; types of ${layer.types.join(', ')}` : '';
    const pure = layer.packages ? `; packages: ${layer.packages.join(', ') || 'none'}` : '';
    out.push(`  ${layer.name.padEnd(width)}${layer.files.join(' ')}`);
    out.push(`  ${''.padEnd(width)}imports ${may}${types}${pure}`);
  }
  out.push('', 'Arrows the code draws between layers (files importing: at run time, types only):', '');
  const arrowWidth = Math.max(...sorted.map((a) => `${a.from.name} -> ${a.to.name}`.length)) + 2;
  for (const a of sorted) {
    const counts = [a.runtime > 0 ? `${a.runtime}` : '', a.types > 0 ? `${a.types} type-only` : '']
      .filter(Boolean)
      .join(', ');
    const note = a.wrong ? ' (wrong way: known, being removed)' : '';
    out.push(`  ${`${a.from.name} -> ${a.to.name}`.padEnd(arrowWidth)}${counts}${note}`);
  }
  out.push('', `${sorted.length} arrows; against the layers: ${against.length}.`);
  if (known.length > 0) out.push(`Known wrong-way imports being removed (KNOWN_WRONG_WAY): ${known.length}`);
  for (const line of known) out.push(`  ${line}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
if (against.length > 0) {
  process.stderr.write(`Imports against the layers:\n  ${against.join('\n  ')}\n`);
  process.exit(1);
}
