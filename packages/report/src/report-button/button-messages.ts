import { defineLocaleMessages } from '@anquan/core/i18n';

/**
 * The report button's own text: small, so a page with report buttons loads it up front; the dialog's
 * table (messages.ts) comes with the dialog's chunk. Keys shared with messages.ts keep the same text.
 */
const zh = {
  report: '举报',
  reportMessage: '举报此条内容',
  reportGlobal: '投诉举报',
  fallback: '举报表单暂时无法加载。您可以通过以下渠道投诉举报：',
  fallbackNoChannels: '举报表单暂时无法加载，请检查网络后重试。',
  channelPhone: '电话',
  channelEmail: '电子邮件',
  channelSms: '短信',
  channelChat: '在线窗口',
  retry: '重试',
};

/** The keys every locale of this table has. */
export type ButtonTable = typeof zh;

export const buttonMessages = defineLocaleMessages(zh, { en: () => import('./button-messages.en.js') });
