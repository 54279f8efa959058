import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { STRIPE_LIST_LIMIT } from '../adapters/stripe-gateway.js';

export class StripeCheckoutDto {
  @ApiProperty({
    description: 'Code of the paid plan to subscribe to (see `GET /api/v1/subscriptions/plans/`).',
    example: 'pro',
    maxLength: 40,
  })
  @IsDefined({ message: Msg.required })
  @IsString({ message: Msg.string })
  @MaxLength(40, { message: Msg.maxLength(40) })
  plan!: string;
}

export class StripeCheckoutSessionDto {
  @ApiProperty({
    description: "Stripe Checkout's page: send the customer's browser there.",
    example: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3',
  })
  url!: string;

  @ApiProperty({ description: 'The Checkout Session id (`cs_...`).', example: 'cs_test_a1b2c3' })
  session_id!: string;
}

export class StripeInvoiceDto {
  @ApiProperty({ description: "Stripe's invoice id.", example: 'in_1PqRsT2eZvKYlo2C' })
  id!: string;

  @ApiProperty({
    description: 'Invoice number shown to the customer; null while a draft.',
    type: String,
    nullable: true,
    example: 'A1B2C3D4-0001',
  })
  number!: string | null;

  @ApiProperty({
    description: "Stripe's invoice status: `draft`, `open`, `paid`, `uncollectible` or `void`.",
    type: String,
    nullable: true,
    example: 'paid',
  })
  status!: string | null;

  @ApiProperty({ description: 'Total of the invoice (decimal string in `currency`).', example: '19.99' })
  total!: string;

  @ApiProperty({ description: 'Amount due (decimal string).', example: '19.99' })
  amount_due!: string;

  @ApiProperty({ description: 'Amount paid (decimal string).', example: '19.99' })
  amount_paid!: string;

  @ApiProperty({ description: 'Three-letter ISO currency code, lowercase.', example: 'usd' })
  currency!: string;

  @ApiProperty({ description: 'When the invoice was created.', format: 'date-time', example: '2026-06-01T00:00:00Z' })
  created!: string;

  @ApiProperty({
    description: 'Start of the billed subscription period.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-06-01T00:00:00Z',
  })
  period_start!: string | null;

  @ApiProperty({
    description: 'End of the billed subscription period.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-07-01T00:00:00Z',
  })
  period_end!: string | null;

  @ApiProperty({
    description: "Stripe's page for the invoice (view and pay).",
    type: String,
    nullable: true,
    example: 'https://invoice.stripe.com/i/acct_1/test_1',
  })
  hosted_invoice_url!: string | null;

  @ApiProperty({
    description: 'The invoice as a PDF.',
    type: String,
    nullable: true,
    example: 'https://pay.stripe.com/invoice/acct_1/test_1/pdf',
  })
  invoice_pdf!: string | null;
}

export class StripePaymentMethodDto {
  @ApiProperty({ description: "Stripe's payment method id.", example: 'pm_1PqRsT2eZvKYlo2C' })
  id!: string;

  @ApiProperty({ description: 'Payment method type (`card`, `sepa_debit`, `link`...).', example: 'card' })
  type!: string;

  @ApiProperty({ description: 'Card brand (cards only).', type: String, nullable: true, example: 'visa' })
  brand!: string | null;

  @ApiProperty({ description: 'Last four digits (cards only).', type: String, nullable: true, example: '4242' })
  last4!: string | null;

  @ApiProperty({ description: 'Expiry month, 1-12 (cards only).', type: Number, nullable: true, example: 12 })
  exp_month!: number | null;

  @ApiProperty({ description: 'Expiry year (cards only).', type: Number, nullable: true, example: 2030 })
  exp_year!: number | null;

  @ApiProperty({ description: 'When it was added.', format: 'date-time', example: '2026-06-01T00:00:00Z' })
  created!: string;
}

export const STRIPE_LIST_NOTE =
  `A plain list (not paginated): the organization's newest ${STRIPE_LIST_LIMIT} at most, newest first, read from Stripe ` +
  'on each request; empty while the organization has no Stripe customer (it never started a checkout).';

export class BillingNewsReceivedDto {
  @ApiProperty({ description: 'Always true: the news was verified and taken.', example: true })
  received!: boolean;

  @ApiProperty({ description: 'Whether this exact news had already been taken (then nothing changed).', example: false })
  duplicate!: boolean;
}
