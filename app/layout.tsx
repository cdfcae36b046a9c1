import type { Metadata } from "next";
import type { ReactNode } from "react";
import { POLICY } from "@/lib/policy/policy-meta";
import "./globals.css";

export const metadata: Metadata = {
  title: `Coverage Policy ${POLICY.number}: DLI and HPC boost`,
  description: `Medical-necessity review of ${POLICY.title}, Medical Coverage Policy ${POLICY.number}.`,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-white text-slate-900 antialiased">{children}</body>
    </html>
  );
}
