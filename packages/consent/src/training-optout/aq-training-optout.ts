import { TrainingOptout } from './training-optout.component.js';

TrainingOptout.define('aq-training-optout');

declare global {
  interface HTMLElementTagNameMap {
    'aq-training-optout': TrainingOptout;
  }
}
