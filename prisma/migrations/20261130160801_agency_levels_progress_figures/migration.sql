-- CreateTable
CREATE TABLE "ProgressCurrent" (
    "agencyId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "firstMonth" INTEGER NOT NULL,
    "endMonth" INTEGER NOT NULL,
    "value" REAL,
    "text" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "updateId" INTEGER NOT NULL,
    "versions" INTEGER NOT NULL,

    PRIMARY KEY ("agencyId", "period", "metric")
);

-- CreateTable
CREATE TABLE "ProgressFigure" (
    "agencyId" INTEGER NOT NULL,
    "window" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" REAL,
    "text" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "period" TEXT NOT NULL,

    PRIMARY KEY ("agencyId", "window", "metric")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "note" TEXT,
    "provinceCode" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'province',
    "parentId" INTEGER,
    "mergedIntoId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Agency_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Province" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Agency_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Agency" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Agency" ("code", "createdAt", "id", "kind", "mergedIntoId", "name", "note", "provinceCode") SELECT "code", "createdAt", "id", "kind", "mergedIntoId", "name", "note", "provinceCode" FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");
CREATE INDEX "Agency_provinceCode_idx" ON "Agency"("provinceCode");
CREATE INDEX "Agency_parentId_idx" ON "Agency"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProgressCurrent_metric_agencyId_firstMonth_endMonth_receivedAt_updateId_value_idx" ON "ProgressCurrent"("metric", "agencyId", "firstMonth", "endMonth", "receivedAt", "updateId", "value");

-- CreateIndex
CREATE INDEX "ProgressFigure_window_agencyId_metric_value_receivedAt_idx" ON "ProgressFigure"("window", "agencyId", "metric", "value", "receivedAt");

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
