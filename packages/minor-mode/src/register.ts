// Registers every element of @anquan/minor-mode.
import './minor-lock/aq-minor-lock.js';
import './minor-mode/aq-minor-mode.js';
import './minor-mode-toggle/aq-minor-mode-toggle.js';
import './guardian-settings/aq-guardian-settings.js';
import './paid-gate/aq-paid-gate.js';
import './age-gate/aq-age-gate.js';
