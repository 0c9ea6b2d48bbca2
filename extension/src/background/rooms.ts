import { CreateRoomRequest, Room } from '@chatroom/shared';
import type { ApiClient, ApiFor } from './api-client';
import type { StateStore } from './state';
import type { Sync } from './sync';
import type { Views } from './views';

/** Group actions on behalf of views; the lists are fetched again after each. */
export class Rooms {
  constructor(
    private readonly state: StateStore,
    private readonly views: Views,
    private readonly sync: Sync,
    private readonly api: ApiFor,
  ) {}

  create(request: CreateRoomRequest): Promise<Room> {
    return this.act((api) => api.createRoom(request));
  }

  async leave(roomId: string): Promise<void> {
    const id = this.state.canonical(roomId);
    await this.act((api) => api.leaveRoom(id));
    const { sync } = this.state.current;
    const { [id]: _left, ...unread } = sync.unread;
    await this.state.write({ sync: { ...sync, unread } });
    await this.views.updateBadge();
    this.views.publish();
  }

  addMember(roomId: string, username: string): Promise<Room> {
    return this.act((api) => api.addMember(this.state.canonical(roomId), username));
  }

  removeMember(roomId: string, username: string): Promise<Room> {
    return this.act((api) => api.removeMember(this.state.canonical(roomId), username));
  }

  rename(roomId: string, name: string): Promise<Room> {
    return this.act((api) => api.renameRoom(this.state.canonical(roomId), name));
  }

  private async act<T>(action: (api: ApiClient) => Promise<T>): Promise<T> {
    const result = await action(this.api());
    await this.sync.refreshLists();
    return result;
  }
}
