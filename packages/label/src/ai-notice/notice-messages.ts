import { defineLocaleMessages } from '@anquan/core/i18n';

/** The AI notice's own text, small so a chat page loads only this. The package's `messages` table includes these keys. */
const zh = {
  dismiss: '关闭提示',
};

/** The keys every locale of this table has. */
export type NoticeTable = typeof zh;

export const noticeMessages = defineLocaleMessages(zh, { en: () => import('./notice-messages.en.js') });
