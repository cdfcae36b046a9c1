/** "2026-11-26 10:00 UTC": a time as stored, as the PDF prints it and a page's times show on hover. */
export const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
