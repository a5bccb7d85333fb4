// Entry of the React test bundle (built by build-fixture.mjs): React, react-dom/client and the
// @anquan/react wrappers as one ES module. The @anquan packages and Lit stay external, so the page
// and the bundle share one copy of each element class and of the core configuration.

export * as React from 'react';
export { act } from 'react';
export { flushSync } from 'react-dom';
export { createRoot, hydrateRoot } from 'react-dom/client';
export * from '../../packages/react/src/index.js';
