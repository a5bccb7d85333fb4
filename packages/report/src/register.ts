// Registers every element of @anquan/report.
import './report-dialog/aq-report-dialog.js';
import './report-button/aq-report-button.js';
import './report-status/aq-report-status.js';
