// Types and helpers re-exported for the tests.
export { hasLabelElements as hasLabelElementsOf } from '@anquan/core';
export type { AigcBadge, AigcDeclare, AiImage, AiLabel, AiNotice, AiVideo, LabellingNotice } from '@anquan/label';
