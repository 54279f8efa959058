import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { JobQueue } from '../queue/job-queue.js';
import { OutboundEmail } from './outbound-email.entity.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Where replies go instead of MAIL_FROM. */
  replyTo?: string;
  /** What the message is (`password_reset`, `invite`...), recorded with it. */
  purpose: string;
}

interface DeliveryJob {
  email_id: string;
}

const MAIL_QUEUE = 'mail';
const DELIVERY_ATTEMPTS = 5;
const DELIVERY_BACKOFF_MS = 2000;

/**
 * The mail port. `send` records the message in the outbox within the caller's transaction, so an action that rolls
 * back sends nothing; once it commits, the `mail` queue delivers it over SMTP (SMTP_URL), retrying, and a delivery
 * that fails every attempt stays in the outbox as `failed` with the server's error. Without SMTP_URL the message is
 * kept in the outbox and logged.
 */
@Injectable()
export class Mailer implements OnModuleInit {
  private readonly logger = new Logger('Mailer');
  private transport: Transporter | null = null;

  constructor(
    private readonly db: TransactionalConnection,
    private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get outbox() {
    return this.db.getRepository(OutboundEmail);
  }

  onModuleInit(): void {
    this.queue.process<DeliveryJob>(MAIL_QUEUE, (job) => this.deliver(job.data.email_id), {
      concurrency: 2,
      onFailed: (job, error) => this.recordFailure((job.data as DeliveryJob).email_id, error),
    });
  }

  async send(message: MailMessage): Promise<void> {
    const viaSmtp = this.config.smtpUrl !== null;
    const { identifiers } = await this.outbox.insert({
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      replyTo: message.replyTo ?? null,
      purpose: message.purpose,
      status: viaSmtp ? 'pending' : 'kept',
    });
    const id = String(identifiers[0].id);
    await this.db.afterCommit(async () => {
      if (viaSmtp) {
        await this.queue.add<DeliveryJob>(
          MAIL_QUEUE,
          'deliver',
          { email_id: id },
          {
            jobId: `email-${id}`,
            attempts: DELIVERY_ATTEMPTS,
            backoffMs: DELIVERY_BACKOFF_MS,
          },
        );
      } else {
        this.logger.log(
          `No SMTP_URL: ${message.purpose} email ${id} to ${message.to} kept in the outbox.\n${message.subject}\n\n${message.text}`,
        );
      }
    });
  }

  /** Sends one outbox message; a message already sent is not sent again (a retried or repeated job). */
  private async deliver(id: string): Promise<void> {
    const email = await this.outbox.findOneBy({ id });
    if (!email || email.status === 'sent') return;
    await this.outbox.increment({ id }, 'attempts', 1);
    this.transport ??= createTransport(this.config.smtpUrl!);
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      ...(email.htmlBody ? { html: email.htmlBody } : {}),
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    });
    await this.outbox.update({ id }, { status: 'sent', sentAt: new Date(), lastError: null });
  }

  private async recordFailure(id: string, error: Error): Promise<void> {
    this.logger.error(`Email ${id} could not be delivered: ${error.message}`);
    await this.outbox.update({ id }, { status: 'failed', lastError: error.message.slice(0, 2000) });
  }
}
