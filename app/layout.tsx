import type { Metadata } from "next";
import { inter } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Herald: email and SMS campaigns", template: "%s · Herald" },
  description:
    "Herald sends email and SMS campaigns and transactional messages, tracks opens and clicks, and bills your team by usage.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
