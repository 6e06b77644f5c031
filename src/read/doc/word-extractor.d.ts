// Types for word-extractor 1.x (the package ships none): only what the DOC reader uses.
declare module 'word-extractor' {
  interface TextOptions {
    /** True (the default) turns curly quotes and similar into ASCII. */
    filterUnicode?: boolean;
  }
  class WordDocument {
    getBody(options?: TextOptions): string;
    getTextboxes(options?: TextOptions & { includeHeadersAndFooters?: boolean; includeBody?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>;
  }
}
