import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { NODE, dashboardBase, graph, nodeVariable, quantile, rate, single } from './panels.js';

const OVERVIEW_UID = 'danmaku-overview';
const NODE_UID = 'danmaku-node';

/** The fleet at a glance: is the live event healthy across every picked node. */
export function overview(): dashboard.Dashboard {
  return dashboardBase(
    OVERVIEW_UID,
    'Danmaku / Overview',
    'Traffic, connections, heartbeats, reconnects, latency, errors, bus and process across danmaku nodes.',
  )
    .withVariable(nodeVariable(true))
    .link(
      new dashboard.DashboardLinkBuilder('Node drill-down')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags(['danmaku'])
        .includeVars(true)
        .keepTime(true)
        .asDropdown(false),
    )
    .withRow(new dashboard.RowBuilder('Summary'))
    .withPanel(
      single('Nodes up', 'Nodes Prometheus scraped successfully.', 'short', {
        expr: 'sum(up{job="danmaku"})',
        legend: 'nodes',
      }),
    )
    .withPanel(
      single('Open connections', 'WebSocket and long-poll connections open now.', 'short', {
        expr: `sum(danmaku_connections_open{${NODE}})`,
        legend: 'open',
      }),
    )
    .withPanel(
      single('Comments accepted /s', 'Comments stored on the bus and acknowledged.', 'cps', {
        expr: rate('danmaku_comments_accepted_total'),
        legend: 'accepted',
      }),
    )
    .withPanel(
      single('Deliveries /s', 'Batch frames handed to viewers.', 'ops', {
        expr: rate('danmaku_delivered_frames_total'),
        legend: 'frames',
      }),
    )
    .withPanel(
      single(
        'p99 delivery latency',
        'Ingest to fan-out, 99th percentile.',
        's',
        { expr: quantile(0.99, 'danmaku_delivery_latency_seconds'), legend: 'p99' },
        0.5,
      ),
    )
    .withPanel(
      single(
        'Bus disconnected nodes',
        'Nodes whose bus cannot store batches: their viewers get UNAVAILABLE.',
        'short',
        { expr: `count(danmaku_bus_connected{${NODE}} == 0) or vector(0)`, legend: 'nodes' },
        1,
      ),
    )

    .withRow(new dashboard.RowBuilder('Traffic'))
    .withPanel(
      graph('Comments', 'Comment frames received, accepted, refused.', 'cps', [
        { expr: rate('danmaku_comments_received_total'), legend: 'received' },
        { expr: rate('danmaku_comments_accepted_total'), legend: 'accepted' },
        { expr: rate('danmaku_comments_refused_total'), legend: 'refused' },
        { expr: rate('danmaku_comments_shed_total'), legend: 'shed (room over budget)' },
      ]),
    )
    .withPanel(
      graph('Deliveries', 'Batch frames sent to viewers (one per viewer per batch), per node.', 'ops', [
        { expr: rate('danmaku_delivered_frames_total', ['node']), legend: '{{node}}' },
      ]),
    )
    .withPanel(
      graph('Delivered bytes', 'Bytes of batch frames sent to viewers, per node.', 'Bps', [
        { expr: rate('danmaku_delivered_bytes_total', ['node']), legend: '{{node}}' },
      ]),
    )
    .withPanel(
      graph('Batches published', 'Batches stored on the bus, per node.', 'ops', [
        { expr: rate('danmaku_batches_published_total', ['node']), legend: '{{node}}' },
      ]),
    )
    .withPanel(
      graph('Batch size', 'Danmaku per batch, median and 99th percentile.', 'short', [
        { expr: quantile(0.5, 'danmaku_batch_items'), legend: 'p50 items' },
        { expr: quantile(0.99, 'danmaku_batch_items'), legend: 'p99 items' },
      ]),
    )
    .withPanel(
      graph('Rooms and viewers', 'Rooms with local viewers, and room memberships.', 'short', [
        { expr: `sum(danmaku_rooms_active{${NODE}})`, legend: 'rooms (sum over nodes)' },
        { expr: `sum(danmaku_viewers{${NODE}})`, legend: 'viewers' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Connections'))
    .withPanel(
      graph('Open connections', 'Per node and transport.', 'short', [
        { expr: `sum by (node, transport) (danmaku_connections_open{${NODE}})`, legend: '{{node}} {{transport}}' },
      ]),
    )
    .withPanel(
      graph('Connections closed by reason', 'client, heartbeat, backpressure, auth, protocol, drain.', 'ops', [
        { expr: rate('danmaku_connections_closed_total', ['reason']), legend: '{{reason}}' },
      ]),
    )
    .withPanel(
      graph('Upgrades refused', 'WebSocket upgrades refused, by reason.', 'ops', [
        { expr: rate('danmaku_upgrades_refused_total', ['reason']), legend: '{{reason}}' },
      ]),
    )
    .withPanel(
      graph('Connections opened', 'New connections per second, per node.', 'ops', [
        { expr: rate('danmaku_connections_opened_total', ['node']), legend: '{{node}}' },
      ]),
    )
    .withPanel(
      graph('Connection duration', 'How long closed connections had stayed open.', 's', [
        { expr: quantile(0.5, 'danmaku_connection_duration_seconds'), legend: 'p50' },
        { expr: quantile(0.9, 'danmaku_connection_duration_seconds'), legend: 'p90' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Heartbeats'))
    .withPanel(
      graph('Application heartbeats', 'Pings received and pongs sent.', 'ops', [
        { expr: rate('danmaku_heartbeat_pings_received_total'), legend: 'pings' },
        { expr: rate('danmaku_heartbeat_pongs_sent_total'), legend: 'pongs' },
      ]),
    )
    .withPanel(
      graph('Heartbeat timeout ratio', 'Share of closes caused by silence for the whole idle timeout.', 'percentunit', [
        {
          expr: `sum by (node) (rate(danmaku_connections_closed_total{${NODE}, reason="heartbeat"}[$__rate_interval])) / sum by (node) (rate(danmaku_connections_closed_total{${NODE}}[$__rate_interval]))`,
          legend: '{{node}}',
        },
      ]),
    )
    .withPanel(
      graph('Round-trip time', 'Server-timed WebSocket ping to pong.', 's', [
        { expr: quantile(0.5, 'danmaku_heartbeat_rtt_seconds'), legend: 'p50' },
        { expr: quantile(0.99, 'danmaku_heartbeat_rtt_seconds'), legend: 'p99' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Reconnects'))
    .withPanel(
      graph('Reconnects seen', 'Connections whose hello said reconnect attempt > 0, by platform.', 'ops', [
        { expr: rate('danmaku_reconnects_total', ['platform']), legend: '{{platform}}' },
      ]),
    )
    .withPanel(
      graph('Join outcomes', 'Resumed from a cursor, gap (history lost), or fresh.', 'ops', [
        { expr: rate('danmaku_resume_total', ['outcome']), legend: '{{outcome}}' },
      ]),
    )
    .withPanel(
      graph('Time to reconnect (client)', 'From disconnect to reconnected, reported by clients.', 's', [
        { expr: quantile(0.5, 'danmaku_client_reconnect_duration_seconds', ['platform']), legend: 'p50 {{platform}}' },
        { expr: quantile(0.99, 'danmaku_client_reconnect_duration_seconds', ['platform']), legend: 'p99 {{platform}}' },
      ]),
    )
    .withPanel(
      graph('Attempts to reconnect (client)', 'Attempts clients needed, 90th percentile.', 'short', [
        { expr: quantile(0.9, 'danmaku_client_reconnect_attempts', ['platform']), legend: 'p90 {{platform}}' },
      ]),
    )
    .withPanel(
      graph('Time to first connect (client)', 'From a first connection attempt to open, reported by clients.', 's', [
        { expr: quantile(0.5, 'danmaku_client_connect_duration_seconds', ['platform']), legend: 'p50 {{platform}}' },
        { expr: quantile(0.99, 'danmaku_client_connect_duration_seconds', ['platform']), legend: 'p99 {{platform}}' },
      ]),
    )
    .withPanel(
      graph('Client telemetry', 'Events reported by clients, and events dropped as invalid or over budget.', 'ops', [
        { expr: rate('danmaku_client_events_total', ['kind']), legend: '{{kind}}' },
        { expr: rate('danmaku_client_events_rejected_total', ['reason']), legend: 'rejected {{reason}}' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Latency'))
    .withPanel(
      graph(
        'Delivery latency',
        'From the first comment of a batch reaching a node to the batch handed to viewers.',
        's',
        [
          { expr: quantile(0.5, 'danmaku_delivery_latency_seconds'), legend: 'p50' },
          { expr: quantile(0.99, 'danmaku_delivery_latency_seconds'), legend: 'p99' },
        ],
        12,
      ),
    )
    .withPanel(
      graph(
        'Bus publish latency',
        'Time for the bus to acknowledge a stored batch.',
        's',
        [
          { expr: quantile(0.5, 'danmaku_bus_publish_latency_seconds'), legend: 'p50' },
          { expr: quantile(0.99, 'danmaku_bus_publish_latency_seconds'), legend: 'p99' },
        ],
        12,
      ),
    )

    .withRow(new dashboard.RowBuilder('Errors'))
    .withPanel(
      graph('Comments refused', 'By error code.', 'cps', [
        { expr: rate('danmaku_comments_refused_total', ['code']), legend: '{{code}}' },
      ]),
    )
    .withPanel(
      graph('Bad frames', 'Frames that could not be decoded or were not allowed.', 'ops', [
        { expr: rate('danmaku_bad_frames_total', ['node']), legend: '{{node}}' },
      ]),
    )
    .withPanel(
      graph('Backpressure drops', 'Viewers closed because too much was queued for them.', 'ops', [
        { expr: rate('danmaku_backpressure_drops_total', ['node']), legend: '{{node}}' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Bus (NATS)'))
    .withPanel(
      graph('Bus connected', '1 while the bus can store batches.', 'short', [
        { expr: `danmaku_bus_connected{${NODE}}`, legend: '{{node}}' },
      ]),
    )
    .withPanel(
      graph('Bus reconnects and failures', 'Reconnections of the bus, and batches it could not store.', 'ops', [
        { expr: rate('danmaku_bus_reconnects_total', ['node']), legend: 'reconnects {{node}}' },
        { expr: rate('danmaku_bus_publish_failures_total', ['node']), legend: 'failures {{node}}' },
      ]),
    )
    .withPanel(
      graph(
        'Resumes: window and history reads',
        "Cursors answered from the node's recent batches, and history reads from the bus (JetStream reads on NATS).",
        'ops',
        [
          { expr: rate('danmaku_resume_window_hits_total', ['node']), legend: 'window {{node}}' },
          { expr: rate('danmaku_bus_history_reads_total', ['node']), legend: 'bus reads {{node}}' },
        ],
      ),
    )
    .withPanel(
      graph('History', 'Batches held in room history for resume.', 'short', [
        { expr: `danmaku_history_batches{${NODE}}`, legend: '{{node}}' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Process'))
    .withPanel(
      graph(
        'Event-loop lag',
        'p99 of the event-loop delay, per node.',
        's',
        [{ expr: `nodejs_eventloop_lag_p99_seconds{${NODE}}`, legend: '{{node}}' }],
        6,
      ),
    )
    .withPanel(
      graph(
        'CPU',
        'CPU seconds per second (1 = one core).',
        'percentunit',
        [{ expr: rate('process_cpu_seconds_total', ['node']), legend: '{{node}}' }],
        6,
      ),
    )
    .withPanel(
      graph(
        'Memory',
        'Resident set and used heap.',
        'bytes',
        [
          { expr: `process_resident_memory_bytes{${NODE}}`, legend: 'rss {{node}}' },
          { expr: `sum by (node) (nodejs_heap_size_used_bytes{${NODE}})`, legend: 'heap {{node}}' },
        ],
        6,
      ),
    )
    .withPanel(
      graph(
        'GC time',
        'Seconds per second spent in garbage collection.',
        'percentunit',
        [{ expr: rate('nodejs_gc_duration_seconds_sum', ['node']), legend: '{{node}}' }],
        6,
      ),
    )
    .build();
}

/** One node in detail: what it carries, how its sockets and bus behave, and its process. */
export function node(): dashboard.Dashboard {
  return dashboardBase(NODE_UID, 'Danmaku / Node', 'One danmaku node in detail.')
    .withVariable(nodeVariable(false))
    .link(
      new dashboard.DashboardLinkBuilder('Overview')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags(['danmaku'])
        .includeVars(false)
        .keepTime(true),
    )
    .withRow(new dashboard.RowBuilder('Now'))
    .withPanel(
      single('Connections', 'Open on this node.', 'short', {
        expr: `sum(danmaku_connections_open{${NODE}})`,
        legend: 'open',
      }),
    )
    .withPanel(
      single('Rooms', 'Rooms with a viewer on this node.', 'short', {
        expr: `sum(danmaku_rooms_active{${NODE}})`,
        legend: 'rooms',
      }),
    )
    .withPanel(
      single('Viewers', 'Room memberships on this node.', 'short', {
        expr: `sum(danmaku_viewers{${NODE}})`,
        legend: 'viewers',
      }),
    )
    .withPanel(single('Bus', '1 = connected.', 'short', { expr: `min(danmaku_bus_connected{${NODE}})`, legend: 'bus' }))
    .withPanel(
      single(
        'Event-loop lag p99',
        'Above 0.2 s viewers see danmaku stutter.',
        's',
        { expr: `max(nodejs_eventloop_lag_p99_seconds{${NODE}})`, legend: 'lag' },
        0.2,
      ),
    )
    .withPanel(
      single('Heap used', 'V8 heap in use.', 'bytes', {
        expr: `sum(nodejs_heap_size_used_bytes{${NODE}})`,
        legend: 'heap',
      }),
    )

    .withRow(new dashboard.RowBuilder('Traffic'))
    .withPanel(
      graph('Comments', 'Received, accepted, and refused by code.', 'cps', [
        { expr: rate('danmaku_comments_received_total'), legend: 'received' },
        { expr: rate('danmaku_comments_accepted_total'), legend: 'accepted' },
        { expr: rate('danmaku_comments_refused_total', ['code']), legend: 'refused {{code}}' },
        { expr: rate('danmaku_comments_shed_total'), legend: 'shed (room over budget)' },
      ]),
    )
    .withPanel(
      graph('Deliveries', 'Frames and bytes to viewers.', 'ops', [
        { expr: rate('danmaku_delivered_frames_total'), legend: 'frames' },
      ]),
    )
    .withPanel(
      graph('Delivered bytes', 'Bytes of batch frames to viewers.', 'Bps', [
        { expr: rate('danmaku_delivered_bytes_total'), legend: 'bytes' },
      ]),
    )
    .withPanel(
      graph('Batch bytes', 'Encoded size of batches this node published.', 'bytes', [
        { expr: quantile(0.5, 'danmaku_batch_bytes'), legend: 'p50' },
        { expr: quantile(0.99, 'danmaku_batch_bytes'), legend: 'p99' },
      ]),
    )
    .withPanel(
      graph('Delivery latency', 'Ingest to fan-out on this node.', 's', [
        { expr: quantile(0.5, 'danmaku_delivery_latency_seconds'), legend: 'p50' },
        { expr: quantile(0.99, 'danmaku_delivery_latency_seconds'), legend: 'p99' },
      ]),
    )
    .withPanel(
      graph('Bus publish latency', 'Time to a stored batch.', 's', [
        { expr: quantile(0.99, 'danmaku_bus_publish_latency_seconds'), legend: 'p99' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Sockets'))
    .withPanel(
      graph('Closes by reason', "Why this node's connections ended.", 'ops', [
        { expr: rate('danmaku_connections_closed_total', ['reason']), legend: '{{reason}}' },
      ]),
    )
    .withPanel(
      graph('Heartbeat timeouts', 'Connections dropped for silence.', 'ops', [
        { expr: rate('danmaku_heartbeat_timeouts_total'), legend: 'timeouts' },
      ]),
    )
    .withPanel(
      graph('Round-trip time', 'Server-timed WebSocket ping to pong.', 's', [
        { expr: quantile(0.99, 'danmaku_heartbeat_rtt_seconds'), legend: 'p99' },
      ]),
    )
    .withPanel(
      graph('Reconnects and resumes', 'Reconnecting clients and the outcome of their joins.', 'ops', [
        { expr: rate('danmaku_reconnects_total', ['platform']), legend: 'reconnect {{platform}}' },
        { expr: rate('danmaku_resume_total', ['outcome']), legend: 'join {{outcome}}' },
      ]),
    )
    .withPanel(
      graph('Backpressure and bad frames', 'Slow viewers dropped, undecodable frames.', 'ops', [
        { expr: rate('danmaku_backpressure_drops_total'), legend: 'slow viewers' },
        { expr: rate('danmaku_bad_frames_total'), legend: 'bad frames' },
      ]),
    )
    .withPanel(
      graph('History', 'Batches held for resume.', 'short', [
        { expr: `danmaku_history_batches{${NODE}}`, legend: 'batches' },
      ]),
    )

    .withRow(new dashboard.RowBuilder('Process'))
    .withPanel(
      graph('Event-loop lag', 'Percentiles of the event-loop delay.', 's', [
        { expr: `nodejs_eventloop_lag_p50_seconds{${NODE}}`, legend: 'p50' },
        { expr: `nodejs_eventloop_lag_p99_seconds{${NODE}}`, legend: 'p99' },
      ]),
    )
    .withPanel(
      graph('CPU', 'CPU seconds per second.', 'percentunit', [
        { expr: rate('process_cpu_seconds_total'), legend: 'cpu' },
      ]),
    )
    .withPanel(
      graph('Memory', 'Resident set and heap.', 'bytes', [
        { expr: `process_resident_memory_bytes{${NODE}}`, legend: 'rss' },
        { expr: `sum(nodejs_heap_size_used_bytes{${NODE}})`, legend: 'heap used' },
        { expr: `sum(nodejs_heap_size_total_bytes{${NODE}})`, legend: 'heap total' },
      ]),
    )
    .withPanel(
      graph('GC', 'Collections per second by kind.', 'ops', [
        { expr: rate('nodejs_gc_duration_seconds_count', ['kind']), legend: '{{kind}}' },
      ]),
    )
    .withPanel(
      graph('Open handles', 'libuv handles held open.', 'short', [
        { expr: `nodejs_active_handles_total{${NODE}}`, legend: 'handles' },
      ]),
    )
    .build();
}

/** Every dashboard, by the file name it is provisioned from. */
export function dashboards(): Record<string, dashboard.Dashboard> {
  return { 'overview.json': overview(), 'node.json': node() };
}

export function render(board: dashboard.Dashboard): string {
  return `${JSON.stringify(board, null, 2)}\n`;
}
