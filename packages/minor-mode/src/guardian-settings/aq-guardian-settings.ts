import { AqGuardianSettings } from './guardian-settings.component.js';

export { AqGuardianSettings };

AqGuardianSettings.define('aq-guardian-settings');

declare global {
  interface HTMLElementTagNameMap {
    'aq-guardian-settings': AqGuardianSettings;
  }
}
