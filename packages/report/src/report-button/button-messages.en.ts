// The English text of button-messages.ts, loaded only by a page that renders in English.
import type { MessageTable } from '@anquan/core/i18n';
import type { ButtonTable } from './button-messages.js';

export default {
  report: 'Report',
  reportMessage: 'Report this content',
  reportGlobal: 'Complaints and reports',
  fallback: 'The report form cannot load right now. You can complain or report through these channels:',
  fallbackNoChannels: 'The report form cannot load right now. Check your connection and try again.',
  channelPhone: 'Telephone',
  channelEmail: 'E-mail',
  channelSms: 'SMS',
  channelChat: 'Online window',
  retry: 'Try again',
} satisfies MessageTable<ButtonTable>;
