import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details';

/**
 * Requests that Node's HTTP parser refuses before the app sees them (headers or URL over the
 * limit, a malformed request line) get the same problem+json answer as every other 4xx, instead
 * of Node's bare status line.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const title = STATUS_CODES[status]!;
    const body = JSON.stringify({
      type: problemType(title.toLowerCase().replace(/[^a-z0-9]+/g, '-')),
      title,
      status,
      detail:
        status === 431 ? 'The request line or headers are too large' : 'The request could not be parsed',
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
