import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  ConflictError,
  InputError,
  NotFoundError,
  InUseError,
  PreconditionFailedError,
  RuleViolationError,
} from '@flowplane/model';
import { RequestSchemaError } from '../../validation.ts';
import { etagOf } from '../../services/versions.ts';
import { RuntimeRefusedError } from '../../services/deployments.ts';
import { RuntimeUnavailableError } from '../../services/runtime-client.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

/** Bearer token missing or wrong. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

const problemType = (slug: string) => `urn:flowplane:problem:${slug}`;

/**
 * The one place errors become HTTP: domain errors by class, Fastify's own 4xx errors by their status,
 * anything else a 500 whose body says only where it was logged.
 */
export function toProblem(
  error: unknown,
  request: FastifyRequest,
): { problem: Problem; headers: Record<string, string> } {
  const base = { instance: request.url.split('?')[0] ?? request.url, requestId: String(request.id) };
  const make = (
    status: number,
    slug: string,
    title: string,
    detail: string,
    extra: Record<string, unknown> = {},
  ) => ({
    problem: { type: problemType(slug), title, status, detail, ...base, ...extra },
    headers: {} as Record<string, string>,
  });

  if (error instanceof RuntimeRefusedError) {
    return make(422, 'runtime-refused', 'Refused by the runtime', error.message, {
      errors: error.issues,
      target: error.target,
      deployment: error.deployment,
    });
  }
  if (error instanceof RuntimeUnavailableError) {
    const deployment = error.deployment !== undefined ? { deployment: error.deployment } : {};
    return error.failure === 'timeout'
      ? make(504, 'runtime-timeout', 'Runtime timed out', error.message, {
          target: error.target,
          ...deployment,
        })
      : make(502, 'runtime-unavailable', 'Runtime unavailable', error.message, {
          target: error.target,
          ...deployment,
        });
  }
  if (error instanceof RuleViolationError) {
    return make(422, 'rule-violation', 'Rules violated', error.message, { errors: error.issues });
  }
  if (error instanceof RequestSchemaError) {
    return make(400, 'invalid-request', 'Invalid request', error.message, {
      errors: error.issues.map((i) => ({ ...i, in: error.part })),
    });
  }
  if (error instanceof InputError) {
    return make(400, 'invalid-request', 'Invalid request', error.message, { errors: error.issues });
  }
  if (error instanceof NotFoundError) return make(404, 'not-found', 'Not found', error.message);
  if (error instanceof InUseError) {
    return make(409, 'in-use', 'Resource in use', error.message, { usedBy: error.usedBy });
  }
  if (error instanceof ConflictError) return make(409, 'conflict', 'Conflict', error.message);
  if (error instanceof PreconditionFailedError) {
    const result = make(412, 'precondition-failed', 'Precondition failed', error.message, {
      ...(error.currentVersion !== undefined ? { currentResourceVersion: error.currentVersion } : {}),
    });
    if (error.currentVersion !== undefined) result.headers.etag = etagOf(error.currentVersion);
    return result;
  }
  if (error instanceof UnauthorizedError) {
    const result = make(401, 'unauthorized', 'Unauthorized', error.message);
    result.headers['www-authenticate'] = 'Bearer realm="flowplane"';
    return result;
  }
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const title = STATUS_CODES[status] ?? 'Client error';
    return {
      problem: { type: 'about:blank', title, status, detail: clientDetail(error as FastifyError), ...base },
      headers: {},
    };
  }
  return {
    problem: {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: `The server failed to handle the request; it was logged under request id ${base.requestId}.`,
      ...base,
    },
    headers: {},
  };
}

/** Fastify's messages for client errors are safe to show; a body that is not JSON gets a plain sentence. */
function clientDetail(error: FastifyError): string {
  if (error.statusCode === 413) return 'The request body is larger than 1 MiB.';
  if (error.statusCode === 415) return `${error.message}. Send application/json or application/yaml.`;
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return `The body is not valid JSON: ${error.message}`;
  }
  return error.message;
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  return reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
}

async function problemsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const { problem, headers } = toProblem(error, request);
    if (error instanceof RuntimeUnavailableError) request.log.warn({ err: error }, 'runtime unavailable');
    else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ err: error }, 'request refused');
    return sendProblem(reply, problem, headers);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`,
      instance: request.url.split('?')[0] ?? request.url,
      requestId: String(request.id),
    }),
  );
}

export default fp(problemsPlugin, { name: 'problems' });
