// The ESLint rule `layers/one-way`: every import runs down the layers declared in
// eslint.config.mjs (LAYERS), never up. Plain CommonJS with no dependency, so the lint
// config, `npm run lint:layers` (scripts/layers-report.mjs) and the tests share it.
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, so the .mjs config and the tests share it
const path = require('node:path');

const EXTENSION = /\.(d\.ts|tsx?|mjs|cjs|js|json)$/;
const toPosix = (p) => p.split(path.sep).join('/');
const withoutExtension = (p) => p.replace(EXTENSION, '');

/**
 * Checks the table and fills in `imports: 'all'`. A layer may only name layers declared
 * before it, so what the table allows cannot run in a circle; only `types` may look up.
 */
function prepareLayers(layers) {
  const seen = new Map();
  return layers.map((layer) => {
    if (seen.has(layer.name)) throw new Error(`LAYERS: ${layer.name} is declared twice`);
    const earlier = [...seen.keys()];
    const imports = layer.imports === 'all' ? earlier : layer.imports;
    for (const name of imports) {
      if (!seen.has(name)) throw new Error(`LAYERS: ${layer.name} imports ${name}, which is not declared before it`);
    }
    for (const name of layer.types ?? []) {
      if (!layers.some((l) => l.name === name)) throw new Error(`LAYERS: ${layer.name} reads types of unknown ${name}`);
    }
    const prepared = { ...layer, imports, types: layer.types ?? [] };
    seen.set(layer.name, prepared);
    return prepared;
  });
}

/** Whether a repository path (file or folder, with or without extension) is one of a layer's entries. */
function holds(entry, file) {
  const bare = withoutExtension(file);
  return entry.endsWith('/') ? `${bare}/`.startsWith(entry) : bare === withoutExtension(entry);
}

/** The layer a repository path belongs to: the one with the longest entry that holds it. */
function layerOf(file, layers) {
  let found;
  let longest = -1;
  for (const layer of layers) {
    for (const entry of layer.files) {
      if (entry.length > longest && holds(entry, file)) {
        found = layer;
        longest = entry.length;
      }
    }
  }
  return found;
}

const packageName = (source) => {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/** The module an AST node imports, and whether only its types (erased when compiled); else undefined. */
function importOf(node) {
  const literal = (n) => (n && n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined);
  const allTypes = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');
  switch (node.type) {
    case 'ImportDeclaration':
      return {
        source: node.source.value,
        typeOnly:
          node.importKind === 'type' ||
          (node.specifiers.every((s) => s.type === 'ImportSpecifier') && allTypes(node.specifiers, 'importKind')),
      };
    case 'ExportNamedDeclaration':
      if (!node.source) return undefined;
      return {
        source: node.source.value,
        typeOnly: node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind'),
      };
    case 'ExportAllDeclaration':
      return { source: node.source.value, typeOnly: node.exportKind === 'type' };
    case 'ImportExpression': {
      const source = literal(node.source);
      return source === undefined ? undefined : { source, typeOnly: false };
    }
    case 'TSImportEqualsDeclaration': {
      const ref = node.moduleReference;
      const source = ref.type === 'TSExternalModuleReference' ? literal(ref.expression) : undefined;
      return source === undefined ? undefined : { source, typeOnly: node.importKind === 'type' };
    }
    case 'TSImportType': {
      const arg = node.source ?? node.argument;
      const source = literal(arg && arg.type === 'TSLiteralType' ? arg.literal : arg);
      return source === undefined ? undefined : { source, typeOnly: true };
    }
    case 'CallExpression': {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length !== 1)
        return undefined;
      const source = literal(node.arguments[0]);
      return source === undefined ? undefined : { source, typeOnly: false };
    }
    default:
      return undefined;
  }
}

const IMPORT_NODES = [
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ImportExpression',
  'TSImportEqualsDeclaration',
  'TSImportType',
  'CallExpression',
];

/**
 * What an import from `file` (a repository path) means for the layers: `to` (the repository
 * path or package it names), `from`/`target` (the layers), and `breach` when it runs the
 * wrong way: 'layer' (a layer not below), 'package' (a package a pure layer may not use),
 * 'unlayered' (a path in no layer).
 */
function judge(file, imported, layers) {
  const from = layerOf(file, layers);
  const { source, typeOnly } = imported;
  if (!source.startsWith('.')) {
    const name = packageName(source);
    const breach = from && from.packages && !from.packages.includes(name) ? 'package' : undefined;
    return { from, to: name, typeOnly, breach };
  }
  const to = toPosix(path.posix.join(path.posix.dirname(file), source));
  const target = layerOf(to, layers);
  if (!target) return { from, to, typeOnly, breach: 'unlayered' };
  const allowed =
    !from || target === from || from.imports.includes(target.name) || (typeOnly && from.types.includes(target.name));
  return { from, to, target, typeOnly, breach: allowed ? undefined : 'layer' };
}

/** The known wrong-way imports that excuse this one, if any. */
const excusing = (known, file, to) =>
  known.find((k) => k.files.some((f) => withoutExtension(f) === withoutExtension(file)) && holds(k.to, to));

const list = (names) => (names.length > 0 ? names.join(', ') : 'nothing outside itself');

const oneWay = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports run down the layers declared in eslint.config.mjs, never up.' },
    schema: [
      {
        type: 'object',
        properties: { layers: { type: 'array' }, known: { type: 'array' } },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      layer:
        '{{fromLayer}} may not import {{to}} ({{toLayer}}){{kind}}: imports run down the layers (LAYERS in eslint.config.mjs; npm run lint:layers shows them).',
      package: '{{fromLayer}} is pure: it imports no package but {{allowed}}, not {{to}}.',
      unlayered: 'This imports {{to}}, which is in no layer: add it to LAYERS in eslint.config.mjs.',
      fileUnlayered: 'This file is in no layer: add its folder to LAYERS in eslint.config.mjs.',
      knownGone:
        'The known wrong-way import of {{to}} is gone from this file: remove the file from KNOWN_WRONG_WAY in eslint.config.mjs.',
    },
  },
  create(context) {
    const options = context.options[0];
    const layers = prepareLayers(options.layers);
    const known = options.known ?? [];
    const file = toPosix(path.relative(context.cwd, context.filename));
    const excusesUsed = new Set();
    const handlers = {};
    for (const type of IMPORT_NODES) {
      handlers[type] = (node) => {
        const imported = importOf(node);
        if (!imported) return;
        const verdict = judge(file, imported, layers);
        if (!verdict.from || !verdict.breach) return;
        const excuse = excusing(known, file, verdict.to);
        if (excuse) {
          excusesUsed.add(excuse);
          return;
        }
        const fromLayer = verdict.from.name;
        if (verdict.breach === 'package') {
          context.report({
            node,
            messageId: 'package',
            data: { fromLayer, to: verdict.to, allowed: list(verdict.from.packages) },
          });
        } else if (verdict.breach === 'unlayered') {
          context.report({ node, messageId: 'unlayered', data: { to: verdict.to } });
        } else {
          context.report({
            node,
            messageId: 'layer',
            data: {
              fromLayer,
              to: verdict.to,
              toLayer: verdict.target.name,
              kind: verdict.typeOnly ? ', not even its types' : '',
            },
          });
        }
      };
    }
    handlers['Program:exit'] = (node) => {
      if (!layerOf(file, layers)) context.report({ node, messageId: 'fileUnlayered' });
      for (const k of known) {
        const named = k.files.some((f) => withoutExtension(f) === withoutExtension(file));
        if (named && !excusesUsed.has(k)) context.report({ node, messageId: 'knownGone', data: { to: k.to } });
      }
    };
    return handlers;
  },
};

module.exports = {
  plugin: { meta: { name: 'layers' }, rules: { 'one-way': oneWay } },
  prepareLayers,
  layerOf,
  importOf,
  judge,
  excusing,
  IMPORT_NODES,
  toPosix,
};
