// A web-test-runner reporter that counts passed, failed and skipped tests over every session and
// writes the totals to a JSON file, so scripts/test.mjs can print the closing "N passed, N failed".
import { writeFileSync } from 'node:fs';

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, failedTitles: [], erroredFiles: [], tests: [] };
      const walk = (suite, path, file) => {
        for (const t of suite.tests ?? []) {
          totals.tests.push({ file, title: [...path, t.name].join(' > '), result: t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed' });
          if (t.skipped) totals.skipped++;
          else if (t.passed) totals.passed++;
          else {
            totals.failed++;
            totals.failedTitles.push(`${file}: ${[...path, t.name].join(' > ')}`);
          }
        }
        for (const s of suite.suites ?? []) walk(s, [...path, s.name], file);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults, [], s.testFile);
        if (!s.passed && (s.errors?.length ?? 0) > 0) {
          // A file that failed to load or timed out counts as one failure.
          totals.failed++;
          totals.erroredFiles.push(`${s.testFile}: ${s.errors.map((e) => e.message).join('; ')}`);
        }
      }
      writeFileSync(file, JSON.stringify(totals, null, 2));
    },
  };
}
