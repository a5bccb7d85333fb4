// The English text of notice-messages.ts, loaded only by a page that renders in English.
import type { MessageTable } from '@anquan/core/i18n';
import type { NoticeTable } from './notice-messages.js';

export default {
  dismiss: 'Dismiss notice',
} satisfies MessageTable<NoticeTable>;
