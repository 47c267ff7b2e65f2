"use client";

import { useEffect, useRef, useState } from "react";
import { previewTemplateAction } from "@/app/(dashboard)/o/[org]/templates/actions";
import type { DraftContent } from "@/lib/content/templates/schemas";
import type { TemplatePreview } from "@/lib/content/templates/preview-template";

export type LivePreview = { preview: TemplatePreview | null; failure: string | null; pending: boolean };

/**
 * Renders the draft on the server as the author types: one request per pause (debounced), and an
 * answer that arrives after a newer request was sent is dropped, so the pane never goes backwards.
 */
export function useLivePreview(slug: string, channel: "email" | "sms", id: string | undefined, content: DraftContent, delayMs = 400): LivePreview {
  const [state, setState] = useState<LivePreview>({ preview: null, failure: null, pending: true });
  const seq = useRef(0);
  const key = JSON.stringify(content);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, pending: true }));
      previewTemplateAction(slug, { id, channel, content: JSON.parse(key) as DraftContent })
        .then((r) => {
          if (mine !== seq.current) return;
          setState("failure" in r ? { preview: null, failure: r.failure, pending: false } : { preview: r, failure: null, pending: false });
        })
        .catch(() => {
          if (mine === seq.current) setState((s) => ({ ...s, failure: "The preview could not be reached.", pending: false }));
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [slug, channel, id, key, delayMs]);
  return state;
}
