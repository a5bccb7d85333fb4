// UI text of @anquan/label in zh-CN and en. Label wording itself comes from the profile
// (`getConfig().wording`); these are the surrounding strings.
import { defineMessages } from '@anquan/core/i18n';
import noticeEn from './ai-notice/notice-messages.en.js';
import { noticeMessages } from './ai-notice/notice-messages.js';

export const messages = defineMessages({
  'zh-CN': {
    ...noticeMessages.tables['zh-CN'],
    tierIs: '内容由AI生成',
    tierMay: '内容可能由AI生成',
    tierSuspected: '疑似AI生成内容',
    tierIsDetail: '文件元数据中的隐式标识表明该内容由人工智能生成合成。',
    tierMayDetail: '发布者声明该内容包含人工智能生成合成内容。',
    tierSuspectedDetail: '平台检测到显式标识或其他生成合成痕迹。',
    declare: '本内容包含人工智能生成合成内容',
    declareHint: '发布人工智能生成合成内容时，请如实声明并使用平台提供的标识功能；不得恶意删除、篡改、伪造、隐匿标识。',
    noticeTitle: '人工智能生成合成内容标识说明',
    noticeIntro: '依据《人工智能生成合成内容标识办法》和GB 45438-2025，本服务对人工智能生成合成的内容添加以下标识。请仔细阅读。',
    noticeText: '文本：在生成内容的开头、结尾或中间适当位置添加文字提示“{text}”；交互界面持续显示“{notice}”。',
    noticeImage: '图片：在图片边缘或角落添加文字提示“{image}”，文字高度不低于图片最短边的{ratio}%。',
    noticeVideo: '视频：在视频起始画面显示“{video}”不少于{seconds}秒，文字高度不低于画面最短边的{ratio}%，并在播放器周边持续显示标识。',
    noticeAudio: '音频：在开头或结尾播放节奏提示“短长短短”，或语音提示“{spoken}”；语音助手每轮对话均提示。',
    noticeExport: '下载、复制、导出：文件中保留上述显式标识。',
    noticeImplicit:
      '隐式标识：在文件元数据中写入AIGC标识（生成合成属性、服务提供者名称或编码、内容编号等），图片、音频、视频和文档均适用。',
    noticeDuty:
      '用户发布生成合成内容时应主动声明并使用标识功能；任何组织和个人不得恶意删除、篡改、伪造、隐匿标识。如需无显式标识的版本，须先同意本协议中的标识义务，平台将依法留存相关日志。',
    noticeExample: '标识样式示例',
    unlabelledInvalid: '无显式标识版本的申请须写明申请人、用途和接收方。',
    unlabelledNoDecision: '无法提供无显式标识的版本：服务方未作出决定。',
    unlabelledRefused: '服务方拒绝提供无显式标识的版本。',
    unlabelledNotAgreed: '须先同意用户协议中关于无显式标识版本的条款。',
    unlabelledRecordFailed: '无法记录本次申请，因此不提供无显式标识的版本。',
    exportTooLarge: '文件超过导出上限（{limit} MB），已停止导出。',
    exportAborted: '导出已取消。',
    exportNoEncoder: '此浏览器无法编码该视频（缺少 WebCodecs 编码器 {codec}），未导出无显式标识的文件。',
    exportUnsupported: '无法读取该媒体文件（{detail}），未导出。',
    exportAudioDropped: '音轨无法原样保留（{detail}），未导出。',
    fullscreen: '全屏',
    exitFullscreen: '退出全屏',
    pip: '画中画',
    pipCanvas: '画中画显示带有标识的画面副本。',
    pipUnavailable: '画中画已停用：此浏览器无法在画中画中显示AI生成标识。',
  },
  en: {
    ...noticeEn,
    tierIs: 'AI-generated content',
    tierMay: 'May be AI-generated',
    tierSuspected: 'Suspected AI-generated',
    tierIsDetail: 'The implicit label in the file metadata states that this content is AI-generated.',
    tierMayDetail: 'The publisher declared that this content contains AI-generated material.',
    tierSuspectedDetail: 'The platform detected an explicit label or other traces of generation.',
    declare: 'This content contains AI-generated or synthesised material',
    declareHint: 'Declare AI-generated content truthfully and use the labelling function; do not remove, alter, forge or hide labels.',
    noticeTitle: 'How AI-generated content is labelled',
    noticeIntro:
      'Under the CAC Labeling Measures, GB 45438-2025 and AI Act Art. 50, this service labels AI-generated content as follows. Please read carefully.',
    noticeText:
      'Text: a text label "{text}" at the start, end or a suitable middle position of generated content; the interface always shows "{notice}".',
    noticeImage: 'Images: a text label "{image}" on an edge or corner, at least {ratio}% of the image\'s shortest side high.',
    noticeVideo:
      'Video: "{video}" on the opening frames for at least {seconds} s of playback, at least {ratio}% of the frame\'s shortest side high, and a label around the player.',
    noticeAudio:
      'Audio: a rhythm cue (short-long-short-short) or the spoken label "{spoken}" at the start or end; per turn in voice-assistant mode.',
    noticeExport: 'Downloads, copies and exports: the file itself keeps the explicit label.',
    noticeImplicit:
      "Implicit label: an AIGC entry in the file metadata (the AI-generated attribute, the provider's name or code, a content ID), for images, audio, video and documents.",
    noticeDuty:
      'Users who publish generated content must declare it and use the labelling function; nobody may maliciously remove, alter, forge or hide labels. A version without the explicit label is only given after you accept the labelling duties in this agreement, and recipients are logged.',
    noticeExample: 'Label styles',
    unlabelledInvalid: 'A request for a copy without the explicit label must name who asks, the purpose and the recipient.',
    unlabelledNoDecision: 'No copy without the explicit label: the service made no decision.',
    unlabelledRefused: 'The service refused a copy without the explicit label.',
    unlabelledNotAgreed: "The user agreement's terms for copies without the explicit label must be accepted first.",
    unlabelledRecordFailed: 'The request could not be recorded, so no copy without the explicit label is given.',
    exportTooLarge: 'The file is over the export limit ({limit} MB); export stopped.',
    exportAborted: 'Export cancelled.',
    exportNoEncoder:
      'This browser cannot encode the video (no WebCodecs encoder for {codec}); no file without the explicit label was exported.',
    exportUnsupported: 'The media file could not be read ({detail}); nothing was exported.',
    exportAudioDropped: 'The audio track could not be kept unchanged ({detail}); nothing was exported.',
    fullscreen: 'Full screen',
    exitFullscreen: 'Exit full screen',
    pip: 'Picture-in-picture',
    pipCanvas: 'Picture-in-picture shows a copy of the video with the label drawn in.',
    pipUnavailable: 'Picture-in-picture is off: this browser cannot keep the AI-generated label on screen in it.',
  },
});
