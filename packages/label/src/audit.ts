// Audit rules for the clauses the label package answers (`@anquan/label/audit`); `audit()` in the
// umbrella composes them. Rules read the facts `audit()` gathered and element properties.
import {
  type AuditRules,
  byApi,
  byElement,
  elementsOf,
  hasElement,
  ledgerLine,
  listElements,
  measureLine,
  wordingLine,
} from '@anquan/core/audit';

export const labelAuditRules: AuditRules = {
  'GB45438-5.1-text': (f) => {
    const l = f.labels;
    const ev = [measureLine(f, 'aiLabel'), wordingLine(f, 'aiLabel'), `${elementsOf(f, 'aq-ai-label').length} <aq-ai-label> in the page`];
    if (l.messages)
      ev.push(
        `label coverage: ${l.labelled} of ${l.messages} messages (${l.selector})${l.unlabelled.length ? `; unlabelled: ${l.unlabelled.join(', ')}` : ''}`,
      );
    if (hasElement(f, 'aq-ai-notice')) ev.push('interface label: <aq-ai-notice> present');
    const ok = l.messages ? l.labelled === l.messages : hasElement(f, 'aq-ai-label') || hasElement(f, 'aq-ai-notice');
    return { status: ok ? 'present' : 'missing', basis: 'observed', measure: '<aq-ai-label> on each generated message', evidence: ev };
  },
  'GB45438-interface': byElement('aq-ai-notice', (f) => [wordingLine(f, 'aiNotice'), measureLine(f, 'aiNoticeDismissible')]),
  'GB45438-5.2-image': (f) => {
    const i = f.labels.images;
    const ev = [
      ...listElements(f, 'aq-ai-image'),
      `${i.wrapped} of ${i.wrappers} <aq-ai-image> wrap an image`,
      `label text ≥ ${f.config.thresholds.labelMinTextRatio * 100}% of the shortest side`,
      wordingLine(f, 'imageLabel'),
    ];
    if (i.unwrappedInMessages) ev.push(`${i.unwrappedInMessages} image(s) in generated messages without <aq-ai-image>`);
    return {
      status: i.wrapped > 0 && i.unwrappedInMessages === 0 ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-ai-image>; burnInImageLabel() for downloads',
      evidence: ev,
    };
  },
  'GB45438-5.4-video': (f) => {
    const v = f.labels.videos;
    const ev = [
      ...listElements(f, 'aq-ai-video'),
      `${v.wrapped} of ${v.wrappers} <aq-ai-video> wrap a video`,
      `start label ≥ ${f.config.thresholds.videoLabelMinSeconds} s`,
      wordingLine(f, 'videoLabel'),
    ];
    if (v.unwrappedInMessages) ev.push(`${v.unwrappedInMessages} video(s) in generated messages without <aq-ai-video>`);
    return {
      status: v.wrapped > 0 && v.unwrappedInMessages === 0 ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-ai-video>',
      evidence: ev,
    };
  },
  'GB45438-5.3-audio': byApi('SpokenLabeler / playAudioCue()', (f) => [wordingLine(f, 'spokenLabel')]),
  'MEASURES-4-export': byApi('downloadLabelled() / installLabelledCopy() / burnInImageLabel()'),
  'GB45438-6.1-implicit': byApi('the metadata writers (writeImplicitLabel and per-format writers)', (f) => [
    measureLine(f, 'implicitLabel'),
  ]),
  'TC260-PG-carriers': byApi('the per-format metadata writers (PNG, JPEG, WebP, MP3, WAV, MP4, Markdown)', (f) => [
    measureLine(f, 'implicitLabel'),
  ]),
  'MEASURES-6-platform': byElement('aq-aigc-badge'),
  'MEASURES-6-declare': byElement('aq-aigc-declare', (f) => [ledgerLine(f, 'aigc-declaration')]),
  'MEASURES-8-agreement': byElement('aq-labelling-notice'),
  'AIACT-50.2-marking': byApi('the metadata writers (machine-readable marking)', (f) => [measureLine(f, 'implicitLabel')]),
};
