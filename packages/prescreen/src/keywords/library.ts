/**
 * Keyword library files: JSONL (`{"term":"…","risk":"A1.f"}` per line) and CSV (`term,risk`
 * header, RFC 4180 quoting).
 *
 * @module
 */
import { KeywordLibraryError, type KeywordLibraryIssue } from './errors.js';
import { isKeywordRiskId } from './risk.js';
import type { KeywordEntry } from './types.js';

/** Supported keyword library file formats. */
export type KeywordLibraryFormat = 'jsonl' | 'csv';

const MAX_ISSUES = 100;

/**
 * Parses a keyword library file. Blank lines are ignored; in JSONL, keys other than `term` and
 * `risk` are ignored too; in CSV, the header must name `term` and `risk` columns (any order,
 * extra columns ignored) and a leading byte-order mark is dropped.
 *
 * @throws KeywordLibraryError with code `parse` (or `unknown-risk` when every bad line only has
 *   an unknown risk ID), `issues` listing each bad line with its 1-based line number.
 */
export function parseKeywordLibrary(text: string, format: KeywordLibraryFormat): KeywordEntry[] {
  if (format !== 'jsonl' && format !== 'csv') {
    throw new KeywordLibraryError('parse', `unknown keyword library format ${JSON.stringify(format)} (use "jsonl" or "csv")`);
  }
  const lines = String(text)
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/);
  const entries: KeywordEntry[] = [];
  const issues: (KeywordLibraryIssue & { risk?: boolean })[] = [];
  const report = (line: number, message: string, risk = false) => {
    if (issues.length < MAX_ISSUES) issues.push({ line, message, risk });
  };
  const check = (line: number, term: unknown, risk: unknown): void => {
    if (typeof term !== 'string' || term.trim() === '') report(line, '"term" must be a non-empty string');
    else if (typeof risk !== 'string' || risk.trim() === '') report(line, '"risk" must be a non-empty string');
    else if (!isKeywordRiskId(risk.trim()))
      report(line, `unknown risk ID ${JSON.stringify(risk)} (expected A1.a … A5.b or a P.* product category)`, true);
    else entries.push({ term, risk: risk.trim() });
  };

  if (format === 'jsonl') {
    lines.forEach((raw, i) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        report(i + 1, `invalid JSON (${(e as Error).message})`);
        return;
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        report(i + 1, 'expected a JSON object {"term": …, "risk": …}');
        return;
      }
      const o = value as Record<string, unknown>;
      check(i + 1, o.term, o.risk);
    });
  } else {
    let termCol = -1;
    let riskCol = -1;
    let header = true;
    lines.forEach((raw, i) => {
      if (raw.trim() === '') return;
      const fields = splitCsvLine(raw);
      if (typeof fields === 'string') {
        report(i + 1, fields);
        return;
      }
      if (header) {
        header = false;
        const names = fields.map((f) => f.trim().toLowerCase());
        termCol = names.indexOf('term');
        riskCol = names.indexOf('risk');
        if (termCol < 0 || riskCol < 0) report(i + 1, 'header must name the columns "term" and "risk" (e.g. "term,risk")');
        return;
      }
      if (termCol < 0 || riskCol < 0) return;
      if (fields.length <= Math.max(termCol, riskCol)) {
        report(i + 1, `expected at least ${Math.max(termCol, riskCol) + 1} fields, found ${fields.length}`);
      } else check(i + 1, fields[termCol], fields[riskCol]);
    });
  }

  if (issues.length > 0) {
    const onlyRisk = issues.every((x) => x.risk);
    const shown = issues
      .slice(0, 5)
      .map((x) => `line ${x.line}: ${x.message}`)
      .join('; ');
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    throw new KeywordLibraryError(
      onlyRisk ? 'unknown-risk' : 'parse',
      `keyword library (${format}): ${issues.length} bad line${issues.length === 1 ? '' : 's'}: ${shown}${more}`,
      issues.map(({ line, message }) => ({ line, message })),
    );
  }
  return entries;
}

/** Splits one CSV record; returns an error message for a malformed one. */
function splitCsvLine(line: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= line.length) return 'unterminated quoted field';
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i++];
      }
      out.push(v);
      if (i < line.length && line[i] !== ',') return `unexpected character after a quoted field at column ${i + 1}`;
    } else {
      const j = line.indexOf(',', i);
      const v = j < 0 ? line.slice(i) : line.slice(i, j);
      if (v.includes('"')) return `stray quote in an unquoted field at column ${i + v.indexOf('"') + 1}`;
      out.push(v);
      i = j < 0 ? line.length : j;
    }
    if (i >= line.length) return out;
    i++; // the comma
    if (i === line.length) {
      out.push('');
      return out;
    }
  }
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes entries as a keyword library file (JSONL or CSV with a `term,risk` header). */
export function formatKeywordLibrary(entries: Iterable<KeywordEntry>, format: KeywordLibraryFormat): string {
  const lines: string[] = format === 'csv' ? ['term,risk'] : [];
  for (const e of entries) {
    lines.push(format === 'csv' ? `${csvField(e.term)},${csvField(e.risk)}` : JSON.stringify({ term: e.term, risk: e.risk }));
  }
  return `${lines.join('\n')}\n`;
}
