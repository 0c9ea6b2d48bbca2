import { routeLabel } from './route-label';

describe('routeLabel', () => {
  const fixed = new Set(['/send', '/messages', '/rooms']);

  it('names fixed routes by their path and the others by their pattern', () => {
    expect(routeLabel('/send', fixed)).toBe('/send');
    expect(routeLabel('/rooms', fixed)).toBe('/rooms');
    expect(routeLabel('/rooms/room_7', fixed)).toBe('/rooms/:id');
    expect(routeLabel('/rooms/room_7/members/bob', fixed)).toBe('/rooms/:id/members/:username');
    expect(routeLabel('/admin/users/mallory/suspend', fixed)).toBe('/admin/users/:name/suspend');
    expect(routeLabel('/conversations/bob/settings', fixed)).toBe('/conversations/:id/settings');
  });

  it('gives everything else one label', () => {
    expect(routeLabel('/no/such/thing', fixed)).toBe('other');
    expect(routeLabel(`/${'x'.repeat(100)}`, fixed)).toBe('other');
  });
});
