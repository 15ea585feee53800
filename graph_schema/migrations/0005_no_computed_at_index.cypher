// Nothing looks suggestions up by computedAt, while every recompute writes it: the index only cost writes
// (a first run at 100k associations creates about 1.9 million suggestions).
DROP INDEX suggestion_computed_at IF EXISTS;
