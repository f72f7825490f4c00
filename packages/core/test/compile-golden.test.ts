/**
 * Golden SQL per dialect. Typed Record<DialectName, string>, so adding a dialect fails to compile until
 * every spec has its expected SQL. The same SQL shapes run for real in connectors/test/cross-engine.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile/compile-query';
import { type DialectName, dialectNames } from '../src/dialect-name';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import { shopSchema } from './fixtures/shop-schema';
import { goldenSpecs } from './golden-specs';

const golden: Record<keyof typeof goldenSpecs, Record<DialectName, string>> = {
  completedMinusCancelled: {
    duckdb:
      'WITH "agg" AS (SELECT SUM(CASE WHEN "orders"."status" = \'completed\' THEN "orders"."amount" END) AS "completed", SUM(CASE WHEN "orders"."status" = \'cancelled\' THEN "orders"."amount" END) AS "cancelled" FROM "orders") SELECT "completed", "cancelled", "gap" FROM (SELECT "agg".*, "agg"."completed" - "agg"."cancelled" AS "gap" FROM "agg") AS "calc"',
    postgres:
      'WITH "agg" AS (SELECT SUM(CASE WHEN "orders"."status" = \'completed\' THEN "orders"."amount" END) AS "completed", SUM(CASE WHEN "orders"."status" = \'cancelled\' THEN "orders"."amount" END) AS "cancelled" FROM "orders") SELECT "completed", "cancelled", "gap" FROM (SELECT "agg".*, "agg"."completed" - "agg"."cancelled" AS "gap" FROM "agg") AS "calc"',
    mysql:
      "WITH `agg` AS (SELECT SUM(CASE WHEN `orders`.`status` = 'completed' THEN `orders`.`amount` END) AS `completed`, SUM(CASE WHEN `orders`.`status` = 'cancelled' THEN `orders`.`amount` END) AS `cancelled` FROM `orders`) SELECT `completed`, `cancelled`, `gap` FROM (SELECT `agg`.*, `agg`.`completed` - `agg`.`cancelled` AS `gap` FROM `agg`) AS `calc`",
    sqlite:
      'WITH "agg" AS (SELECT SUM(CASE WHEN "orders"."status" = \'completed\' THEN "orders"."amount" END) AS "completed", SUM(CASE WHEN "orders"."status" = \'cancelled\' THEN "orders"."amount" END) AS "cancelled" FROM "orders") SELECT "completed", "cancelled", "gap" FROM (SELECT "agg".*, "agg"."completed" - "agg"."cancelled" AS "gap" FROM "agg") AS "calc"',
  },
  revenueByRegion: {
    duckdb:
      'SELECT "customers"."region" AS "region", SUM("orders"."amount") AS "revenue" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" WHERE "customers"."name" ILIKE \'%o\'\'b!_1%\' ESCAPE \'!\' GROUP BY "customers"."region" ORDER BY SUM("orders"."amount") DESC NULLS LAST, "customers"."region" ASC NULLS LAST LIMIT 10',
    postgres:
      'SELECT "customers"."region" AS "region", SUM("orders"."amount") AS "revenue" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" WHERE "customers"."name" ILIKE \'%o\'\'b!_1%\' ESCAPE \'!\' GROUP BY "customers"."region" ORDER BY SUM("orders"."amount") DESC NULLS LAST, "customers"."region" ASC NULLS LAST LIMIT 10',
    mysql:
      "SELECT `customers`.`region` AS `region`, SUM(`orders`.`amount`) AS `revenue` FROM `orders` LEFT JOIN `customers` ON `orders`.`customer_id` = `customers`.`id` WHERE LOWER(`customers`.`name`) LIKE LOWER('%o''b!_1%') ESCAPE '!' GROUP BY `customers`.`region` ORDER BY (SUM(`orders`.`amount`) IS NULL), SUM(`orders`.`amount`) DESC, (`customers`.`region` IS NULL), `customers`.`region` ASC LIMIT 10",
    sqlite:
      'SELECT "customers"."region" AS "region", SUM("orders"."amount") AS "revenue" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" WHERE LOWER("customers"."name") LIKE LOWER(\'%o\'\'b!_1%\') ESCAPE \'!\' GROUP BY "customers"."region" ORDER BY SUM("orders"."amount") DESC NULLS LAST, "customers"."region" ASC NULLS LAST LIMIT 10',
  },
  monthlyChangeLastQuarter: {
    duckdb:
      'WITH "agg" AS (SELECT CAST(date_trunc(\'month\', "orders"."order_date") AS DATE) AS "month", COUNT(*) AS "orders" FROM "orders" WHERE ("orders"."order_date" >= DATE \'2024-04-01\' AND "orders"."order_date" < DATE \'2024-07-01\') GROUP BY CAST(date_trunc(\'month\', "orders"."order_date") AS DATE)) SELECT "month", "orders", "change" FROM (SELECT "agg".*, (CAST("agg"."orders" AS DOUBLE) - LAG("agg"."orders") OVER (ORDER BY "agg"."month" ASC NULLS LAST)) / NULLIF(LAG("agg"."orders") OVER (ORDER BY "agg"."month" ASC NULLS LAST), 0) AS "change" FROM "agg") AS "calc" ORDER BY "month" ASC NULLS LAST',
    postgres:
      'WITH "agg" AS (SELECT CAST(date_trunc(\'month\', "orders"."order_date") AS DATE) AS "month", COUNT(*) AS "orders" FROM "orders" WHERE ("orders"."order_date" >= DATE \'2024-04-01\' AND "orders"."order_date" < DATE \'2024-07-01\') GROUP BY CAST(date_trunc(\'month\', "orders"."order_date") AS DATE)) SELECT "month", "orders", "change" FROM (SELECT "agg".*, (CAST("agg"."orders" AS DOUBLE PRECISION) - LAG("agg"."orders") OVER (ORDER BY "agg"."month" ASC NULLS LAST)) / NULLIF(LAG("agg"."orders") OVER (ORDER BY "agg"."month" ASC NULLS LAST), 0) AS "change" FROM "agg") AS "calc" ORDER BY "month" ASC NULLS LAST',
    mysql:
      "WITH `agg` AS (SELECT CAST(DATE_FORMAT(`orders`.`order_date`, '%Y-%m-01') AS DATE) AS `month`, COUNT(*) AS `orders` FROM `orders` WHERE (`orders`.`order_date` >= DATE '2024-04-01' AND `orders`.`order_date` < DATE '2024-07-01') GROUP BY CAST(DATE_FORMAT(`orders`.`order_date`, '%Y-%m-01') AS DATE)) SELECT `month`, `orders`, `change` FROM (SELECT `agg`.*, (CAST(`agg`.`orders` AS DOUBLE) - LAG(`agg`.`orders`) OVER (ORDER BY (`agg`.`month` IS NULL), `agg`.`month` ASC)) / NULLIF(LAG(`agg`.`orders`) OVER (ORDER BY (`agg`.`month` IS NULL), `agg`.`month` ASC), 0) AS `change` FROM `agg`) AS `calc` ORDER BY (`month` IS NULL), `month` ASC",
    sqlite:
      'WITH "agg" AS (SELECT date("orders"."order_date", \'start of month\') AS "month", COUNT(*) AS "orders" FROM "orders" WHERE ("orders"."order_date" >= \'2024-04-01\' AND "orders"."order_date" < \'2024-07-01\') GROUP BY date("orders"."order_date", \'start of month\')) SELECT "month", "orders", "change" FROM (SELECT "agg".*, (CAST("agg"."orders" AS REAL) - LAG("agg"."orders") OVER (ORDER BY "agg"."month" ASC NULLS LAST)) / NULLIF(LAG("agg"."orders") OVER (ORDER BY "agg"."month" ASC NULLS LAST), 0) AS "change" FROM "agg") AS "calc" ORDER BY "month" ASC NULLS LAST',
  },
  medianByStatus: {
    duckdb:
      'SELECT "orders"."status" AS "status", quantile_cont(CAST("orders"."amount" AS DOUBLE), 0.5) AS "median_amount" FROM "orders" GROUP BY "orders"."status" ORDER BY "orders"."status" ASC NULLS LAST',
    postgres:
      'SELECT "orders"."status" AS "status", percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("orders"."amount" AS DOUBLE PRECISION)) AS "median_amount" FROM "orders" GROUP BY "orders"."status" ORDER BY "orders"."status" ASC NULLS LAST',
    mysql:
      'WITH `agg` AS (SELECT `status`, (MAX(CASE WHEN `__rn0` = FLOOR((0.5 * (`__n0` - 1))) + 1 THEN CAST(`__a0` AS DOUBLE) END) + MAX((0.5 * (`__n0` - 1)) - FLOOR((0.5 * (`__n0` - 1)))) * (MAX(CASE WHEN `__rn0` = CASE WHEN FLOOR((0.5 * (`__n0` - 1))) + 1 < `__n0` THEN FLOOR((0.5 * (`__n0` - 1))) + 1 ELSE FLOOR((0.5 * (`__n0` - 1))) END + 1 THEN CAST(`__a0` AS DOUBLE) END) - MAX(CASE WHEN `__rn0` = FLOOR((0.5 * (`__n0` - 1))) + 1 THEN CAST(`__a0` AS DOUBLE) END))) AS `median_amount` FROM (SELECT `r`.*, ROW_NUMBER() OVER (PARTITION BY `status`, CASE WHEN `__a0` IS NULL THEN 1 ELSE 0 END ORDER BY `__a0`) AS `__rn0`, COUNT(`__a0`) OVER (PARTITION BY `status`) AS `__n0` FROM (SELECT `orders`.`status` AS `status`, `orders`.`amount` AS `__a0` FROM `orders`) AS `r`) AS `rows_` GROUP BY `status`) SELECT `status`, `median_amount` FROM `agg` ORDER BY (`status` IS NULL), `status` ASC',
    sqlite:
      'WITH "agg" AS (SELECT "status", (MAX(CASE WHEN "__rn0" = CAST((0.5 * ("__n0" - 1)) AS INTEGER) + 1 THEN CAST("__a0" AS REAL) END) + MAX((0.5 * ("__n0" - 1)) - CAST((0.5 * ("__n0" - 1)) AS INTEGER)) * (MAX(CASE WHEN "__rn0" = CASE WHEN CAST((0.5 * ("__n0" - 1)) AS INTEGER) + 1 < "__n0" THEN CAST((0.5 * ("__n0" - 1)) AS INTEGER) + 1 ELSE CAST((0.5 * ("__n0" - 1)) AS INTEGER) END + 1 THEN CAST("__a0" AS REAL) END) - MAX(CASE WHEN "__rn0" = CAST((0.5 * ("__n0" - 1)) AS INTEGER) + 1 THEN CAST("__a0" AS REAL) END))) AS "median_amount" FROM (SELECT "r".*, ROW_NUMBER() OVER (PARTITION BY "status", CASE WHEN "__a0" IS NULL THEN 1 ELSE 0 END ORDER BY "__a0") AS "__rn0", COUNT("__a0") OVER (PARTITION BY "status") AS "__n0" FROM (SELECT "orders"."status" AS "status", "orders"."amount" AS "__a0" FROM "orders") AS "r") AS "rows_" GROUP BY "status") SELECT "status", "median_amount" FROM "agg" ORDER BY "status" ASC NULLS LAST',
  },
  fanOutByCategory: {
    duckdb:
      'WITH "agg" AS (SELECT "category", SUM("__a0") AS "revenue" FROM (SELECT DISTINCT "orders"."id" AS "__k0", "products"."category" AS "category", "orders"."amount" AS "__a0" FROM "orders" LEFT JOIN "order_lines" ON "order_lines"."order_id" = "orders"."id" LEFT JOIN "products" ON "order_lines"."product_id" = "products"."id") AS "rows_" GROUP BY "category") SELECT "category", "revenue" FROM "agg" ORDER BY "category" ASC NULLS LAST',
    postgres:
      'WITH "agg" AS (SELECT "category", SUM("__a0") AS "revenue" FROM (SELECT DISTINCT "orders"."id" AS "__k0", "products"."category" AS "category", "orders"."amount" AS "__a0" FROM "orders" LEFT JOIN "order_lines" ON "order_lines"."order_id" = "orders"."id" LEFT JOIN "products" ON "order_lines"."product_id" = "products"."id") AS "rows_" GROUP BY "category") SELECT "category", "revenue" FROM "agg" ORDER BY "category" ASC NULLS LAST',
    mysql:
      'WITH `agg` AS (SELECT `category`, SUM(`__a0`) AS `revenue` FROM (SELECT DISTINCT `orders`.`id` AS `__k0`, `products`.`category` AS `category`, `orders`.`amount` AS `__a0` FROM `orders` LEFT JOIN `order_lines` ON `order_lines`.`order_id` = `orders`.`id` LEFT JOIN `products` ON `order_lines`.`product_id` = `products`.`id`) AS `rows_` GROUP BY `category`) SELECT `category`, `revenue` FROM `agg` ORDER BY (`category` IS NULL), `category` ASC',
    sqlite:
      'WITH "agg" AS (SELECT "category", SUM("__a0") AS "revenue" FROM (SELECT DISTINCT "orders"."id" AS "__k0", "products"."category" AS "category", "orders"."amount" AS "__a0" FROM "orders" LEFT JOIN "order_lines" ON "order_lines"."order_id" = "orders"."id" LEFT JOIN "products" ON "order_lines"."product_id" = "products"."id") AS "rows_" GROUP BY "category") SELECT "category", "revenue" FROM "agg" ORDER BY "category" ASC NULLS LAST',
  },
  chasmByRegion: {
    duckdb:
      'WITH "g0" AS (SELECT "customers"."region" AS "region", COUNT(*) AS "orders" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region"), "g1" AS (SELECT "customers"."region" AS "region", SUM("order_lines"."quantity") AS "units" FROM "order_lines" LEFT JOIN "orders" ON "order_lines"."order_id" = "orders"."id" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region"), "agg" AS (SELECT "k"."region", COALESCE("g0"."orders", 0) AS "orders", "g1"."units" AS "units" FROM (SELECT "region" FROM "g0" UNION SELECT "region" FROM "g1") AS "k" LEFT JOIN "g0" ON "k"."region" IS NOT DISTINCT FROM "g0"."region" LEFT JOIN "g1" ON "k"."region" IS NOT DISTINCT FROM "g1"."region") SELECT "region", "orders", "units" FROM "agg" ORDER BY "region" ASC NULLS LAST',
    postgres:
      'WITH "g0" AS (SELECT "customers"."region" AS "region", COUNT(*) AS "orders" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region"), "g1" AS (SELECT "customers"."region" AS "region", SUM("order_lines"."quantity") AS "units" FROM "order_lines" LEFT JOIN "orders" ON "order_lines"."order_id" = "orders"."id" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region"), "agg" AS (SELECT "k"."region", COALESCE("g0"."orders", 0) AS "orders", "g1"."units" AS "units" FROM (SELECT "region" FROM "g0" UNION SELECT "region" FROM "g1") AS "k" LEFT JOIN "g0" ON "k"."region" IS NOT DISTINCT FROM "g0"."region" LEFT JOIN "g1" ON "k"."region" IS NOT DISTINCT FROM "g1"."region") SELECT "region", "orders", "units" FROM "agg" ORDER BY "region" ASC NULLS LAST',
    mysql:
      'WITH `g0` AS (SELECT `customers`.`region` AS `region`, COUNT(*) AS `orders` FROM `orders` LEFT JOIN `customers` ON `orders`.`customer_id` = `customers`.`id` GROUP BY `customers`.`region`), `g1` AS (SELECT `customers`.`region` AS `region`, SUM(`order_lines`.`quantity`) AS `units` FROM `order_lines` LEFT JOIN `orders` ON `order_lines`.`order_id` = `orders`.`id` LEFT JOIN `customers` ON `orders`.`customer_id` = `customers`.`id` GROUP BY `customers`.`region`), `agg` AS (SELECT `k`.`region`, COALESCE(`g0`.`orders`, 0) AS `orders`, `g1`.`units` AS `units` FROM (SELECT `region` FROM `g0` UNION SELECT `region` FROM `g1`) AS `k` LEFT JOIN `g0` ON (`k`.`region` = `g0`.`region` OR (`k`.`region` IS NULL AND `g0`.`region` IS NULL)) LEFT JOIN `g1` ON (`k`.`region` = `g1`.`region` OR (`k`.`region` IS NULL AND `g1`.`region` IS NULL))) SELECT `region`, `orders`, `units` FROM `agg` ORDER BY (`region` IS NULL), `region` ASC',
    sqlite:
      'WITH "g0" AS (SELECT "customers"."region" AS "region", COUNT(*) AS "orders" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region"), "g1" AS (SELECT "customers"."region" AS "region", SUM("order_lines"."quantity") AS "units" FROM "order_lines" LEFT JOIN "orders" ON "order_lines"."order_id" = "orders"."id" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region"), "agg" AS (SELECT "k"."region", COALESCE("g0"."orders", 0) AS "orders", "g1"."units" AS "units" FROM (SELECT "region" FROM "g0" UNION SELECT "region" FROM "g1") AS "k" LEFT JOIN "g0" ON "k"."region" IS "g0"."region" LEFT JOIN "g1" ON "k"."region" IS "g1"."region") SELECT "region", "orders", "units" FROM "agg" ORDER BY "region" ASC NULLS LAST',
  },
  topTwoPerRegionWithHaving: {
    duckdb:
      'WITH "agg" AS (SELECT "customers"."region" AS "region", "orders"."status" AS "status", SUM("orders"."amount") AS "revenue" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region", "orders"."status") SELECT "region", "status", "revenue" FROM (SELECT "agg".*, ROW_NUMBER() OVER (PARTITION BY "agg"."region" ORDER BY "agg"."revenue" DESC NULLS LAST, "agg"."status" ASC NULLS LAST) AS "__top" FROM "agg" WHERE "agg"."revenue" >= 100) AS "calc" WHERE "__top" <= 2 ORDER BY "region" ASC NULLS LAST, "revenue" DESC NULLS LAST, "status" ASC NULLS LAST',
    postgres:
      'WITH "agg" AS (SELECT "customers"."region" AS "region", "orders"."status" AS "status", SUM("orders"."amount") AS "revenue" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region", "orders"."status") SELECT "region", "status", "revenue" FROM (SELECT "agg".*, ROW_NUMBER() OVER (PARTITION BY "agg"."region" ORDER BY "agg"."revenue" DESC NULLS LAST, "agg"."status" ASC NULLS LAST) AS "__top" FROM "agg" WHERE "agg"."revenue" >= 100) AS "calc" WHERE "__top" <= 2 ORDER BY "region" ASC NULLS LAST, "revenue" DESC NULLS LAST, "status" ASC NULLS LAST',
    mysql:
      'WITH `agg` AS (SELECT `customers`.`region` AS `region`, `orders`.`status` AS `status`, SUM(`orders`.`amount`) AS `revenue` FROM `orders` LEFT JOIN `customers` ON `orders`.`customer_id` = `customers`.`id` GROUP BY `customers`.`region`, `orders`.`status`) SELECT `region`, `status`, `revenue` FROM (SELECT `agg`.*, ROW_NUMBER() OVER (PARTITION BY `agg`.`region` ORDER BY (`agg`.`revenue` IS NULL), `agg`.`revenue` DESC, (`agg`.`status` IS NULL), `agg`.`status` ASC) AS `__top` FROM `agg` WHERE `agg`.`revenue` >= 100) AS `calc` WHERE `__top` <= 2 ORDER BY (`region` IS NULL), `region` ASC, (`revenue` IS NULL), `revenue` DESC, (`status` IS NULL), `status` ASC',
    sqlite:
      'WITH "agg" AS (SELECT "customers"."region" AS "region", "orders"."status" AS "status", SUM("orders"."amount") AS "revenue" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" GROUP BY "customers"."region", "orders"."status") SELECT "region", "status", "revenue" FROM (SELECT "agg".*, ROW_NUMBER() OVER (PARTITION BY "agg"."region" ORDER BY "agg"."revenue" DESC NULLS LAST, "agg"."status" ASC NULLS LAST) AS "__top" FROM "agg" WHERE "agg"."revenue" >= 100) AS "calc" WHERE "__top" <= 2 ORDER BY "region" ASC NULLS LAST, "revenue" DESC NULLS LAST, "status" ASC NULLS LAST',
  },
  weeklySpread: {
    duckdb:
      'SELECT CAST(date_trunc(\'week\', "orders"."order_date") AS DATE) AS "week", EXTRACT(isodow FROM "orders"."order_date") AS "weekday", stddev_samp(CAST("orders"."amount" AS DOUBLE)) AS "spread" FROM "orders" WHERE ("orders"."order_date" >= DATE \'2024-01-01\' AND "orders"."order_date" < DATE \'2024-04-01\') GROUP BY CAST(date_trunc(\'week\', "orders"."order_date") AS DATE), EXTRACT(isodow FROM "orders"."order_date") ORDER BY CAST(date_trunc(\'week\', "orders"."order_date") AS DATE) ASC NULLS LAST, EXTRACT(isodow FROM "orders"."order_date") ASC NULLS LAST',
    postgres:
      'SELECT CAST(date_trunc(\'week\', "orders"."order_date") AS DATE) AS "week", CAST(EXTRACT(ISODOW FROM "orders"."order_date") AS INTEGER) AS "weekday", stddev_samp(CAST("orders"."amount" AS DOUBLE PRECISION)) AS "spread" FROM "orders" WHERE ("orders"."order_date" >= DATE \'2024-01-01\' AND "orders"."order_date" < DATE \'2024-04-01\') GROUP BY CAST(date_trunc(\'week\', "orders"."order_date") AS DATE), CAST(EXTRACT(ISODOW FROM "orders"."order_date") AS INTEGER) ORDER BY CAST(date_trunc(\'week\', "orders"."order_date") AS DATE) ASC NULLS LAST, CAST(EXTRACT(ISODOW FROM "orders"."order_date") AS INTEGER) ASC NULLS LAST',
    mysql:
      "SELECT DATE_SUB(DATE(`orders`.`order_date`), INTERVAL WEEKDAY(`orders`.`order_date`) DAY) AS `week`, (WEEKDAY(`orders`.`order_date`) + 1) AS `weekday`, STDDEV_SAMP(CAST(`orders`.`amount` AS DOUBLE)) AS `spread` FROM `orders` WHERE (`orders`.`order_date` >= DATE '2024-01-01' AND `orders`.`order_date` < DATE '2024-04-01') GROUP BY DATE_SUB(DATE(`orders`.`order_date`), INTERVAL WEEKDAY(`orders`.`order_date`) DAY), (WEEKDAY(`orders`.`order_date`) + 1) ORDER BY (DATE_SUB(DATE(`orders`.`order_date`), INTERVAL WEEKDAY(`orders`.`order_date`) DAY) IS NULL), DATE_SUB(DATE(`orders`.`order_date`), INTERVAL WEEKDAY(`orders`.`order_date`) DAY) ASC, ((WEEKDAY(`orders`.`order_date`) + 1) IS NULL), (WEEKDAY(`orders`.`order_date`) + 1) ASC",
    sqlite:
      'SELECT date("orders"."order_date", \'-\' || ((CAST(strftime(\'%w\', "orders"."order_date") AS INTEGER) + 6) % 7) || \' days\') AS "week", ((CAST(strftime(\'%w\', "orders"."order_date") AS INTEGER) + 6) % 7 + 1) AS "weekday", sqrt((SUM(CAST("orders"."amount" AS REAL) * "orders"."amount") - SUM(CAST("orders"."amount" AS REAL)) * SUM("orders"."amount") / COUNT("orders"."amount")) / NULLIF(COUNT("orders"."amount") - 1, 0)) AS "spread" FROM "orders" WHERE ("orders"."order_date" >= \'2024-01-01\' AND "orders"."order_date" < \'2024-04-01\') GROUP BY date("orders"."order_date", \'-\' || ((CAST(strftime(\'%w\', "orders"."order_date") AS INTEGER) + 6) % 7) || \' days\'), ((CAST(strftime(\'%w\', "orders"."order_date") AS INTEGER) + 6) % 7 + 1) ORDER BY date("orders"."order_date", \'-\' || ((CAST(strftime(\'%w\', "orders"."order_date") AS INTEGER) + 6) % 7) || \' days\') ASC NULLS LAST, ((CAST(strftime(\'%w\', "orders"."order_date") AS INTEGER) + 6) % 7 + 1) ASC NULLS LAST',
  },
  yearOverYearByQuarter: {
    duckdb:
      'WITH "agg" AS (SELECT CAST(date_trunc(\'quarter\', "orders"."order_date") AS DATE) AS "quarter", SUM("orders"."amount") AS "revenue" FROM "orders" GROUP BY CAST(date_trunc(\'quarter\', "orders"."order_date") AS DATE)) SELECT "quarter", "revenue", "yoy" FROM (SELECT "agg".*, (CAST("agg"."revenue" AS DOUBLE) - "ly0"."revenue") / NULLIF("ly0"."revenue", 0) AS "yoy" FROM "agg" LEFT JOIN "agg" AS "ly0" ON "ly0"."quarter" = CAST("agg"."quarter" - INTERVAL \'1 year\' AS DATE)) AS "calc" ORDER BY "quarter" ASC NULLS LAST',
    postgres:
      'WITH "agg" AS (SELECT CAST(date_trunc(\'quarter\', "orders"."order_date") AS DATE) AS "quarter", SUM("orders"."amount") AS "revenue" FROM "orders" GROUP BY CAST(date_trunc(\'quarter\', "orders"."order_date") AS DATE)) SELECT "quarter", "revenue", "yoy" FROM (SELECT "agg".*, (CAST("agg"."revenue" AS DOUBLE PRECISION) - "ly0"."revenue") / NULLIF("ly0"."revenue", 0) AS "yoy" FROM "agg" LEFT JOIN "agg" AS "ly0" ON "ly0"."quarter" = CAST("agg"."quarter" - INTERVAL \'1 year\' AS DATE)) AS "calc" ORDER BY "quarter" ASC NULLS LAST',
    mysql:
      'WITH `agg` AS (SELECT DATE_ADD(MAKEDATE(YEAR(`orders`.`order_date`), 1), INTERVAL QUARTER(`orders`.`order_date`) * 3 - 3 MONTH) AS `quarter`, SUM(`orders`.`amount`) AS `revenue` FROM `orders` GROUP BY DATE_ADD(MAKEDATE(YEAR(`orders`.`order_date`), 1), INTERVAL QUARTER(`orders`.`order_date`) * 3 - 3 MONTH)) SELECT `quarter`, `revenue`, `yoy` FROM (SELECT `agg`.*, (CAST(`agg`.`revenue` AS DOUBLE) - `ly0`.`revenue`) / NULLIF(`ly0`.`revenue`, 0) AS `yoy` FROM `agg` LEFT JOIN `agg` AS `ly0` ON `ly0`.`quarter` = DATE_SUB(`agg`.`quarter`, INTERVAL 1 YEAR)) AS `calc` ORDER BY (`quarter` IS NULL), `quarter` ASC',
    sqlite:
      'WITH "agg" AS (SELECT date("orders"."order_date", \'start of month\', \'-\' || ((CAST(strftime(\'%m\', "orders"."order_date") AS INTEGER) - 1) % 3) || \' months\') AS "quarter", SUM("orders"."amount") AS "revenue" FROM "orders" GROUP BY date("orders"."order_date", \'start of month\', \'-\' || ((CAST(strftime(\'%m\', "orders"."order_date") AS INTEGER) - 1) % 3) || \' months\')) SELECT "quarter", "revenue", "yoy" FROM (SELECT "agg".*, (CAST("agg"."revenue" AS REAL) - "ly0"."revenue") / NULLIF("ly0"."revenue", 0) AS "yoy" FROM "agg" LEFT JOIN "agg" AS "ly0" ON "ly0"."quarter" = date("agg"."quarter", \'-1 years\')) AS "calc" ORDER BY "quarter" ASC NULLS LAST',
  },
  plainRows: {
    duckdb:
      'SELECT "orders"."id" AS "order_id", "customers"."name" AS "customer" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" WHERE "orders"."status" IN (\'shipped\', \'back\\slash\') ORDER BY "orders"."id" ASC NULLS LAST LIMIT 50',
    postgres:
      'SELECT "orders"."id" AS "order_id", "customers"."name" AS "customer" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" WHERE "orders"."status" IN (\'shipped\', \'back\\slash\') ORDER BY "orders"."id" ASC NULLS LAST LIMIT 50',
    mysql:
      "SELECT `orders`.`id` AS `order_id`, `customers`.`name` AS `customer` FROM `orders` LEFT JOIN `customers` ON `orders`.`customer_id` = `customers`.`id` WHERE `orders`.`status` IN ('shipped', 'back\\\\slash') ORDER BY (`orders`.`id` IS NULL), `orders`.`id` ASC LIMIT 50",
    sqlite:
      'SELECT "orders"."id" AS "order_id", "customers"."name" AS "customer" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."id" WHERE "orders"."status" IN (\'shipped\', \'back\\slash\') ORDER BY "orders"."id" ASC NULLS LAST LIMIT 50',
  },
};

describe('golden SQL', () => {
  const model = deriveSemanticModel(shopSchema);
  for (const [name, spec] of Object.entries(goldenSpecs)) {
    for (const dialect of dialectNames) {
      it(`${name} on ${dialect}`, () => {
        expect(compileQuery(spec, model, dialect).sql).toBe(
          golden[name as keyof typeof goldenSpecs][dialect],
        );
      });
    }
  }
});
