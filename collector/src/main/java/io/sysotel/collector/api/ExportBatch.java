package io.sysotel.collector.api;

import java.util.List;

/**
 * Records of one pipeline, in kernel order, handed to an exporter in one call.
 *
 * @param source identifies the pipeline
 * @param meta which process, container and pod fields the pipeline publishes
 * @param compact true when the pipeline publishes no arguments
 * @param records the records; the list is not modified after it is handed over
 */
public record ExportBatch(Source source, MetaSelection meta, boolean compact, List<SyscallRecord> records) {}
