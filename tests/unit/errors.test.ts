import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, fieldErrors, isAppError, toErrorBody, type ErrorCode } from "@/lib/errors";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toErrorBody", () => {
  it("maps a ZodError to 422 VALIDATION with the first message per field", () => {
    const schema = z.object({
      email: z.string().email("Bad e-mail.").min(50, "Too short."),
      address: z.object({ city: z.string().min(1, "Enter a city.") }),
      age: z.number({ error: "Enter a number." }),
    });
    const r = schema.safeParse({ email: "x", address: { city: "" }, age: "nope" });
    expect(r.success).toBe(false);
    const { status, body } = toErrorBody(r.error);
    expect(status).toBe(422);
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.message).toBe("Some fields are invalid.");
    expect(body.error.fields).toEqual({ email: "Bad e-mail.", "address.city": "Enter a city.", age: "Enter a number." });
  });

  it("puts a root-level zod issue under `_`", () => {
    const r = z.string().min(3, "Too short.").safeParse("x");
    expect(fieldErrors(r.error!)).toEqual({ _: "Too short." });
  });

  const statuses: [ErrorCode, number][] = [
    ["BAD_REQUEST", 400],
    ["VALIDATION", 422],
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["CONFLICT", 409],
    ["GONE", 410],
    ["RATE_LIMITED", 429],
    ["INSUFFICIENT_CREDITS", 402],
    ["LIMIT_REACHED", 403],
    ["INTERNAL", 500],
  ];

  it.each(statuses)("maps AppError %s to %i with its message", (code, status) => {
    const e = new AppError(code, `Message for ${code}.`);
    expect(e.status).toBe(status);
    expect(toErrorBody(e)).toEqual({ status, body: { error: { code, message: `Message for ${code}.` } } });
  });

  it("keeps an AppError's field messages", () => {
    const e = new AppError("CONFLICT", "Already invited.", { email: "Already invited." });
    expect(toErrorBody(e).body.error.fields).toEqual({ email: "Already invited." });
  });

  it.each([
    ["an Error", new Error("connection to db at 10.0.0.5 failed: password=hunter2")],
    ["a string", "raw secret string"],
    ["null", null],
    ["an AppError look-alike", { code: "NOT_FOUND", message: "pretend", status: 404 }],
  ])("maps %s to a generic 500 that leaks nothing, and logs the detail", (_label, thrown) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = toErrorBody(thrown);
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side." } });
    expect(JSON.stringify(body)).not.toMatch(/hunter2|secret|pretend|10\.0\.0\.5/);
    expect(log).toHaveBeenCalledWith(expect.any(String), thrown);
  });
});

describe("AppError", () => {
  it("is recognised by isAppError; plain errors are not", () => {
    expect(isAppError(new AppError("GONE", "Gone."))).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError({ code: "GONE" })).toBe(false);
    const e = new AppError("GONE", "Gone.");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("AppError");
  });
});
