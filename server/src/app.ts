// buildApp(services): the Fastify instance with every route. No I/O at import time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from './services.ts';
import { installErrorHandling } from './http/errors.ts';
import { installGuard } from './http/guard.ts';
import { apiReferencePage } from './http/reference-page.ts';
import { errorBody } from './shared/errors.ts';
import { langOf } from './shared/lang.ts';
import { parseJsonKeepingDecimals } from './shared/json.ts';
import { iamRoutes, identityRoutes } from './modules/identity/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { fundsExtensionRoutes, fundsRoutes } from './modules/funds/index.ts';
import { organizationRoutes } from './modules/organization/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { customersRoutes } from './modules/customers/index.ts';
import { vouchersRoutes } from './modules/vouchers/index.ts';
import { ordersRoutes } from './modules/orders/index.ts';
import { mailRoutes } from './modules/mail/index.ts';
import './http/context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONSOLE_DIST = path.join(ROOT, 'console/dist');
const API_PREFIXES = ['/api/', '/v1', '/v2/', '/v3/', '/v3.0/', '/openapi'];
export const BODY_LIMIT = 1024 * 1024;

/** Requests Node cannot even parse (URL or headers too large, garbage) still get a coded error. */
function answerClientError(error: Error & { code?: string }, socket: Socket) {
  const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'HBN.0431' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'HBN.0408' : 'CBC.0100';
  const status = code === 'HBN.0431' ? 431 : code === 'HBN.0408' ? 408 : 400;
  const body = JSON.stringify(errorBody(code, 'en'));
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  } else {
    socket.destroy(error);
  }
}

export interface AppOptions {
  logger?: boolean | object;
  serveConsole?: boolean;
  secureCookies?: boolean;
}

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: false } },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON with decimal literals kept as text (money never passes through a float).
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseJsonKeepingDecimals(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.lang = langOf(request.headers);
    reply.header('X-Request-Id', request.id);
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Huoban Partner Center API',
        version: '1.0.0',
        description:
          "Answers Huawei Cloud's published Partner Center (BSS) and IAM operations on the same paths, fields and error codes. Operations Huawei does not publish are tagged `extension`.",
      },
      components: {
        securitySchemes: {
          token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
          aksk: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'SDK-HMAC-SHA256 request signature with X-Sdk-Date' },
          session: { type: 'apiKey', in: 'cookie', name: 'huoban_session' },
        },
      },
      security: [{ token: [] }, { aksk: [] }, { session: [] }],
    },
    // Each operation also states who may call it (x-permissions), read from the route's config.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = (input.route.config as { access?: unknown } | undefined)?.access;
      // A route without declared access gets no x-permissions, which the tests refuse.
      return { ...out, schema: { ...out.schema, ...(access === undefined ? {} : { 'x-permissions': access }) } as typeof out.schema };
    },
  });

  installErrorHandling(app);
  installGuard(app, services);

  await app.register(identityRoutes, { identity: services.identity, secureCookies: options.secureCookies ?? false });
  await app.register(iamRoutes, { identity: services.identity });
  await app.register(catalogRoutes, { catalog: services.catalog });
  await app.register(fundsRoutes, { funds: services.funds, secondFactor: services.secondFactor });
  await app.register(fundsExtensionRoutes, { funds: services.funds, secondFactor: services.secondFactor });
  await app.register(organizationRoutes, { organization: services.organization, secondFactor: services.secondFactor });
  await app.register(auditRoutes, { queries: services.auditQueries });
  await app.register(customersRoutes, { module: services.customers });
  await app.register(vouchersRoutes, { vouchers: services.vouchers });
  await app.register(ordersRoutes, { orders: services.orders });
  await app.register(mailRoutes, { mail: services.mail });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api-docs', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(apiReferencePage(app.swagger() as never)),
  );
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  const serveConsole = options.serveConsole ?? true;
  if (serveConsole && existsSync(CONSOLE_DIST)) {
    await app.register(fastifyStatic, { root: CONSOLE_DIST, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((p) => request.url.startsWith(p));
    // Client-side routes of the console get its page; a missing file (with an extension) stays a 404.
    const isFile = /\.[a-z0-9]+$/i.test(request.url.split('?')[0]);
    if (!isApi && !isFile && request.method === 'GET' && serveConsole && existsSync(CONSOLE_DIST)) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(errorBody('APIG.0404', langOf(request.headers)));
  });

  return app;
}
