// What the reading page's script (media/readingPage.ts) reads from the page's JSON data block, to fill
// its cards: written by readingPage.ts, read there, and type-checked on both sides.

export interface ReadingPageEntity {
  name: string;
  kind: string;
  type: string;
  summary: string;
  aliases: string[];
  mentions: number;
  claims: Array<{ summary: string; claimant: string; stance: string }>;
}

export interface ReadingPageClaim {
  summary: string;
  claimant: string;
  stance: string;
  answers: string;
  answeredBy: string[];
}

export interface ReadingPageData {
  entities: Record<string, ReadingPageEntity>;
  claims: Record<string, ReadingPageClaim>;
}
