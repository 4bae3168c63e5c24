/** The summarizer's test kit (`@muster/summarizer/testing`): incident fixtures and a corpus of real secret formats. */
export * from './incident-fixtures';
export * from './secret-corpus';
