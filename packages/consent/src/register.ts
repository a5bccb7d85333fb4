// Defines every element of @anquan/consent.
import './consent-notice/aq-consent-notice.js';
import './training-optout/aq-training-optout.js';
import './training-status/aq-training-status.js';
import './transparency/aq-transparency.js';
import './ai-disclosure/aq-ai-disclosure.js';
