import { Observable } from 'rxjs';
import type { ClusterEvent } from './cluster-event';

/**
 * Carries ClusterEvents to every server instance. Subscribers see events in the order they were
 * published by one instance; a publish resolves once the event is on its way to all of them.
 */
export abstract class EventBus {
  abstract readonly events$: Observable<ClusterEvent>;
  /**
   * True when every subscriber sees message events in id order, none missing. A waiting poll
   * may then answer with the message an event carries instead of querying the database.
   */
  readonly deliversMessagesInIdOrder: boolean = false;
  abstract publish(event: Exclude<ClusterEvent, { type: 'resync' }>): Promise<void>;

  /**
   * Resolves once the events published so far have reached the other instances, as far as this one
   * can tell; at once where there are no others. For what must hold everywhere before the answer
   * (a signed-out session refused by every instance).
   */
  delivered(): Promise<void> {
    return Promise.resolve();
  }
}
