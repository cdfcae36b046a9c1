// The few control styles every form shares, so buttons and fields look and behave alike.
const button =
  "rounded border px-4 py-2 font-medium disabled:cursor-not-allowed disabled:opacity-60";
export const primaryButton = `${button} border-blue-800 bg-blue-800 text-white hover:bg-blue-900`;
export const secondaryButton = `${button} border-slate-500 bg-white text-slate-900 hover:bg-slate-100`;
export const field =
  "mt-1 rounded border border-slate-500 px-2 py-1 aria-[invalid=true]:border-red-700";
