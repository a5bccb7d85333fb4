import { defineLocaleMessages } from '@anquan/core/i18n';
import { statusMessages } from './training-status/status-messages.js';

/** The consent package's zh-CN and en texts. */
const zh = {
  ...statusMessages.tables['zh-CN'],
  noticeTitle: '个人信息处理告知',
  noticeVersion: '告知版本 {version}',
  handler: '个人信息处理者',
  contact: '联系方式',
  purposes: '处理目的',
  necessary: '必要',
  optional: '可选',
  methods: '处理方式',
  categories: '个人信息种类',
  retention: '保存期限',
  rights: '您的权利及行使方式',
  policyLink: '查看完整隐私政策',
  optionalTitle: '可选用途（逐项选择，可随时撤回）',
  optionalHint: '以下用途不影响基本服务，默认不开启；勾选即同意，取消勾选即撤回。',
  separateTitle: '单独同意',
  separateHint: '以下事项需要您单独同意，不包含在“同意”中，可随时撤回。',
  separateKind_sensitive: '敏感个人信息',
  'separateKind_third-party': '向其他个人信息处理者提供',
  'separateKind_cross-border': '向境外提供',
  'separateKind_public-disclosure': '公开',
  accept: '同意',
  decline: '不同意',
  declineNote: '不同意不影响您使用基本功能。',
  declineNecessary: '以下处理为提供服务所必需，不同意将无法使用服务：{purposes}',
  close: '关闭',
  noticeIncomplete: '告知不完整，缺少：{fields}',
  trainingLabel: '使用我的输入改进模型',
  trainingOn: '已开启：您的输入可能被用于训练和改进模型。',
  trainingOff: '已关闭：您的输入不会被用于训练模型。',
  trainingHowOff: '关闭方法：在此关闭“使用我的输入改进模型”开关，一次点击即可。',
  transparencyTitle: '服务说明',
  service: '服务名称',
  intendedUsers: '适用人群',
  occasions: '适用场合',
  uses: '用途',
  foundationModels: '所使用的基础模型',
  limitations: '服务局限性',
  modelSummary: '模型与算法概要',
  personalInformation: '收集的个人信息及用途',
  piCategory: '个人信息',
  piUse: '用途',
  updated: '更新日期：{date}',
  incomplete: '服务说明不完整，缺少：{fields}',
  aiDisclosureTitle: '人工智能提示',
  acknowledge: '知道了',
  writeFailed: '未能记录您的选择（记录模块无法加载），请检查网络后重试。您的选择尚未生效。',
  domainTitle: '专业领域提示',
  domain_medical: '本服务由人工智能生成内容，不构成医疗诊断或治疗建议。如有健康问题，请咨询执业医师；紧急情况请拨打120。',
  domain_financial: '本服务由人工智能生成内容，不构成投资、理财或其他金融建议。投资有风险，决策请咨询持牌专业机构。',
  domain_psychological:
    '本服务由人工智能生成内容，不能替代专业心理咨询或治疗。如您感到痛苦或有自伤想法，请立即联系专业机构或拨打心理援助热线。',
};

/** The keys every locale of this table has. */
export type ConsentTable = typeof zh;

export const messages = defineLocaleMessages(zh, { en: () => import('./messages.en.js') });
export type MessageKey = keyof (typeof messages.tables)['zh-CN'];
