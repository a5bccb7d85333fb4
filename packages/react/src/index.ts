/**
 * @anquan/react: a React component for every Anquan element, made with `createComponent` from
 * `@lit/react`. Element properties are set as properties (objects and functions included), and each
 * element's DOM events are typed `onAq…` props (`aq-report-submitted` → `onAqReportSubmitted`, whose
 * handler receives `CustomEvent<ReportSubmittedDetail>`). Importing this module defines every `aq-*`
 * tag in the browser; `@anquan/react/ai-label.js` (one module per element) defines only its own; in Node (server-side rendering) it touches no
 * `window` or `document`, and a wrapped component renders as its bare tag (properties are set after
 * hydration). Component names are the tag in PascalCase: `<aq-ai-label>` → `AqAiLabel`.
 * @packageDocumentation
 */
// The wrappers are generated from the custom-elements.json manifests by scripts/gen-packaging.mjs.
export type { AnquanEvent } from './event.js';
export * from './generated/wrappers.js';
