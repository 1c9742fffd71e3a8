// A local ESLint rule: every caught error is handled, logged, counted or rethrown (issue 14).
//
// A `catch` block, or a rejection handler (`.catch(fn)`, the second argument of `.then`), passes
// when it does something with the failure: throws, calls something (a logger, a counter, a
// callback that answers the caller), assigns, awaits, or returns an answer (in a catch block any
// `return x`, `undefined` included: the function's caller gets it). It fails when it only
// swallows: an empty body, a bare `return;`, `continue`/`break`, or a handler that returns
// `undefined`. A swallow that is right by design says why in an eslint-disable comment naming this
// rule (`-- reason`), so the reason sits where the error disappears and
// `grep -rn "handled-errors --" src` lists every one.

/** Nodes that show the failure was acted on. */
const ACTS = new Set([
  'ThrowStatement',
  'CallExpression',
  'NewExpression',
  'AssignmentExpression',
  'UpdateExpression',
  'AwaitExpression',
  'YieldExpression',
]);

/** `undefined` or `void x`: a handler returning this returns nothing. */
function isNothing(node) {
  return (
    (node.type === 'Identifier' && node.name === 'undefined') ||
    (node.type === 'UnaryExpression' && node.operator === 'void')
  );
}

/**
 * Whether any node below `node` acts on the failure (see ACTS) or returns an answer: any value
 * when `returnsAnswer` (a catch block's `return undefined` answers its function's caller), else
 * one other than `undefined` (a rejection handler returning undefined is the swallowing idiom).
 */
function acts(node, returnsAnswer) {
  if (node === null || typeof node !== 'object') return false;
  if (ACTS.has(node.type)) return true;
  if (node.type === 'ReturnStatement') return node.argument !== null && (returnsAnswer || !isNothing(node.argument));
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    const children = Array.isArray(value) ? value : [value];
    if (children.some((child) => child !== null && typeof child === 'object' && acts(child, returnsAnswer)))
      return true;
  }
  return false;
}

/** Whether a rejection handler (a function expression) acts on the failure. */
function handlerActs(fn) {
  if (fn.body.type !== 'BlockStatement') return !isNothing(fn.body);
  return acts(fn.body, false);
}

const isFunction = (node) =>
  node !== undefined && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression');

export const handledErrors = {
  meta: {
    type: 'problem',
    docs: { description: 'Every caught error is handled, logged, counted or rethrown.' },
    messages: {
      swallowed:
        'This {{what}} swallows the error: handle it (answer, return a value), log it with context, count it, or rethrow it with `cause`.',
    },
    schema: [],
  },
  create(context) {
    return {
      CatchClause(node) {
        if (!acts(node.body, true)) context.report({ node, messageId: 'swallowed', data: { what: 'catch' } });
      },
      CallExpression(node) {
        if (node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
        const method = node.callee.property.name;
        const handler = method === 'catch' ? node.arguments[0] : method === 'then' ? node.arguments[1] : undefined;
        if (isFunction(handler) && !handlerActs(handler))
          context.report({ node: handler, messageId: 'swallowed', data: { what: `.${method} handler` } });
      },
    };
  },
};

export default { rules: { 'handled-errors': handledErrors } };
