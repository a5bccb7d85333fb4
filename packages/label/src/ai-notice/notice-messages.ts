import { defineMessages } from '@anquan/core/i18n';

/** The AI notice's own text, small so a chat page loads only this. The package's `messages` table includes these keys. */
export const noticeMessages = defineMessages({
  'zh-CN': {
    dismiss: '关闭提示',
  },
  en: {
    dismiss: 'Dismiss notice',
  },
});
