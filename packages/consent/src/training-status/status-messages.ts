import { defineMessages } from '@anquan/core/i18n';

/** The training-status line's own text, small so a chat page loads only this. The package's `messages` table includes these keys. */
export const statusMessages = defineMessages({
  'zh-CN': {
    statusOn: '输入收集：开启',
    statusOff: '输入收集：关闭',
    statusHowOff: '您的输入正被用于改进模型，可随时关闭。',
    statusHowOn: '您的输入不会被用于改进模型。',
    statusChange: '更改设置',
    statusTurnOff: '关闭收集',
  },
  en: {
    statusOn: 'Input collection: on',
    statusOff: 'Input collection: off',
    statusHowOff: 'Your inputs are used to improve the model. You can turn this off at any time.',
    statusHowOn: 'Your inputs are not used to improve the model.',
    statusChange: 'Change setting',
    statusTurnOff: 'Turn off collection',
  },
});
