import { AqPrescreen } from './prescreen.component.js';

export { AqPrescreen };

AqPrescreen.define('aq-prescreen');

declare global {
  interface HTMLElementTagNameMap {
    'aq-prescreen': AqPrescreen;
  }
}
