import { defineMessages } from '@anquan/core';

/** zh-CN and en text of the pre-screen. */
export const messages = defineMessages({
  'zh-CN': {
    refused: '未发送：内容涉及“{risk}”（{category}）。请修改后再试。',
    refusedGeneric: '未发送：内容未通过安全检查。请修改后再试。',
    warned: '提示：内容可能涉及“{risk}”（{category}）。',
    suspended: '由于多次提交违规内容，服务已暂停，{until} 恢复。',
    checking: '正在检查内容…',
    advisory: '客户端检查仅供提示，服务端会再次核验。',
  },
  en: {
    refused: 'Not sent: the text falls under “{risk}” ({category}). Please rephrase it and try again.',
    refusedGeneric: 'Not sent: the text did not pass the safety check. Please rephrase it and try again.',
    warned: 'Note: the text may fall under “{risk}” ({category}).',
    suspended: 'The service is suspended after repeated violations. It resumes at {until}.',
    checking: 'Checking the text…',
    advisory: 'Client-side checks are advisory; the server checks again.',
  },
});
