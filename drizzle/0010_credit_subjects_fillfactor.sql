-- Custom SQL migration file, put your code below! --
-- A re-grade after a model change rewrites every subject's score, grade and model (credit/grading.ts). With room
-- left on each page those updates stay on the page and skip the indexes whose columns did not change (HOT).
ALTER TABLE "credit_subjects" SET (fillfactor = 50);
