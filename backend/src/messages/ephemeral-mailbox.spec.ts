import type { Ephemeral } from '@chatroom/shared';
import { EPHEMERAL_HOLD_MS, EphemeralMailbox } from './ephemeral-mailbox';

const read = (user: string, id: number): Ephemeral => ({ type: 'read', conversation: 'bob', user, last_read_id: id });
const typing = (...users: string[]): Ephemeral => ({ type: 'typing', conversation: 'room_1', users });

describe('EphemeralMailbox', () => {
  let now = 1_000_000;
  let mailbox: EphemeralMailbox;
  beforeEach(() => {
    now = 1_000_000;
    mailbox = new EphemeralMailbox(() => now);
  });

  it('gives each session what arrived since its last take, once', () => {
    mailbox.take('amy', 'laptop');
    mailbox.take('amy', 'phone');
    mailbox.post('amy', 'read:bob', read('bob', 5));
    expect(mailbox.take('amy', 'laptop')).toEqual([read('bob', 5)]);
    expect(mailbox.take('amy', 'laptop')).toEqual([]);
    expect(mailbox.take('amy', 'phone')).toEqual([read('bob', 5)]);
    expect(mailbox.take('carl', 'desk')).toEqual([]);
  });

  it('keeps only the newest item per key, in the order they arrived', () => {
    mailbox.take('amy', 'laptop');
    mailbox.post('amy', 'typing:room_1', typing('bob'));
    mailbox.post('amy', 'read:bob', read('bob', 5));
    mailbox.post('amy', 'typing:room_1', typing('bob', 'carl'));
    expect(mailbox.take('amy', 'laptop')).toEqual([read('bob', 5), typing('bob', 'carl')]);
  });

  it('drops what no poll took in time: a client coming back later gets no replay', () => {
    mailbox.post('amy', 'read:bob', read('bob', 5));
    now += EPHEMERAL_HOLD_MS;
    expect(mailbox.take('amy', 'laptop')).toEqual([]);
    now += 2000;
    mailbox.post('amy', 'read:bob', read('bob', 6));
    expect(mailbox.take('amy', 'laptop')).toEqual([read('bob', 6)]);
  });
});
