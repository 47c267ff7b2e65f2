// Inngest's endpoint: serves every function in inngest/functions to Inngest cloud or a self-hosted
// server. Unused (and answering 500) when jobs run on the in-process runner.
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
