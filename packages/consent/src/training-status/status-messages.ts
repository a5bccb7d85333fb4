import { defineLocaleMessages } from '@anquan/core/i18n';

/** The training-status line's own text, small so a chat page loads only this. The package's `messages` table includes these keys. */
const zh = {
  statusOn: '输入收集：开启',
  statusOff: '输入收集：关闭',
  statusHowOff: '您的输入正被用于改进模型，可随时关闭。',
  statusHowOn: '您的输入不会被用于改进模型。',
  statusChange: '更改设置',
  statusTurnOff: '关闭收集',
};

/** The keys every locale of this table has. */
export type StatusTable = typeof zh;

export const statusMessages = defineLocaleMessages(zh, { en: () => import('./status-messages.en.js') });
