import { resolveMentions } from './mentions';

describe('resolveMentions', () => {
  const room = { participants: ['alice', 'Bob', 'carol.x'], room: true, author: 'alice' };

  it('names participants in their registered spelling, in order, each once', () => {
    expect(resolveMentions('@bob and @CAROL.X, then @bob again', room)).toEqual(['Bob', 'carol.x']);
    expect(resolveMentions('thanks @carol.x.', room)).toEqual(['carol.x']);
  });

  it('ignores names outside the conversation and never mentions the author', () => {
    expect(resolveMentions('@dave @alice', room)).toEqual([]);
  });

  it('mentions every member for @room in a room only', () => {
    expect(resolveMentions('@room lunch', room)).toEqual(['Bob', 'carol.x']);
    expect(resolveMentions('@room lunch', { participants: ['alice', 'Bob'], room: false, author: 'alice' })).toEqual([]);
  });

  it('mentions the author of the message replied to, unless it is the author', () => {
    expect(resolveMentions('no names', { ...room, replyAuthor: 'Bob' })).toEqual(['Bob']);
    expect(resolveMentions('@carol.x', { ...room, replyAuthor: 'alice' })).toEqual(['carol.x']);
  });
});
