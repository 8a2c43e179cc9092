import type * as HtmlPipeline from './htmlPipeline';

let loaded: typeof HtmlPipeline | undefined;

/**
 * The unified pipeline, required on first use: remark, micromark, parse5 and rehype take tens of
 * milliseconds to load, which the server's startup must not spend for a panel that may never
 * open. In the built server this `require` names `dist/preview-pipeline.js` (scripts/build.mjs).
 */
export function loadPipeline(): typeof HtmlPipeline {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  loaded ??= require('./htmlPipeline') as typeof HtmlPipeline;
  return loaded;
}
