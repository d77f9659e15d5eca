// Tells background workers when pushes are arriving, so they can step back while Feishu waits for its
// 200. "Arriving" is any push in flight or one started within the last `quietMs`: under a flood the
// server's loop is busy and new requests wait in the socket queue, where an in-flight count cannot see them.
export class LoadMeter {
  private inFlight = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  constructor(private readonly quietMs = 250) {}

  enter(): () => void {
    this.inFlight++;
    this.lastArrival = Date.now();
    let left = false;
    return () => {
      if (!left) {
        left = true;
        this.inFlight--;
      }
    };
  }

  busy(): boolean {
    return this.inFlight > 0 || Date.now() - this.lastArrival < this.quietMs;
  }
}
