/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // forbidden() for signed-in users without the role a page needs (403).
    authInterrupts: true,
    // proxyClientMaxBodySize stays at its 10 MB: the routes that take uploads are not behind
    // proxy.ts (its matcher), so their bodies are never copied for it.
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
