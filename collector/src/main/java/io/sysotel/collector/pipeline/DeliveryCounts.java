package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;

/**
 * What became of one pipeline's records at its exporters: exported, or lost (dropped by a full
 * queue or failed). Summed over the pipeline's exporters, so a record sent to two exporters
 * counts twice.
 */
record DeliveryCounts(Counter exported, Counter lost) {}
