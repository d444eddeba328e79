package io.sysotel.collector.api;

/**
 * Where a record comes from: the {@code src} of the JSON message.
 *
 * @param directiveId the pipeline's id (a configured pipeline's name, or a subscribed directive's id)
 * @param hostname the node's host name
 * @param instanceId this collector run's id (new at every start)
 * @param name the task's name: {@code syscalls}
 * @param agentId this collector's id (stable for the node)
 */
public record Source(String directiveId, String hostname, String instanceId, String name, String agentId) {}
