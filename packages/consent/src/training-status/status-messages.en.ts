// The English text of status-messages.ts, loaded only by a page that renders in English.
import type { MessageTable } from '@anquan/core/i18n';
import type { StatusTable } from './status-messages.js';

export default {
  statusOn: 'Input collection: on',
  statusOff: 'Input collection: off',
  statusHowOff: 'Your inputs are used to improve the model. You can turn this off at any time.',
  statusHowOn: 'Your inputs are not used to improve the model.',
  statusChange: 'Change setting',
  statusTurnOff: 'Turn off collection',
} satisfies MessageTable<StatusTable>;
