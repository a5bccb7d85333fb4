// Module worker of <aq-aigc-badge>: reads a file's implicit label off the main thread, so one large or hostile
// upload cannot freeze the page. Message in: { id, blob, type }; out: { id, result } or { id, error }.
import { ImplicitLabelError, inspectImplicitLabel } from '../metadata/index.js';

interface Request {
  id: number;
  blob: Blob;
  type?: string;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = async (e) => {
  const { id, blob, type } = e.data;
  try {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const result = await inspectImplicitLabel(bytes, { type: type || blob.type });
    scope.postMessage({ id, result });
  } catch (err) {
    const error = err instanceof ImplicitLabelError ? `${err.code}: ${err.message}` : String(err);
    scope.postMessage({ id, error });
  }
};
