// The renderer's hyphenation callback: the places a word may be broken at the end of a line.

// Shorter words are never broken: no hyphen appears that the text does not have.
const LONGEST_UNBROKEN = 30;
const PIECE = 20;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * A word as one piece, or, when longer than any line could need to keep whole, as pieces of
 * 20 characters: a word wider than the line is otherwise cut off at the margin and the rest of it
 * never printed. The renderer marks such a break with a hyphen. Pieces end on whole characters
 * (grapheme clusters), never between the halves of an emoji or a letter and its accent.
 */
export function breakableWord(word: string): string[] {
  if (word.length <= LONGEST_UNBROKEN) return [word];
  const pieces: string[] = [];
  let piece = "";
  for (const { segment } of graphemes.segment(word)) {
    piece += segment;
    if (piece.length >= PIECE) {
      pieces.push(piece);
      piece = "";
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}
