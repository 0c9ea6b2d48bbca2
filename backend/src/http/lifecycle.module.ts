import { Global, Module } from '@nestjs/common';
import { ServerLifecycle } from './server-lifecycle';

@Global()
@Module({
  providers: [ServerLifecycle],
  exports: [ServerLifecycle],
})
export class LifecycleModule {}
