import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { jsonBodyParser } from './common/http/json-body.js';
import { toFrameworkErrorResponse } from './common/errors/error-response.js';
import { refuseUnsafeInput } from './common/http/request-input.js';
import type { AppConfig } from './config/app-config.js';
import { registerMediaServing } from './infra/storage/media-serving.js';
import { buildOpenApiDocument } from './openapi.js';

const REQUEST_ID = /^[\w\-.:]{1,128}$/;

/** Honours a sane incoming X-Request-Id, otherwise makes one. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function fastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
    },
    genReqId: requestId,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own errors come before any hook, so the request id is set here too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const response = toFrameworkErrorResponse(error, request.method);
      void reply
        .code(response.status)
        .headers({ ...response.headers, 'X-Request-Id': request.id })
        .send(response.body);
    },
    // @fastify/multipart, registered by the adapter; readUploadedFile (common/media) sets its own limits per call.
    multipart: { limits: { files: 1, fileSize: config.mediaMaxBytes } },
  });
}

/** Wire behaviour Nest does not own: request ids on every response, the JSON body limits, and input no route may see. */
function configureHttp(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  app.useBodyParser('application/json', { bodyLimit: config.bodyLimitBytes }, jsonBodyParser(fastify));
  fastify.addHook('preValidation', refuseUnsafeInput);
}

/** The whole HTTP application, as `npm start` and the e2e tests run it. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), fastifyAdapter(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureHttp(app, config);
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Instica API',
  });
  await registerMediaServing(app, config);
  await app.init();
  return app;
}

/** The application without providers or connections: enough to describe its routes. */
export async function createPreviewApp(config: AppConfig): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), fastifyAdapter(config), {
    preview: true,
    logger: false,
  });
}
