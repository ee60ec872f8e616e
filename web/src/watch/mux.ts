import {
  eventResourceVersion,
  parseServerMessage,
  statusFailure,
  type ClientMessage,
  type LogOptions,
  type ServerMessage,
  type WatchEvent,
  type WatchFailure,
} from '@/watch/events';

/**
 * Every watch of a browser tab over one WebSocket to Lanthorn's `/watch`.
 *
 * Each subscription remembers the last resourceVersion it saw. When the socket drops, the
 * mux reconnects with backoff (0.5 s doubling to 10 s, with jitter) and subscribes again
 * from there; when the server says a watch `ended`, it resubscribes too. A `410 Gone`
 * ERROR event means that version is too old: the subscriber relists and subscribes anew.
 *
 * The server's own endings (see `events.ts`): an `error` with status 410 (`SlowClient`,
 * the tab fell behind) asks for a relist like a 410 Gone; a `SessionEnded` error means the
 * socket's session is over, so the mux drops that socket and subscribes everything again
 * on a new one (made with whatever cookie the browser holds by then).
 *
 * Log subscriptions (`subscribeLogs`) share the socket. A log that `ended` is over (it is
 * not resubscribed) unless the server ended it at its time limit (`resume`); then, after
 * falling behind, and after a dropped socket, it is subscribed again with the options its
 * owner gives then (`resumeOptions`, e.g. only the seconds missed).
 */

/** The part of the browser's WebSocket the mux uses, so tests can pass a fake. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

/** `idle`: no socket (nothing to watch); `connecting`: first attempt; `live`: open. */
export type MuxState = 'idle' | 'connecting' | 'live' | 'reconnecting';

export interface WatchRequest {
  cluster: string;
  /** Collection path, without a query string. */
  path: string;
  resourceVersion?: string;
  /** Ask for Table-format objects (cells plus metadata). */
  table?: boolean;
  labelSelector?: string;
  /** Passed to the API server; `metadata.name=NAME` follows one object of the collection. */
  fieldSelector?: string;
}

export interface WatchHandlers {
  onEvent: (event: WatchEvent) => void;
  /** The resourceVersion is too old (410): list again, then subscribe again. */
  onExpired: () => void;
  /** The subscription was refused or failed, and is gone. */
  onError: (failure: WatchFailure) => void;
}

/** A container's log: `path` is `/api/v1/namespaces/NS/pods/POD/log`. */
export interface LogRequest {
  cluster: string;
  path: string;
  options: LogOptions;
}

export interface LogHandlers {
  /** Whole lines, without their newline, in the order the cluster sent them. */
  onLines: (lines: string[]) => void;
  /** The log ended (a read without follow finished, or the container stopped). */
  onEnded: () => void;
  /** The subscription was refused or failed (e.g. 400 for `previous` without a restart). */
  onError: (failure: WatchFailure) => void;
  /**
   * The options to subscribe with again, from where the log stopped: after the socket
   * dropped and came back (`reconnected`), after the server's time limit on one read
   * (`timeLimit`, nothing was missed), or after the tab fell behind (`fellBehind`).
   */
  resumeOptions: (reason?: ResumeReason) => LogOptions;
}

/** Why a log is subscribed again. */
export type ResumeReason = 'reconnected' | 'timeLimit' | 'fellBehind';

export interface WatchSubscription {
  unsubscribe: () => void;
}

export interface MuxOptions {
  url: string;
  createSocket: SocketFactory;
  /** For jitter; `Math.random` by default. */
  random?: () => number;
  /** How long the socket stays open with nothing to watch. */
  idleCloseMs?: number;
}

interface ActiveLog {
  handlers: LogHandlers;
  options: LogOptions;
  /** Why to resume instead of starting over at the next subscribe, if so. */
  interrupted: ResumeReason | null;
}

interface Active {
  request: WatchRequest;
  handlers: WatchHandlers;
  /** Set for a log subscription (then `handlers` is unused). */
  log: ActiveLog | null;
  lastResourceVersion: string | undefined;
  /** The id of its current subscription on the socket, if subscribed. */
  wireId: string | null;
  subscribedAt: number;
  quickEnds: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/** The backoff before attempt `n` (0-based): 0.5 s doubling to 10 s, from half to all of it. */
export function backoffDelay(attempt: number, random: () => number): number {
  const full = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return full / 2 + (random() * full) / 2;
}

export class WatchMux {
  private readonly options: MuxOptions;
  private readonly random: () => number;
  private socket: SocketLike | null = null;
  private open = false;
  private state: MuxState = 'idle';
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly active = new Set<Active>();
  private readonly byWireId = new Map<string, Active>();
  private readonly listeners = new Set<() => void>();
  private nextId = 0;
  private readonly prefix = Math.random().toString(36).slice(2, 8);

  constructor(options: MuxOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
  }

  getState = (): MuxState => this.state;

  /** Calls `listener` whenever the state changes; returns the way to stop. */
  onStateChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  subscribe(request: WatchRequest, handlers: WatchHandlers): WatchSubscription {
    return this.add(request, handlers, null);
  }

  /** Streams a container's log over the shared socket. */
  subscribeLogs(request: LogRequest, handlers: LogHandlers): WatchSubscription {
    const ignore = () => undefined;
    return this.add(
      { cluster: request.cluster, path: request.path },
      { onEvent: ignore, onExpired: ignore, onError: ignore },
      { handlers, options: request.options, interrupted: null },
    );
  }

  private add(
    request: WatchRequest,
    handlers: WatchHandlers,
    log: ActiveLog | null,
  ): WatchSubscription {
    const sub: Active = {
      request,
      handlers,
      log,
      lastResourceVersion: request.resourceVersion,
      wireId: null,
      subscribedAt: 0,
      quickEnds: 0,
      retryTimer: null,
    };
    this.active.add(sub);
    this.clearIdle();
    if (this.open) {
      this.sendSubscribe(sub);
    } else if (this.socket === null && this.reconnectTimer === null) {
      this.connect();
    }
    return {
      unsubscribe: () => {
        this.drop(sub, true);
      },
    };
  }

  /** Closes the socket and forgets every subscription. */
  close(): void {
    for (const sub of [...this.active]) this.drop(sub, false);
    this.clearIdle();
    this.shutSocket();
    this.setState('idle');
  }

  private setState(state: MuxState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }

  private connect(): void {
    this.reconnectTimer = null;
    if (this.active.size === 0) {
      this.setState('idle');
      return;
    }
    if (this.state !== 'reconnecting') this.setState('connecting');
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.open = true;
      this.attempt = 0;
      this.setState('live');
      for (const sub of this.active) this.sendSubscribe(sub);
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onerror = () => {
      if (this.socket === socket) socket.close();
    };
    socket.onclose = () => {
      if (this.socket === socket) this.lose();
    };
  }

  /** The socket is gone: forget it, keep every subscription, and connect again. */
  private lose(): void {
    const socket = this.socket;
    this.socket = null;
    this.open = false;
    this.byWireId.clear();
    for (const sub of this.active) {
      sub.wireId = null;
      if (sub.log !== null) sub.log.interrupted = 'reconnected';
      if (sub.retryTimer !== null) {
        clearTimeout(sub.retryTimer);
        sub.retryTimer = null;
      }
    }
    if (socket !== null) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      socket.close();
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.active.size === 0) {
      this.setState('idle');
      return;
    }
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.connect();
    }, delay);
  }

  private shutSocket(): void {
    if (this.reconnectTimer !== null) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    const socket = this.socket;
    this.socket = null;
    this.open = false;
    this.byWireId.clear();
    if (socket !== null) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      socket.close();
    }
  }

  private clearIdle(): void {
    if (this.idleTimer !== null) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  private send(message: ClientMessage): void {
    if (this.socket !== null && this.open) this.socket.send(JSON.stringify(message));
  }

  private sendSubscribe(sub: Active): void {
    this.nextId += 1;
    const id = `${this.prefix}-${this.nextId}`;
    sub.wireId = id;
    sub.subscribedAt = Date.now();
    this.byWireId.set(id, sub);
    const { cluster, path, table, labelSelector, fieldSelector } = sub.request;
    if (sub.log !== null) {
      const reason = sub.log.interrupted;
      const logs = reason === null ? sub.log.options : sub.log.handlers.resumeOptions(reason);
      sub.log.interrupted = null;
      this.send({ type: 'subscribe', id, cluster, path, logs });
      return;
    }
    this.send({
      type: 'subscribe',
      id,
      cluster,
      path,
      ...(sub.lastResourceVersion === undefined
        ? {}
        : { resourceVersion: sub.lastResourceVersion }),
      ...(table === true ? { table: true } : {}),
      ...(labelSelector === undefined || labelSelector === '' ? {} : { labelSelector }),
      ...(fieldSelector === undefined || fieldSelector === '' ? {} : { fieldSelector }),
    });
  }

  /** Stops a subscription; tells the server unless it already forgot it. */
  private drop(sub: Active, tellServer: boolean): void {
    if (!this.active.delete(sub)) return;
    if (sub.retryTimer !== null) clearTimeout(sub.retryTimer);
    if (sub.wireId !== null) {
      this.byWireId.delete(sub.wireId);
      if (tellServer) this.send({ type: 'unsubscribe', id: sub.wireId });
      sub.wireId = null;
    }
    if (this.active.size === 0) this.scheduleIdleClose();
  }

  private scheduleIdleClose(): void {
    this.clearIdle();
    if (this.reconnectTimer !== null) {
      this.shutSocket();
      this.setState('idle');
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.active.size === 0) {
        this.shutSocket();
        this.setState('idle');
      }
    }, this.options.idleCloseMs ?? 10_000);
  }

  private receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (message === undefined) return;
    const sub = this.byWireId.get(message.id);
    if (sub === undefined) return;
    if (message.type === 'error' && message.failure.reason === 'SessionEnded') {
      // The socket's session is over and the server closes it: start a new one.
      this.lose();
      return;
    }
    if (sub.log !== null) {
      this.receiveLog(sub, sub.log.handlers, message);
      return;
    }
    switch (message.type) {
      case 'log':
        return;
      case 'event': {
        const { event } = message;
        if (event.type === 'ERROR') {
          const failure = statusFailure(event.object);
          this.drop(sub, true);
          if (failure.status === 410) sub.handlers.onExpired();
          else sub.handlers.onError(failure);
          return;
        }
        const rv = eventResourceVersion(event.object);
        if (rv !== undefined) sub.lastResourceVersion = rv;
        sub.quickEnds = 0;
        sub.handlers.onEvent(event);
        return;
      }
      case 'error':
        this.drop(sub, false);
        // 410 from Lanthorn: the tab fell behind and events were lost; list again.
        if (message.failure.status === 410) sub.handlers.onExpired();
        else sub.handlers.onError(message.failure);
        return;
      case 'ended':
        this.byWireId.delete(message.id);
        sub.wireId = null;
        this.resubscribeAfterEnd(sub);
        return;
    }
  }

  private receiveLog(sub: Active, handlers: LogHandlers, message: ServerMessage): void {
    switch (message.type) {
      case 'log':
        handlers.onLines(message.lines);
        return;
      case 'event':
        return;
      case 'error':
        if (message.failure.status === 410) {
          this.resumeLog(sub, 'fellBehind');
          return;
        }
        this.drop(sub, false);
        handlers.onError(message.failure);
        return;
      case 'ended':
        if (message.resume) {
          this.resumeLog(sub, 'timeLimit');
          return;
        }
        this.drop(sub, false);
        handlers.onEnded();
        return;
    }
  }

  /** Subscribes a log again at once, from where it stopped. */
  private resumeLog(sub: Active, reason: ResumeReason): void {
    if (sub.wireId !== null) this.byWireId.delete(sub.wireId);
    sub.wireId = null;
    if (sub.log !== null) sub.log.interrupted = reason;
    this.sendSubscribe(sub);
  }

  /** Resubscribes at once, or after a backoff when watches keep ending right away. */
  private resubscribeAfterEnd(sub: Active): void {
    const quick = Date.now() - sub.subscribedAt < 1_000;
    sub.quickEnds = quick ? sub.quickEnds + 1 : 0;
    if (sub.quickEnds === 0) {
      this.sendSubscribe(sub);
      return;
    }
    sub.retryTimer = setTimeout(
      () => {
        sub.retryTimer = null;
        if (this.active.has(sub) && this.open && sub.wireId === null) this.sendSubscribe(sub);
      },
      backoffDelay(sub.quickEnds - 1, this.random),
    );
  }
}
