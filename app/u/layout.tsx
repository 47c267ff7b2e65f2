import type { Metadata } from "next";
import { PublicFrame } from "@/components/consent/public-frame";

// Pages reached by a token: keep them out of search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function UnsubscribeLayout({ children }: { children: React.ReactNode }) {
  return <PublicFrame>{children}</PublicFrame>;
}
