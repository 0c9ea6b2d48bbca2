import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { ClusterEvent } from './cluster-event';
import { EventBus } from './event-bus';

/** The bus of a single instance (SQLite): events never leave the process. */
@Injectable()
export class InProcessEventBus extends EventBus {
  private readonly subject = new Subject<ClusterEvent>();
  readonly events$ = this.subject.asObservable();
  // One process writes all messages, and the timeline publishes them in id order.
  override readonly deliversMessagesInIdOrder = true;

  publish(event: Parameters<EventBus['publish']>[0]): Promise<void> {
    this.subject.next(event);
    return Promise.resolve();
  }
}
