// The values the documentation's code samples leave to the host, declared with the types the real API
// expects, for scripts/check-doc-samples.mjs. A sample uses them as free names (`subject: currentUserId`);
// nothing here stubs an Anquan API: every Anquan import in a sample resolves to the built packages.
// Every sample sees the whole SDK's global types (tags in HTMLElementTagNameMap, events in
// GlobalEventHandlersEventMap), as a page that loaded `anquan` does.
/// <reference types="anquan" />

/** The host's id of the signed-in user (`configure({ subject })`). */
declare const currentUserId: string;
/** The bytes of a generated file (`writeImplicitLabel(bytes, …)`). */
declare const bytes: Uint8Array;
/** A keyword list (`new KeywordMatcher(entries)`). */
declare const entries: import('@anquan/prescreen/keywords').KeywordEntry[];
/** A keyword library file's text (`parseKeywordLibrary(jsonl, 'jsonl')`). */
declare const jsonl: string;
/** The operator's signing key and the public key pages verify with. */
declare const privateKeyJwk: JsonWebKey;
declare const PUBLIC_KEY_JWK: JsonWebKey;
/** The keyword library version the page last accepted (anti-rollback). */
declare const currentVersion: number;
/** What the user typed, a policy built as in docs/prescreen.md, a model's streamed reply and its bubble. */
declare const userText: string;
declare const policy: import('@anquan/prescreen').PrescreenPolicy;
declare const modelStream: AsyncIterable<string>;
declare const replyId: string;
declare const bubble: HTMLElement;

/** A Vue single-file component, as a bundler's Vue plugin gives it. */
declare module '*.vue' {
  const component: import('vue').Component;
  export default component;
}

/**
 * @vitejs/plugin-vue is not a dependency of this repository: only the option the samples pass is
 * declared, so the check is that `isAnquanElement` fits Vue's `isCustomElement`.
 */
declare module '@vitejs/plugin-vue' {
  export default function vue(options?: { template?: { compilerOptions?: { isCustomElement?: (tag: string) => boolean } } }): {
    name: string;
  };
}
