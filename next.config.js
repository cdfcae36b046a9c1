/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() for signed-in users without the role a page needs (403).
  experimental: { authInterrupts: true },
  serverExternalPackages: [
    "better-sqlite3",
    "@node-rs/argon2",
    "@react-pdf/renderer",
    "pino",
    "pino-http",
  ],
};

export default nextConfig;
