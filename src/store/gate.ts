/**
 * A first-come, first-served gate that lets `capacity` holders through at a time: the others
 * wait in arrival order, without a timeout, and each leaver hands its place to the next.
 */
export class Gate {
  private holders = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  /** Holders now, and callers waiting for a place. */
  get load(): { holding: number; waiting: number } {
    return { holding: this.holders, waiting: this.waiting.length };
  }

  /** Resolves when it is the caller's turn, with the function that ends it (calling it again does nothing). */
  async enter(): Promise<() => void> {
    if (this.holders < this.capacity) this.holders++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.holders--;
    };
  }
}
