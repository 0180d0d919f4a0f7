-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "level" TEXT NOT NULL DEFAULT 'province',
ADD COLUMN     "parentId" INTEGER;

-- CreateTable
CREATE TABLE "ProgressCurrent" (
    "agencyId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "firstMonth" INTEGER NOT NULL,
    "endMonth" INTEGER NOT NULL,
    "value" DOUBLE PRECISION,
    "text" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "updateId" INTEGER NOT NULL,
    "versions" INTEGER NOT NULL,

    CONSTRAINT "ProgressCurrent_pkey" PRIMARY KEY ("agencyId","period","metric")
);

-- CreateTable
CREATE TABLE "ProgressFigure" (
    "agencyId" INTEGER NOT NULL,
    "window" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "text" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "period" TEXT NOT NULL,

    CONSTRAINT "ProgressFigure_pkey" PRIMARY KEY ("agencyId","window","metric")
);

-- CreateIndex
CREATE INDEX "ProgressCurrent_metric_agencyId_firstMonth_endMonth_receive_idx" ON "ProgressCurrent"("metric", "agencyId", "firstMonth", "endMonth", "receivedAt", "updateId", "value");

-- CreateIndex
CREATE INDEX "ProgressFigure_window_agencyId_metric_value_receivedAt_idx" ON "ProgressFigure"("window", "agencyId", "metric", "value", "receivedAt");

-- CreateIndex
CREATE INDEX "Agency_provinceCode_idx" ON "Agency"("provinceCode");

-- CreateIndex
CREATE INDEX "Agency_parentId_idx" ON "Agency"("parentId");

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Fill the current values from the updates stored so far: from now on the service keeps them up to date.
INSERT INTO "ProgressCurrent" ("agencyId", "period", "metric", "kind", "firstMonth", "endMonth", "value", "text", "receivedAt", "updateId", "versions")
SELECT "agencyId", "period", "metric",
    CASE SUBSTR("period", 6, 1) WHEN 'M' THEN 'month' WHEN 'Q' THEN 'quarter' WHEN 'H' THEN 'half' ELSE 'year' END,
    "firstMonth",
    "firstMonth" + CASE SUBSTR("period", 6, 1) WHEN 'M' THEN 1 WHEN 'Q' THEN 3 WHEN 'H' THEN 6 ELSE 12 END,
    "value", "text", "receivedAt", "id", "versions"
FROM (
    SELECT u."agencyId", u."period", u."metric", u."value", u."text", u."receivedAt", u."id",
        CAST(SUBSTR(u."period", 1, 4) AS INTEGER) * 12 + CASE SUBSTR(u."period", 6, 1)
            WHEN 'M' THEN CAST(SUBSTR(u."period", 7, 2) AS INTEGER) - 1
            WHEN 'Q' THEN (CAST(SUBSTR(u."period", 7, 1) AS INTEGER) - 1) * 3
            WHEN 'H' THEN (CAST(SUBSTR(u."period", 7, 1) AS INTEGER) - 1) * 6
            ELSE 0 END AS "firstMonth",
        ROW_NUMBER() OVER (PARTITION BY u."agencyId", u."period", u."metric" ORDER BY u."receivedAt" DESC, u."id" DESC) AS "rank",
        COUNT(*) OVER (PARTITION BY u."agencyId", u."period", u."metric") AS "versions"
    FROM "ProgressUpdate" u
    WHERE (u."value" IS NOT NULL OR u."text" IS NOT NULL)
      AND (u."period" LIKE '____-M__' OR u."period" LIKE '____-Q_' OR u."period" LIKE '____-H_' OR u."period" = SUBSTR(u."period", 1, 4) || '-Y')
) latest
WHERE "rank" = 1
-- Stored period by period, the way summaries read them.
ORDER BY "period", "agencyId";
