import { createHash } from 'node:crypto';
import { listPlanFiles, parsePlanFile, type PlanFileIssue } from '../plans/plan-file.js';
import type { ImportOutcome, PlansRepo } from '../repositories/plans-repo.js';

export interface ImportReport {
  imported: { file: string; code: string; outcome: ImportOutcome }[];
  invalid: PlanFileIssue[];
}

/**
 * Imports every plan file in `dir`. A file with any problem is not imported at
 * all (its issues are reported); the valid ones are, each in one transaction.
 * A file whose text was imported already is not parsed again: with plans of
 * thousands of agencies, parsing is most of what a start would cost.
 */
export async function importPlans(dir: string, plans: PlansRepo): Promise<ImportReport> {
  const report: ImportReport = { imported: [], invalid: [] };
  const imported = await plans.importedHashes();
  for (const { file, text } of listPlanFiles(dir)) {
    const hash = createHash('sha256').update(text).digest('hex');
    const code = imported.get(hash);
    if (code !== undefined) {
      report.imported.push({ file, code, outcome: 'unchanged' });
      continue;
    }
    const result = parsePlanFile(text, file);
    if (!result.ok) {
      report.invalid.push(...result.issues);
      continue;
    }
    report.imported.push({ file, code: result.plan.code, outcome: await plans.importPlan(result.plan, hash) });
  }
  return report;
}
