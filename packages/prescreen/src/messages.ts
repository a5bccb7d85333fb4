import { getConfig } from '@anquan/core/config-state';
import { defineMessages, type Locale } from '@anquan/core/i18n';
import type { SuspensionThresholds } from './policy.js';

/** zh-CN and en text of the pre-screen. */
export const messages = defineMessages({
  'zh-CN': {
    refused: '未发送：内容涉及“{risk}”。请修改后再试。',
    violationsLeft: '这是第 {count} 次违规提交。再有 {remaining} 次，服务将暂停 {duration}。',
    lastWarning: '这是第 {count} 次违规提交。再有 1 次，服务将暂停 {duration}。',
    sanction:
      '如您连续 {consecutive} 次或在一天内累计 {perDay} 次输入违法或不良信息，或明显诱导生成此类信息的内容，本服务将依法依约暂停向您提供服务 {duration}，并保存有关记录。{appeal}',
    appeal: '如有异议，可通过{channel}提出申诉。',
    appealDefault: '投诉举报入口',
    minutes: '{n} 分钟',
    hours: '{n} 小时',
    days: '{n} 天',
    refusedGeneric: '未发送：内容未通过安全检查。请修改后再试。',
    warned: '提示：内容可能涉及“{risk}”。',
    suspended: '由于多次提交违规内容，服务已暂停，{until} 恢复。',
    checking: '正在检查内容…',
    advisory: '客户端检查仅供提示，服务端会再次核验。',
    configLibrary: '无法发送：关键词库未能加载，内容安全检查不可用。请稍后再试或联系网站管理员。',
    configSignature: '无法发送：关键词库未通过签名校验，内容安全检查不可用。请联系网站管理员。',
    configMissing: '无法发送：内容安全检查未配置。请联系网站管理员。',
    loading: '正在加载内容安全检查…',
    classifierDown: '无法发送：内容安全识别模型未能运行，内容安全检查不完整。请稍后再试或联系网站管理员。',
    classifierDownOptional: '注意：内容安全识别模型未能运行，目前仅按关键词检查。',
  },
  en: {
    refused: 'Not sent: the text falls under “{risk}”. Please rephrase it and try again.',
    violationsLeft: 'This is violation {count}. After {remaining} more, the service is suspended for {duration}.',
    lastWarning: 'This is violation {count}. After 1 more, the service is suspended for {duration}.',
    sanction:
      'If you enter illegal or harmful content, or content that clearly induces it, {consecutive} times in a row or {perDay} times in one day, the service is suspended for {duration} under the law and this agreement, and a record is kept. {appeal}',
    appeal: 'You can appeal through {channel}.',
    appealDefault: 'the complaints and reports channel',
    minutes: '{n} min',
    hours: '{n} h',
    days: '{n} days',
    refusedGeneric: 'Not sent: the text did not pass the safety check. Please rephrase it and try again.',
    warned: 'Note: the text may fall under “{risk}”.',
    suspended: 'The service is suspended after repeated violations. It resumes at {until}.',
    checking: 'Checking the text…',
    advisory: 'Client-side checks are advisory; the server checks again.',
    configLibrary:
      'Cannot send: the keyword library did not load, so the safety check is unavailable. Try again later or contact the site operator.',
    configSignature:
      'Cannot send: the keyword library failed its signature check, so the safety check is unavailable. Contact the site operator.',
    configMissing: 'Cannot send: the safety check is not configured. Contact the site operator.',
    loading: 'Loading the safety check…',
    classifierDown:
      'Cannot send: the safety classifier could not run, so the safety check is incomplete. Try again later or contact the site operator.',
    classifierDownOptional: 'Note: the safety classifier could not run; the text is checked by keywords only.',
  },
});

/** A suspension length in the user's language (30 min, 2 h, 7 days). */
export function formatDuration(locale: Locale, minutes: number): string {
  if (minutes % 1440 === 0) return messages(locale, 'days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return messages(locale, 'hours', { n: minutes / 60 });
  return messages(locale, 'minutes', { n: minutes });
}

/**
 * The sanction of the "3 in a row or 5 a day" rule (GB/T 45654, TC260-003 §7 f)) as text for the
 * host's user agreement, which must announce it before it applies; with the appeal path.
 */
export function suspensionNotice(
  locale: Locale,
  options: { thresholds?: Partial<Pick<SuspensionThresholds, 'consecutive' | 'perDay' | 'durationMinutes'>>; appealChannel?: string } = {},
): string {
  const t = { ...getConfig().thresholds.suspension, ...options.thresholds };
  const channel = options.appealChannel ?? messages(locale, 'appealDefault');
  return messages(locale, 'sanction', {
    consecutive: t.consecutive,
    perDay: t.perDay,
    duration: formatDuration(locale, t.durationMinutes),
    appeal: messages(locale, 'appeal', { channel }),
  });
}
