// Registers every element of @anquan/label.
import './ai-label/aq-ai-label.js';
import './ai-notice/aq-ai-notice.js';
import './ai-image/aq-ai-image.js';
import './ai-video/aq-ai-video.js';
import './aigc-badge/aq-aigc-badge.js';
import './aigc-declare/aq-aigc-declare.js';
import './labelling-notice/aq-labelling-notice.js';
