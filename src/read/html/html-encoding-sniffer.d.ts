// Types for html-encoding-sniffer 6 (the package ships none): only what the HTML charset step uses.
declare module 'html-encoding-sniffer' {
  /** The WHATWG encoding name of an HTML byte stream: its BOM, else the prescan of its first 1024 bytes, else `defaultEncoding`. */
  export default function sniffHtmlEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
}
