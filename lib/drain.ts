import type { RequestHandler } from 'express';

/**
 * The requests a service is answering. A stopping service waits for them while it still takes
 * new requests, because a request in flight may need one: a coordinator's read at vcs has
 * identity ask vcs for the charity's caseload. Only then does it close its listener.
 */
export class RequestsInFlight {
  private count = 0;
  private idle: (() => void)[] = [];

  readonly track: RequestHandler = (_request, response, next) => {
    this.count++;
    response.once('close', () => {
      if (--this.count === 0) this.idle.splice(0).forEach((resolve) => resolve());
    });
    next();
  };

  /** Resolves once none are in flight, or after `limitMs` under a load that never lets up. */
  settled(limitMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
