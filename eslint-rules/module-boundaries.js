import { dirname, relative, resolve, sep } from 'node:path';

const SRC = resolve('src');
const FOUNDATION = new Set(['common', 'infra', 'config']);

/** Where a file sits: `{ layer: 'modules', module: 'products', rest: ['dto', 'x.ts'] }`, or null outside src/. */
function locate(file) {
  const inside = relative(SRC, file);
  if (inside.startsWith('..') || inside === '') return null;
  const [layer, ...rest] = inside.split(sep);
  if (layer === 'modules') return { layer, module: rest[0], rest: rest.slice(1) };
  return { layer, module: null, rest };
}

function isIndex(place) {
  return place.rest.length === 1 && /^index\.(js|ts)$/.test(place.rest[0]);
}

/**
 * DESIGN.md, Module boundaries: a module is used through its public `index.ts` (its module, services and public
 * types); only entity files may import another module's entities (relations are the schema); common, infra and
 * config depend on no module.
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep domain modules behind their public index, and foundations free of domains.' },
    messages: {
      foundation: '{{layer}}/ must not depend on a domain module ({{target}}).',
      deep: "Use module '{{module}}' through its public index (src/modules/{{module}}/index.ts), not {{target}}.",
    },
    schema: [],
  },
  create(context) {
    const importer = locate(context.filename);
    if (!importer) return {};
    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = locate(resolve(dirname(context.filename), specifier));
      if (!target || target.layer !== 'modules') return;
      const shown = relative(SRC, resolve(dirname(context.filename), specifier));
      if (FOUNDATION.has(importer.layer)) {
        context.report({ node, messageId: 'foundation', data: { layer: importer.layer, target: shown } });
        return;
      }
      if (importer.layer !== 'modules' || importer.module === target.module || isIndex(target)) return;
      if (importer.rest[0] === 'entities' && target.rest[0] === 'entities') return;
      context.report({ node, messageId: 'deep', data: { module: target.module, target: shown } });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
