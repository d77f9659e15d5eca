// Tells background workers when pushes flood in, so they step back while Feishu waits for its 200s.
// A flood is many pushes in flight at once, or a rate of arrivals far above anything a city's users
// produce (by default 100 within 250 ms, 400/s: a deadline-day peak is ~10/s, a burst 150/s). Below
// that the workers handle each event the moment it is stored: an answer within milliseconds matters
// more to a person than acknowledgements the bot could never send replies for (Feishu allows 50/s).
// Under a flood the server's loop is busy and new requests wait in the socket queue, where an in-flight
// count cannot see them; the arrival rate can.
export class LoadMeter {
  private inFlight = 0;
  /** The last `burst` arrival times, as a ring. */
  private readonly arrivals: Float64Array;
  private next = 0;

  constructor(
    private readonly o: { inFlight?: number; burst?: number; withinMs?: number } = {},
    private readonly now: () => number = Date.now,
  ) {
    this.arrivals = new Float64Array(o.burst ?? 100).fill(Number.NEGATIVE_INFINITY);
  }

  enter(): () => void {
    this.inFlight++;
    this.arrivals[this.next] = this.now();
    this.next = (this.next + 1) % this.arrivals.length;
    let left = false;
    return () => {
      if (!left) {
        left = true;
        this.inFlight--;
      }
    };
  }

  /** Nothing waiting for its answer and no flood coming in: a moment for work that holds the event loop briefly. */
  quiet(): boolean {
    return this.inFlight === 0 && !this.busy();
  }

  busy(): boolean {
    // arrivals[next] is the oldest of the last `burst` arrivals: all of them came within `withinMs`.
    return this.inFlight >= (this.o.inFlight ?? 8) || this.now() - this.arrivals[this.next]! < (this.o.withinMs ?? 250);
  }
}
