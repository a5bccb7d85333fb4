import { LabellingNotice } from './labelling-notice.component.js';

LabellingNotice.define('aq-labelling-notice');

declare global {
  interface HTMLElementTagNameMap {
    'aq-labelling-notice': LabellingNotice;
  }
}
