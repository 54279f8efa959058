import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DigitalService, ORDER_RECORDED, type SoldOrder } from './digital.service.js';

/** Fulfils the digital products of the orders the order sync brings in (and of manual sales with a buyer email). */
@Injectable()
export class DigitalOrderListener {
  private readonly logger = new Logger(DigitalOrderListener.name);

  constructor(private readonly digital: DigitalService) {}

  @OnEvent(ORDER_RECORDED)
  async onOrderRecorded(order: SoldOrder): Promise<void> {
    try {
      await this.digital.fulfilOrder(order);
    } catch (error) {
      this.logger.error(`Order ${order.orderUid} could not be fulfilled: ${(error as Error).message}`);
    }
  }
}
