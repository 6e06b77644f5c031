// Errors as the API gives them: JSON with a stable code and a Chinese message, never a stack.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what}不存在`);
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

/** zod's issues as one Chinese sentence naming the fields. */
export function invalid(issues: { path: PropertyKey[]; message: string }[]): ApiError {
  const fields = [...new Set(issues.map((i) => i.path.map(String).join('.') || '(请求)'))];
  return new ApiError(400, 'invalid_request', `请求参数有误：${fields.join('、')}`);
}
