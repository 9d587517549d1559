// The rules every operation of the service's OpenAPI document must keep; scripts/openapi.mjs
// --check fails on any breach, and test/openapi-rules.spec.ts holds the rules to their purpose.
'use strict';

const WRITE = new Set(['post', 'put', 'patch', 'delete']);
/** A step of a case: every write under /api/cases/{id}/. */
const isCaseStep = (method, path) => WRITE.has(method) && path.startsWith('/api/cases/{id}/');
const STEP_ERRORS = ['400', '404', '409', '412', '422'];

/** Problems of an OpenAPI document, one line each ("METHOD /path: what is wrong"). */
function lintDocument(document) {
  const resolve = (schema) =>
    schema && schema.$ref ? document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const typed = (schema) => {
    const s = resolve(schema);
    if (!s) return false;
    if (s.allOf || s.oneOf || s.anyOf) return true;
    if (s.type === 'array') return typed(s.items);
    if (s.type === 'object' || (!s.type && s.properties))
      return Object.keys(s.properties ?? {}).length > 0 || s.additionalProperties !== undefined;
    return Boolean(s.type);
  };
  const codesOf = (response) => {
    const schema = response?.content?.['application/problem+json']?.schema;
    const parts = schema?.allOf ?? [];
    return parts.flatMap((p) => p.properties?.code?.enum ?? []);
  };
  const problems = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.summary) problems.push(`${where}: no summary`);
      for (const [status, response] of Object.entries(op.responses ?? {}))
        if (!response.description || !response.description.trim())
          problems.push(`${where}: the ${status} answer has no description`);
      // A body DTO outside a *.dto.ts file gets no properties from the Swagger plugin, and the client
      // generated from it then accepts any object: every request body must describe its fields,
      // or say in its own description that it takes any object on purpose.
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        const name = media.schema?.$ref?.split('/').pop() ?? 'inline schema';
        const schema = resolve(media.schema);
        const freeForm = schema?.additionalProperties === true && Boolean(op.requestBody.description);
        if (!schema || (Object.keys(schema.properties ?? {}).length === 0 && !freeForm))
          problems.push(`${where}: the ${type} request body (${name}) has no properties`);
      }
      const ok = Object.entries(op.responses ?? {}).find(([status]) => /^[23]/.test(status));
      // A 204 or a redirect has no body; every other success needs its schema, and a typed one.
      if (!ok || (!ok[1].content && ok[0] !== '204' && !ok[0].startsWith('3')))
        problems.push(`${where}: no success response schema`);
      else if (ok[1].content?.['application/json'] && !typed(ok[1].content['application/json'].schema))
        problems.push(`${where}: the success schema is an untyped object`);
      const isPublic = !op.security || op.security.length === 0;
      if (!isPublic && !op.responses?.['401']) problems.push(`${where}: no 401 answer`);
      if (!isCaseStep(method, path)) continue;
      const headers = new Set((op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name));
      for (const header of ['If-Match', 'Idempotency-Key'])
        if (!headers.has(header)) problems.push(`${where}: a case step without the ${header} header`);
      if (ok && !ok[1].headers?.ETag) problems.push(`${where}: a case step whose answer has no ETag`);
      for (const status of STEP_ERRORS) {
        if (!op.responses?.[status]) problems.push(`${where}: a case step without its ${status} answer`);
        else if (codesOf(op.responses[status]).length === 0)
          problems.push(`${where}: the ${status} answer does not enumerate its problem codes`);
      }
      const body = resolve(op.requestBody?.content?.['application/json']?.schema);
      if (body && body.properties && !body.example)
        for (const [name, property] of Object.entries(body.properties))
          if (property.example === undefined) problems.push(`${where}: the request's field ${name} has no example`);
    }
  }
  return problems;
}

module.exports = { lintDocument };
