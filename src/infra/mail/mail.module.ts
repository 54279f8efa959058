import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from './mailer.js';
import { OutboundEmail } from './outbound-email.entity.js';

/** Provides the Mailer port (the outbox and its SMTP delivery) to every module. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboundEmail])],
  providers: [Mailer],
  exports: [Mailer],
})
export class MailModule {}
