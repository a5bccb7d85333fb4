// Types and helpers re-exported for the tests.
export { hasLabelElements as hasLabelElementsOf } from '@anquan/core';
export type { AqAigcBadge, AqAigcDeclare, AqAiImage, AqAiLabel, AqAiNotice, AqAiVideo, AqLabellingNotice } from '@anquan/label';
