import { AqLabellingNotice } from './labelling-notice.component.js';

export { AqLabellingNotice };

AqLabellingNotice.define('aq-labelling-notice');

declare global {
  interface HTMLElementTagNameMap {
    'aq-labelling-notice': AqLabellingNotice;
  }
}
