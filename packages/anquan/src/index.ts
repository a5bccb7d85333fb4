/**
 * anquan: registers every aq-* element and re-exports every public API of the Anquan packages.
 * `import 'anquan'` (or the CDN file `anquan/cdn/anquan.js`) is all a page needs.
 * @packageDocumentation
 */
import '@anquan/consent/register';
import '@anquan/label/register';
import '@anquan/minor-mode/register';
import '@anquan/report/register';

export * from '@anquan/core';
export * from '@anquan/consent';
export * from '@anquan/label';
export * from '@anquan/minor-mode';
export * from '@anquan/report';
