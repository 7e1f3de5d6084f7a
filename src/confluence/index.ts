/** Confluence output: the document as ADF, Markdown and HTML, and publishing it as a page. */
export * from './adf';
export * from './markdown';
export * from './html';
export * from './client';
export * from './publish';
export * from './permission';
