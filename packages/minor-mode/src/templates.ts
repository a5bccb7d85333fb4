// Form pieces the minors-mode elements share.

import type { Locale } from '@anquan/core/i18n';
import { AGE_BANDS, type AgeBand } from '@anquan/core/profiles';
import { html } from 'lit';
import { bandName, messages as t } from './messages.js';

/** The labelled age-band `<select name="band">`, with `band` chosen. */
export function bandSelect(locale: Locale, band: AgeBand) {
  return html`<label
    >${t(locale, 'bandLabel')}
    <select name="band">
      ${AGE_BANDS.map((b) => html`<option value=${b} ?selected=${b === band}>${bandName(locale, b)}</option>`)}
    </select>
  </label>`;
}
