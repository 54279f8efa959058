import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig, ConfigError } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { AppleSignatureRefused, AppleSignedDataVerifier, loadAppleRoot } from './adapters/apple-signed-data.js';
import type { AppleNotificationDto, AppleVerifyDto } from './dto/apple.dto.js';
import type { BillingNewsReceivedDto } from './dto/stripe.dto.js';
import type { SubscriptionStatusDto } from './dto/subscription.dto.js';
import { mapSubscriptionStatus } from './subscriptions.mapper.js';
import { SubscriptionsRepository, type SubscriptionWithPlan } from './subscriptions.repository.js';
import { mapAppleNotification, nextBillingState } from './subscriptions.rules.js';

export const APPLE_NOT_CONFIGURED = 'App Store billing is not configured: set APPLE_ROOT_CERT_PATH.';

/** The fields of a signed transaction (JWSTransactionDecodedPayload) this service reads. */
interface AppleTransaction {
  transactionId?: string;
  originalTransactionId?: string;
  bundleId?: string;
  productId?: string;
  expiresDate?: number;
  revocationDate?: number;
  signedDate?: number;
  appAccountToken?: string;
}

/** The fields of an App Store Server Notification V2 (ResponseBodyV2DecodedPayload) this service reads. */
interface AppleNotification {
  notificationType?: string;
  subtype?: string;
  notificationUUID?: string;
  signedDate?: number;
  data?: { bundleId?: string; signedTransactionInfo?: string };
}

/**
 * In-app purchases through the App Store: a StoreKit 2 signed transaction the app sends (`verify`) and App Store
 * Server Notifications V2. Both are JWS verified up to the Apple root of APPLE_ROOT_CERT_PATH; a transaction's
 * `productId` names the plan (plans.apple_product_id), its `expiresDate` ends the paid period, and its
 * `appAccountToken` (the organization's UUID, set by the app) or original transaction id names the organization.
 */
@Injectable()
export class AppleBillingService {
  private readonly verifier: AppleSignedDataVerifier | null;

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly db: TransactionalConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.verifier = config.appleRootCertPath ? new AppleSignedDataVerifier(rootCertificate(config.appleRootCertPath)) : null;
  }

  /** The caller's purchase: applied to the caller's organization (once per transaction id), answered with the status. */
  async verify(auth: AuthContext, input: AppleVerifyDto): Promise<SubscriptionStatusDto> {
    const refuse = (message: string): never => {
      throw new ValidationFailed({ signed_transaction: [message] });
    };
    const transaction = await this.verified<AppleTransaction>(input.signed_transaction, refuse);
    const { transactionId, originalTransactionId, productId, expiresDate, signedDate } = transaction;
    if (!transactionId || !originalTransactionId || !productId || typeof signedDate !== 'number') {
      refuse('This is not an App Store transaction.');
    }
    this.checkBundle(transaction.bundleId, refuse);
    const plan =
      (await this.subscriptions.planByAppleProduct(productId!)) ?? refuse(`The product "${productId}" is not a plan of this service.`);
    if (transaction.revocationDate) refuse('This purchase was refunded or revoked.');
    if (typeof expiresDate !== 'number' || expiresDate <= Date.now()) refuse('This purchase has expired.');
    await this.subscriptions.ensureForOrganization(auth.organizationId);
    return this.db.transaction(async () => {
      const subscription = (await this.subscriptions.lock({ organizationId: auth.organizationId }))!;
      const foreign = 'This purchase was made for another organization.';
      if (transaction.appAccountToken && transaction.appAccountToken.toLowerCase() !== subscription.appleAppAccountToken) refuse(foreign);
      const holder = await this.subscriptions.lock({ appleOriginalTransactionId: originalTransactionId! });
      if (holder && holder.organizationId !== auth.organizationId) refuse(foreign);
      const fresh = await this.subscriptions.recordEvent({
        provider: 'apple',
        externalId: `transaction:${transactionId}`,
        type: 'VERIFY',
        organizationId: auth.organizationId,
      });
      if (fresh) {
        const news = { provider: 'apple' as const, subscriptionId: originalTransactionId!, asOf: new Date(signedDate!) };
        const next = nextBillingState(subscription, news, { status: 'active', planId: plan.id, currentPeriodEnd: new Date(expiresDate!) });
        if (next) await this.subscriptions.update(subscription, next);
      }
      return mapSubscriptionStatus(await this.subscriptions.ensureForOrganization(auth.organizationId), new Date());
    });
  }

  /**
   * An App Store Server Notification V2: verified, then applied once (by notificationUUID). News about no
   * organization of ours is recorded and answered 200, so that the App Store stops retrying it.
   */
  async receiveNotification(input: AppleNotificationDto): Promise<BillingNewsReceivedDto> {
    const refuse = (message: string): never => {
      throw new ValidationFailed({ signedPayload: [message] });
    };
    const notification = await this.verified<AppleNotification>(input.signedPayload, refuse);
    const { notificationType, notificationUUID, signedDate } = notification;
    if (!notificationType || !notificationUUID || typeof signedDate !== 'number')
      refuse('This is not an App Store Server Notification V2.');
    this.checkBundle(notification.data?.bundleId, refuse);
    const signedTransaction = notification.data?.signedTransactionInfo;
    const transaction = signedTransaction ? await this.verified<AppleTransaction>(signedTransaction, refuse) : null;
    if (transaction) this.checkBundle(transaction.bundleId, refuse);
    const status = mapAppleNotification(notificationType!);
    const plan = status === 'active' && transaction?.productId ? await this.subscriptions.planByAppleProduct(transaction.productId) : null;
    return this.db.transaction(async () => {
      const subscription = transaction ? await this.subscriptionOf(transaction) : null;
      const fresh = await this.subscriptions.recordEvent({
        provider: 'apple',
        externalId: `notification:${notificationUUID}`,
        type: notification.subtype ? `${notificationType}/${notification.subtype}` : notificationType!,
        organizationId: subscription?.organizationId ?? null,
      });
      if (!fresh) return { received: true, duplicate: true };
      if (subscription && transaction?.originalTransactionId && status && (status !== 'active' || plan)) {
        const news = { provider: 'apple' as const, subscriptionId: transaction.originalTransactionId, asOf: new Date(signedDate!) };
        const next = nextBillingState(subscription, news, {
          status,
          ...(plan ? { planId: plan.id } : {}),
          ...(typeof transaction.expiresDate === 'number' ? { currentPeriodEnd: new Date(transaction.expiresDate) } : {}),
        });
        if (next) await this.subscriptions.update(subscription, next);
      }
      return { received: true, duplicate: false };
    });
  }

  /** The organization a transaction belongs to: by its appAccountToken, else by its original transaction id. */
  private async subscriptionOf(transaction: AppleTransaction): Promise<SubscriptionWithPlan | null> {
    const byToken = transaction.appAccountToken
      ? await this.subscriptions.lock({ appleAppAccountToken: transaction.appAccountToken.toLowerCase() })
      : null;
    if (byToken) return byToken;
    return transaction.originalTransactionId
      ? this.subscriptions.lock({ appleOriginalTransactionId: transaction.originalTransactionId })
      : null;
  }

  private async verified<T extends object>(jws: string, refuse: (message: string) => never): Promise<T> {
    if (!this.verifier) throw new DetailError(503, APPLE_NOT_CONFIGURED);
    try {
      return await this.verifier.verify<T>(jws);
    } catch (error) {
      if (error instanceof AppleSignatureRefused) refuse(`Not signed by the App Store: ${error.message}`);
      throw error;
    }
  }

  private checkBundle(bundleId: string | undefined, refuse: (message: string) => never): void {
    if (this.config.appleBundleId && bundleId !== this.config.appleBundleId)
      refuse(`This is not a purchase in the app ${this.config.appleBundleId}.`);
  }
}

function rootCertificate(path: string) {
  try {
    return loadAppleRoot(path);
  } catch (error) {
    throw new ConfigError('APPLE_ROOT_CERT_PATH', `must name a readable PEM or DER certificate (${(error as Error).message})`);
  }
}
