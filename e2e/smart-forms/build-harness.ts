// Bundles the Smart Forms harness (harness.tsx) with esbuild into .e2e-smart-forms/, for the
// test to serve: the renderer never enters the app's build.
import { build } from "esbuild";

export const HARNESS_DIR = ".e2e-smart-forms";

export async function buildHarness() {
  await build({
    entryPoints: ["e2e/smart-forms/harness.tsx"],
    bundle: true,
    format: "esm",
    jsx: "automatic",
    minify: true,
    outfile: `${HARNESS_DIR}/harness.js`,
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".woff": "file", ".woff2": "file" },
    logLevel: "warning",
  });
}
