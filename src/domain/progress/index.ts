// The progress domain's public face: parsing updates, summarising them, and the texts to say so.
export * from './metrics.js';
export * from './period.js';
export { looksLikePeriod, parsePeriodText } from './period-text.js';
export * from './parse-update.js';
export * from './types.js';
export { buildSummary, type MetricSummary, type ProgressSummary, type SummaryInput, type AgencyNote } from './summary.js';
export { buildOverdue, type OverdueInput, type OverdueReport } from './overdue.js';
export { buildSeries, type MetricSeries, type SeriesInput, type SeriesRow, type SeriesTotal } from './series.js';
export { indexUpdates, type FigureIndex } from './figures.js';
export { DEADLINE_CATEGORIES, categorise, type DeadlineCategory, type DeadlineItem, type DeadlineSummary } from './deadlines.js';
export { evaluateTargets, type TargetEvaluation, type TargetStatus } from './targets.js';
export { inScope, type AgencyRef } from './scope.js';
export { recordsOf, isCorrection, deadlinesAnsweredBy } from './records.js';
export { summaryLines, overdueLines, silentLine, type SummaryTextOptions } from './summary-text.js';
export { updateSavedLines, updateErrorLines, errorLine, draftValueLine } from './update-text.js';
export { metricName, periodName } from './text-line.js';
export { parseSummaryArgs, type SummaryArgs, type ReportFormat } from './summary-args.js';
