/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // forbidden() for signed-in users without the role a page needs (403).
    authInterrupts: true,
    // Next.js hands a route at most this much of a body once proxy.ts has run (default 10 MB,
    // cut silently): a message's five 10 MB files and its fields must arrive whole. The route
    // itself refuses anything larger (lib/http/read-message-body.ts).
    proxyClientMaxBodySize: "51mb",
  },
  serverExternalPackages: [
    "better-sqlite3",
    "@node-rs/argon2",
    "@react-pdf/renderer",
    "pino",
    "pino-http",
  ],
};

export default nextConfig;
