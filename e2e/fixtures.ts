import { test as base, type BrowserContext } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * The browser specs' `test`: it fails any test during which a page reported a Content Security
 * Policy violation, in the test's own context and in every context it opens with `browser`.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use, testInfo) => {
      const violations: string[] = [];
      const watch = (ctx: BrowserContext) =>
        ctx.on("console", (message) => {
          if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
        });
      watch(context);
      // browser.newPage() opens its context through browser.newContext().
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const ctx = await newContext.apply(browser, args);
        watch(ctx);
        return ctx;
      };
      await use(violations);
      browser.newContext = newContext;
      if (testInfo.status === testInfo.expectedStatus && violations.length)
        throw new Error(`Content Security Policy violations:\n${violations.join("\n")}`);
    },
    { auto: true },
  ],
});
