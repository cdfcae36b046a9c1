/**
 * A gate as a physician or a reviewer reads it: its title first, its number only as a key, as the
 * flowchart numbers it ("Prior HSCT (gate 4)").
 */
export const gateName = ({ step, title }: { step: number; title: string }) =>
  `${title} (gate ${step})`;
