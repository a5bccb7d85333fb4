// The output buffer of a media export (loaded with the export, not with the page).

/** Collects a StreamTarget's positioned writes into one buffer, refusing to grow past `maxBytes`. */
export class CappedSink {
  private buffer = new Uint8Array(1 << 20);
  size = 0;
  /** True once a write passed the cap. */
  over = false;
  constructor(
    readonly maxBytes: number,
    private readonly onOver: () => void,
  ) {}

  write(data: Uint8Array, position: number): void {
    const end = position + data.byteLength;
    if (this.over) return;
    if (end > this.maxBytes) {
      // Drop the data and cancel the work; the caller turns the cancellation into a `too-large` error.
      this.over = true;
      this.onOver();
      return;
    }
    if (end > this.buffer.byteLength) {
      let cap = this.buffer.byteLength;
      while (cap < end) cap *= 2;
      const next = new Uint8Array(Math.min(cap, Math.max(end, this.maxBytes)));
      next.set(this.buffer.subarray(0, this.size));
      this.buffer = next;
    }
    this.buffer.set(data, position);
    if (end > this.size) this.size = end;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.size);
  }
}
