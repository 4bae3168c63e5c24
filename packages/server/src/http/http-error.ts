/** An HTTP-level refusal that is not a domain error: no token, a body too large, the wrong media type. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'invalid_request'): HttpError => new HttpError(400, code, message);
