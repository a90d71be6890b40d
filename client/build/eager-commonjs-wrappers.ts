import type { Plugin } from 'vite';

/**
 * Rolldown wraps each CommonJS module (React, React DOM, the scheduler) in an arrow function that
 * runs when the module is first required. V8 compiles a parenthesized `function` expression
 * eagerly, on the thread that streams the script in; a wrapping arrow it compiles lazily, on the
 * main thread, the moment it is called, and React DOM's holds 200 KB of code; the first load it
 * saves is measured in tests/bench/README.md ("Build settings"). A function is also what Node
 * wraps a CommonJS module in; Rolldown already passes `this` in as a parameter. Done before the
 * minifier runs, which keeps function expressions as they are.
 */
export function eagerCommonJsWrappers(): Plugin {
  const lazyWrapper =
    /__commonJSMin\(\(\(((?:exports|module|this\$\d+)(?:, (?:exports|module|this\$\d+))*)\) => \{/g;
  return {
    name: 'pathways-eager-commonjs-wrappers',
    apply: 'build',
    renderChunk(code) {
      if (!code.includes('__commonJSMin(((')) return null;
      // Only each wrapper's opening line changes, and its body starts on the next: source maps stay right.
      return { code: code.replace(lazyWrapper, '__commonJSMin((function($1) {'), map: null };
    },
  };
}
