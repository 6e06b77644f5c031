// The PDF writer's page geometry (points): A4 after GB/T 9704, the text block, type sizes, table metrics.
import { OFFICIAL_PAGE } from '../grid.ts';

export const MM = 72 / 25.4;
export const PAGE_W = OFFICIAL_PAGE.size.width * MM;
export const PAGE_H = OFFICIAL_PAGE.size.height * MM;
export const MARGIN = { top: OFFICIAL_PAGE.margin.top * MM, bottom: OFFICIAL_PAGE.margin.bottom * MM, left: OFFICIAL_PAGE.margin.left * MM, right: OFFICIAL_PAGE.margin.right * MM };
export const TEXT_W = PAGE_W - MARGIN.left - MARGIN.right;
export const TEXT_BOTTOM = PAGE_H - MARGIN.bottom;
export const TEXT_H = TEXT_BOTTOM - MARGIN.top;

/** A page's text block. Appendix tables too wide for a portrait page get landscape pages, the block turned with them. */
export interface Geometry {
  pageW: number;
  pageH: number;
  left: number;
  top: number;
  width: number;
  bottom: number;
  height: number;
}

export const PORTRAIT: Geometry = { pageW: PAGE_W, pageH: PAGE_H, left: MARGIN.left, top: MARGIN.top, width: TEXT_W, bottom: TEXT_BOTTOM, height: TEXT_H };
export const LANDSCAPE: Geometry = {
  pageW: PAGE_H,
  pageH: PAGE_W,
  left: MARGIN.top,
  top: MARGIN.left,
  width: PAGE_H - MARGIN.top - MARGIN.bottom,
  bottom: PAGE_W - MARGIN.right,
  height: TEXT_W,
};

export const SIZE = { ...OFFICIAL_PAGE.pt, table: 10.5 };
/** 22 lines a page (GB/T 9704 7.2). */
export const PITCH = TEXT_H / OFFICIAL_PAGE.lines;
export const TITLE_PITCH = 33;
/** Space after a section heading: a heading never reads as the first line of its paragraph. */
export const HEADING_AFTER = 10;
/** CJK glyphs sit in an em box from 0.88 above to 0.12 below the baseline. */
export const ASCENT = 0.88;

// Tables: 五号 text, the template's minimum row height (340 twips) and cell margins.
export const CELL_PAD_X = 3.5;
export const CELL_PAD_Y = 2;
export const CELL_LEADING = 1.25;
export const MIN_ROW = 17;
/**
 * Rows whose labels carry no numbering (section 二, the header of section 四, appendices) are set
 * as Word sets the template (about 2.5 lines of 五号 a row), so that the labels of two rows are
 * never taken for one label wrapped over two lines.
 */
export const MIN_ROW_OPEN = 26;
export const RULE = 0.5;
export const TABLE_GAP = 8;
