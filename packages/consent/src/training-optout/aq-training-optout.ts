import { AqTrainingOptout } from './training-optout.component.js';

export { AqTrainingOptout };

AqTrainingOptout.define('aq-training-optout');

declare global {
  interface HTMLElementTagNameMap {
    'aq-training-optout': AqTrainingOptout;
  }
}
