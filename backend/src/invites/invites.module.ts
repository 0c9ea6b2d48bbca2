import { Module } from '@nestjs/common';
import { InvitesController } from './invites.controller';
import { JoinPageController } from './join-page.controller';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';

@Module({
  controllers: [InvitesController, JoinPageController],
  providers: [InvitesRepository, InvitesService],
  exports: [InvitesService],
})
export class InvitesModule {}
