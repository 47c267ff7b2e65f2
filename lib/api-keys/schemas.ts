import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.string("Give the key a name.").trim().min(1, "Give the key a name.").max(80, "Use at most 80 characters."),
});

export const apiKeyIdSchema = z.object({ id: z.string().trim().min(1).max(64) });

export const API_KEY_NOT_FOUND = "That API key does not exist in this organization.";
