// Minimal typings for the reference BM25 used by the retrieval evaluation (the packages ship none).
declare module "wink-bm25-text-search" {
  /** A BM25 search engine instance. */
  interface WinkBm25 {
    defineConfig(config: unknown): boolean;
    definePrepTasks(tasks: unknown[], field?: string): number;
    addDoc(doc: Record<string, string>, id: string): number;
    consolidate(precision?: number): boolean;
    search(text: string, limit?: number): [string, number][];
  }
  /** Creates a search engine. */
  const create: () => WinkBm25;
  export default create;
}
declare module "wink-nlp-utils" {
  /** Text preparation functions, used as BM25 prep tasks. */
  const utils: {
    string: { lowerCase: unknown; tokenize0: unknown; removeExtraSpaces: unknown };
    tokens: { removeWords: unknown; stem: unknown; propagateNegations: unknown };
  };
  export default utils;
}
