// The server's working-day arithmetic. There is one implementation: packages/report/src/working-days.ts.
// This module loads that file and strips its types with TypeScript's transpileModule (typescript is
// already a dependency of the repository), so the browser package and the reference intake server
// can never disagree on a due date. A deployment that builds the packages first (`npm start` runs
// `npm run build`) could import packages/report/dist/working-days.js instead; this file falls back
// to it when typescript is not installed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const sourceUrl = new URL('../packages/report/src/working-days.ts', import.meta.url);

async function load() {
  let ts;
  try {
    ts = createRequire(import.meta.url)('typescript');
  } catch {
    return import(new URL('../packages/report/dist/working-days.js', import.meta.url).href);
  }
  const { outputText } = ts.transpileModule(readFileSync(sourceUrl, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    fileName: 'working-days.ts',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}

const mod = await load();

/** @type {(from: Date, days: number, cal?: import('../packages/report/src/working-days.ts').WorkingCalendar) => Date} */
export const addWorkingDays = mod.addWorkingDays;
export const isWorkingDay = mod.isWorkingDay;
export const workingDaysBetween = mod.workingDaysBetween;
export const calendarProblem = mod.calendarProblem;
export const dateIn = mod.dateIn;
export const CN_2025 = mod.CN_2025;
