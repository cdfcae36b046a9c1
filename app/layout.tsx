import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HeaderAccountLink } from "@/components/header-account-link";
import { defaultPolicy } from "@/lib/server/policies";
import "./globals.css";

export function generateMetadata(): Metadata {
  const { meta } = defaultPolicy();
  return {
    title: `${meta.shortName}: ${meta.title}`,
    description: `Medical-necessity review of ${meta.title}, ${meta.documentType} ${meta.number}.`,
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page carries its own CSP nonce (proxy.ts), so none can be prerendered once for all.
  await connection();
  const { meta, effectiveDate } = defaultPolicy();
  return (
    <html lang="en">
      <body className="bg-white text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
        >
          Skip to main content
        </a>
        <header className="border-b border-slate-300 print:hidden">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-2 p-4">
            <Link href="/" prefetch={false} className="font-semibold text-slate-900">
              {meta.shortName}
            </Link>
            <Link href="/" prefetch={false} className="text-blue-800 underline">
              Questionnaire
            </Link>
            <Link href="/policy" prefetch={false} className="text-blue-800 underline">
              Policy text
            </Link>
            <HeaderAccountLink />
          </nav>
        </header>
        {children}
        <footer className="mx-auto max-w-6xl border-t border-slate-300 p-4 text-sm text-slate-700">
          Policy text quoted verbatim from {meta.publisher} {meta.documentType} {meta.number},
          effective {effectiveDate}. {meta.copyright}.{" "}
          <Link href="/metrics" prefetch={false} className="text-blue-800 underline">
            Prior authorization metrics
          </Link>
        </footer>
      </body>
    </html>
  );
}
