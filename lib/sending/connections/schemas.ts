import { z } from "zod";

/** What each kind keeps where: `config` is shown back, `secrets` are write-only (sealed at rest). */
export const PROVIDER_KINDS = ["sendgrid", "smtp", "http_sms", "outbox"] as const;
export type ProviderKindInput = (typeof PROVIDER_KINDS)[number];

export const KIND_LABELS: Record<ProviderKindInput, string> = {
  sendgrid: "SendGrid",
  smtp: "SMTP",
  http_sms: "HTTP SMS gateway",
  outbox: "Outbox (development)",
};

/** The secret fields of each kind: never returned, blank on update means "keep the stored one". */
export const SECRET_FIELDS: Record<ProviderKindInput, readonly string[]> = {
  sendgrid: ["apiKey"],
  smtp: ["password"],
  http_sms: ["token"],
  outbox: [],
};

export const TLS_MODES = ["starttls", "tls", "none"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional());

const nameSchema = z.string("Give the connection a name.").trim().min(1, "Give the connection a name.").max(80, "Use at most 80 characters.");

const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const gatewayUrl = z
  .string("Enter the gateway's URL.")
  .trim()
  .min(1, "Enter the gateway's URL.")
  .max(500, "Use at most 500 characters.")
  .superRefine((v, ctx) => {
    if (!URL.canParse(v)) return void ctx.addIssue({ code: "custom", message: "Enter a full URL, like https://sms.example.com/send." });
    const u = new URL(v);
    // The token travels in a header: plain HTTP only where it never leaves the machine.
    if (!(u.protocol === "https:" || (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)))) {
      ctx.addIssue({ code: "custom", message: "Use an https:// URL (http:// only for localhost)." });
    }
  });

// The DER SubjectPublicKeyInfo header of every P-256 public key: SendGrid's "verification key"
// is this plus the 65-byte uncompressed point, base64-encoded (91 bytes, 124 characters).
const P256_SPKI_PREFIX = "3059301306072a8648ce3d020106082a8648ce3d030107034200";

/**
 * The Signed Event Webhook's verification key as SendGrid shows it (Mail Settings > Event
 * Webhook). Public, so it lives in `config`. A pasted PEM block or line breaks are tolerated;
 * what is stored is the bare base64 the webhook verifies with.
 */
const webhookKey = z.preprocess(
  (v) => blankToUndefined(typeof v === "string" ? v.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "") : v),
  z
    .string()
    .max(400, "That is too long for a verification key.")
    .refine((v) => {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
      const der = Buffer.from(v, "base64");
      return der.length === 91 && der.subarray(0, 26).toString("hex") === P256_SPKI_PREFIX;
    }, "Paste the verification key SendGrid shows for the signed Event Webhook (it starts with MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE).")
    .optional(),
);

/** A secret: required when creating, optional (blank keeps the stored one) when updating. */
function secret(label: string, required: boolean, check?: { test: (v: string) => boolean; message: string }) {
  const plain = z.string().trim().min(1, `Enter the ${label}.`).max(2000, "That is too long.");
  const base = check ? plain.refine(check.test, check.message) : plain;
  return required ? z.string(`Enter the ${label}.`).pipe(base) : z.preprocess(blankToUndefined, base.optional());
}

function kindSchemas(mode: "create" | "update") {
  const creating = mode === "create";
  return [
    z.object({
      kind: z.literal("sendgrid"),
      name: nameSchema,
      apiKey: secret("API key", creating, { test: (v) => v.startsWith("SG."), message: "SendGrid API keys start with “SG.”." }),
      webhookKey,
    }),
    z.object({
      kind: z.literal("smtp"),
      name: nameSchema,
      host: z.string("Enter the SMTP host.").trim().toLowerCase().min(1, "Enter the SMTP host.").regex(hostname, "Enter a host name, like smtp.example.com."),
      port: z.coerce.number("Enter a port.").int("Enter a whole number.").min(1, "Ports run from 1 to 65535.").max(65535, "Ports run from 1 to 65535."),
      tls: z.enum(TLS_MODES, "Choose how the connection is encrypted."),
      user: optionalText(200),
      password: z.preprocess(blankToUndefined, z.string().max(2000, "That is too long.").optional()),
      fromDomain: z.preprocess(
        blankToUndefined,
        z.string().trim().toLowerCase().regex(hostname, "Enter a domain, like example.com.").optional(),
      ),
    }),
    z.object({
      kind: z.literal("http_sms"),
      name: nameSchema,
      url: gatewayUrl,
      token: secret("token", creating),
      verify: z.preprocess(blankToUndefined, z.enum(["head", "none"]).default("head")),
    }),
    z.object({ kind: z.literal("outbox"), name: nameSchema }),
  ] as const;
}

export const createConnectionSchema = z.discriminatedUnion("kind", kindSchemas("create"), "Choose a provider.");
export const updateConnectionFieldsSchema = z.discriminatedUnion("kind", kindSchemas("update"), "Choose a provider.");

export type ConnectionInput = z.input<typeof createConnectionSchema>;
export type ConnectionData = z.output<typeof createConnectionSchema>;
export type ConnectionUpdateData = z.output<typeof updateConnectionFieldsSchema>;

export const connectionIdSchema = z.object({ id: z.string().trim().min(1, "Choose a connection.").max(40) });

/** Splits validated input into the stored halves. */
export function splitConnection(data: ConnectionData | ConnectionUpdateData) {
  const { kind, name, ...rest } = data;
  const secretNames = SECRET_FIELDS[kind];
  const config: Record<string, string | number | boolean> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    if (secretNames.includes(k)) secrets[k] = String(v);
    else config[k] = v as string | number | boolean;
  }
  return { kind, name, config, secrets };
}
