// Planned dates of service for test data that must stay in the future whenever the suite runs: a
// past date is taken only as a retrospective request.
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** June 1 next year; an authorization from it runs 90 days, to August 29. */
export const FUTURE_SERVICE_DATE = `${NEXT_YEAR}-06-01`;
export const FUTURE_AUTHORIZATION_END = `${NEXT_YEAR}-08-29`;
/** Another future date, for a second kind of request; 90 days from it end on October 12. */
export const LATER_SERVICE_DATE = `${NEXT_YEAR}-07-15`;
export const LATER_AUTHORIZATION_END = `${NEXT_YEAR}-10-12`;
