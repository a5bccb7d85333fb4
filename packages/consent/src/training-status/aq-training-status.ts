import { AqTrainingStatus } from './training-status.component.js';

export { AqTrainingStatus };

AqTrainingStatus.define('aq-training-status');

declare global {
  interface HTMLElementTagNameMap {
    'aq-training-status': AqTrainingStatus;
  }
}
