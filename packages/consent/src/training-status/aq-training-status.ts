import { TrainingStatus } from './training-status.component.js';

TrainingStatus.define('aq-training-status');

declare global {
  interface HTMLElementTagNameMap {
    'aq-training-status': TrainingStatus;
  }
}
