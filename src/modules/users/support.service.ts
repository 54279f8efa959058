import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { foundOrFail } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Mailer } from '../../infra/mail/mailer.js';
import { ThrottleStore } from '../../infra/throttle/throttle-store.js';
import { CreateSupportRequestDto, SupportRequestDto } from './dto/support.dto.js';
import { mapSupportRequest } from './users.mapper.js';
import { SupportRepository } from './support.repository.js';
import { UsersRepository } from './users.repository.js';

/** Support requests a user may send in an hour: enough for a real problem, not enough to flood the inbox. */
export const SUPPORT_REQUESTS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

@Injectable()
export class SupportService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly requests: SupportRepository,
    private readonly users: UsersRepository,
    private readonly mailer: Mailer,
    private readonly throttle: ThrottleStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stored first, then emailed to SUPPORT_EMAIL (replies go to the user) with a receipt to the user, in one transaction. */
  async create(auth: AuthContext, input: CreateSupportRequestDto): Promise<SupportRequestDto> {
    await this.throttle.enforce(`support:${auth.userId}`, SUPPORT_REQUESTS_PER_HOUR, HOUR_MS);
    const user = foundOrFail(await this.users.findInOrganization(auth.organizationId, auth.userId));
    const request = await this.db.transaction(async () => {
      const created = await this.requests.create({
        organizationId: auth.organizationId,
        userId: user.id,
        category: input.category ?? 'other',
        subject: input.subject,
        message: input.message,
      });
      const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
      await this.mailer.send({
        to: this.config.supportEmail,
        replyTo: user.email,
        subject: `[${created.uid}] ${created.subject}`,
        text:
          `From: ${name} <${user.email}> (${user.uid}, ${user.role})\nCategory: ${created.category}\n` +
          `Request: ${created.uid}\n\n${created.message}`,
        purpose: 'support_request',
      });
      await this.mailer.send({
        to: user.email,
        subject: `We received your message: ${created.subject}`,
        text: `Thank you for writing. Your request is ${created.uid}; we reply to this address.\n\n> ${created.message.replace(/\n/g, '\n> ')}`,
        purpose: 'support_receipt',
      });
      return created;
    });
    return mapSupportRequest(request);
  }

  list(auth: AuthContext, request: PageRequest, urls: RequestUrls): Promise<Page<SupportRequestDto>> {
    return paginate(
      request,
      {
        count: () => this.requests.count(auth.organizationId, auth.userId),
        rows: async (offset, limit) => (await this.requests.page(auth.organizationId, auth.userId, offset, limit)).map(mapSupportRequest),
      },
      urls,
    );
  }
}
