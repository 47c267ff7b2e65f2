import { ZodError } from "zod";

export type ErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "GONE"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "INSUFFICIENT_CREDITS"
  | "LIMIT_REACHED"
  | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INSUFFICIENT_CREDITS: 402,
  LIMIT_REACHED: 403,
  INTERNAL: 500,
};

/** The one error type. `message` is safe to show a user; `fields` maps a field name to its message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status() {
    return STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** zod issues -> `{ field: message }`, first message per field. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

/**
 * The one mapper: zod -> 422 with field messages, AppError -> its status, anything else -> a
 * generic 500 whose detail is logged, never returned.
 */
export function toErrorBody(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof ZodError) {
    return { status: 422, body: { error: { code: "VALIDATION", message: "Some fields are invalid.", fields: fieldErrors(e) } } };
  }
  if (isAppError(e)) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } } };
  }
  console.error("[herald] unexpected error", e);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side." } } };
}
