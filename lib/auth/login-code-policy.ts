/** The sign-in code rules, in one place so the UI, the lib and the tests agree. */
export const LOGIN_CODE = {
  ttlMinutes: 10,
  maxAttempts: 5,
  maxPerHour: 5,
} as const;

export const PASSWORD_LOGIN = { maxAttempts: 10, windowSeconds: 15 * 60 } as const;
