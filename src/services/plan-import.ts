import { createHash } from 'node:crypto';
import { readPlanFiles, type PlanFileIssue } from '../plans/plan-file.js';
import type { ImportOutcome, PlansRepo } from '../repositories/plans-repo.js';

export interface ImportReport {
  imported: { file: string; code: string; outcome: ImportOutcome }[];
  invalid: PlanFileIssue[];
}

/**
 * Imports every plan file in `dir`. A file with any problem is not imported at
 * all (its issues are reported); the valid ones are, each in one transaction.
 */
export async function importPlans(dir: string, plans: PlansRepo): Promise<ImportReport> {
  const report: ImportReport = { imported: [], invalid: [] };
  for (const { file, text, result } of readPlanFiles(dir)) {
    if (!result.ok) {
      report.invalid.push(...result.issues);
      continue;
    }
    const hash = createHash('sha256').update(text).digest('hex');
    report.imported.push({ file, code: result.plan.code, outcome: await plans.importPlan(result.plan, hash) });
  }
  return report;
}
