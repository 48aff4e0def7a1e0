// Renders every failure as {"error_code","error_msg"}: a user's mistake is a 4xx with a stable
// code, never a 500; an unexpected fault is logged and answered with CBC.0999 without details.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, type ErrorCode } from '../shared/errors.ts';

function describeValidation(error: FastifyError): string | undefined {
  const first = error.validation?.[0] as { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } } | undefined;
  if (!first) return undefined;
  const path = first.instancePath?.replace(/^\//, '').replaceAll('/', '.');
  return [error.validationContext, path].filter(Boolean).join('.') + (first.message ? `: ${first.message}` : '');
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = request.lang ?? 'en';
    const send = (code: ErrorCode, status: number, detail?: string) =>
      reply.status(status).send(errorBody(code, lang, detail));

    if (error instanceof AppError) return send(error.code, error.status, error.detail);
    if (error.validation) return send('CBC.0100', 400, describeValidation(error));
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send('HBN.0415', 415);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send('HBN.0413', 413);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send('CBC.0100', 400, 'the JSON body is empty');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send('CBC.0100', 400, 'Content-Length does not match the body');
    }
    if (error instanceof SyntaxError) return send('CBC.0100', 400, 'the body is not valid JSON');
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return send('CBC.0100', 400, error.message);
    request.log.error({ err: error }, 'unhandled error');
    return send('CBC.0999', 500);
  });
}
