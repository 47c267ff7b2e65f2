/** The sign-in code rules, in one place so the UI, the lib and the tests agree. */
export const LOGIN_CODE = {
  ttlMinutes: 10,
  maxAttempts: 5,
  maxPerHour: 5,
  /** Codes one network address may request for any addresses, per hour (stops mail bombing). */
  maxPerIpPerHour: 30,
} as const;

export const PASSWORD_LOGIN = { maxAttempts: 10, windowSeconds: 15 * 60 } as const;
