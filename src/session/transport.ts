import type { TransportName } from '../domain/connection.js';
import type { Delivery } from './session.js';

/**
 * What a transport does for the session protocol: move encoded frames and room subscriptions for
 * one connection handle `C` (a uWS socket, a held long-poll request). One object per transport,
 * not per connection: every method takes the connection, so a connection costs no closure.
 * The session never calls a method on a connection it knows to be closed.
 */
export interface SessionTransport<C> {
  /** The `transport` label of connection metrics. */
  readonly name: TransportName;
  /**
   * The transport keeps nothing between requests (long-poll): a session lives for one request,
   * so `welcome` answers each hello instead of opening the connection, and a join is a cursor sent
   * again with every request, answered by its replay alone when it resumes (no `joined`).
   */
  readonly stateless: boolean;
  /**
   * Queues one encoded ServerFrame. False when the transport could not (a queue over its hard
   * limit): it is closing the connection then, and the caller stops sending.
   */
  send(conn: C, frame: Uint8Array): boolean;
  /** From now on, hands the room's live batches to this connection, in the form `delivery` names. */
  subscribe(conn: C, room: string, delivery: Delivery): void;
  /** Stops the room's live batches; a no-op when not subscribed. */
  unsubscribe(conn: C, room: string, delivery: Delivery): void;
  /**
   * Queues one encoded ServerFrame produced after an await (an ack), in order with the connection's
   * other such frames. The transport may hold it to the end of the turn and write them together:
   * a poster's acks settle one by one, and one write each was the costliest line of the many-rooms
   * profile (docs/benchmarks.md). Nothing is sent once the connection closed.
   */
  sendSoon(conn: C, frame: Uint8Array): void;
  /** Runs `work` with the connection's writes coalesced into one (uWS cork); used for writes after an await. */
  cork(conn: C, work: () => void): void;
  /**
   * Ends the connection from the server side after what was queued: `code` is a close code
   * (src/protocol/close-codes.ts), `text` its reason. The transport later reports the end with
   * SessionProtocol.closed.
   */
  close(conn: C, code: number, text: string): void;
}
