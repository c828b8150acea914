/**
 * Where a statement's span goes in a trace. A resolver's span (src/server/tracing.ts) is
 * deferred: it is started, backdated to when the resolver began, only when a statement runs
 * under it, so a trace shows the resolvers that went to the database and not the hundreds that
 * read a field of an object already loaded. A DataLoader batch runs under the resolver whose
 * load started it. Everything here is a no-op until the OpenTelemetry SDK is started.
 */
import { SpanStatusCode, context, createContextKey, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";

const DEFERRED = createContextKey("provgraph.deferred-span");
const tracer = trace.getTracer("provgraph");

export class DeferredSpan {
  private span: Span | undefined;
  private readonly startTime = performance.timeOrigin + performance.now();

  constructor(
    private readonly name: string,
    private readonly parent: Context,
    private readonly attributes: Attributes,
  ) {}

  /** Runs `work` with this span as the parent of the statements it sends. */
  within<T>(work: () => T): T {
    return context.with(context.active().setValue(DEFERRED, this), work);
  }

  /** The context of this span, started now if no statement has started it yet. */
  started(): Context {
    this.span ??= tracer.startSpan(this.name, { startTime: this.startTime, attributes: this.attributes }, this.parent);
    return trace.setSpan(this.parent, this.span);
  }

  /** Ends the span if a statement started it; `failed` marks it an error with that code. */
  end(failed?: string): void {
    if (!this.span) return;
    if (failed) this.span.setStatus({ code: SpanStatusCode.ERROR, message: failed });
    this.span.end();
  }
}

/** The context a statement's span starts in: the pending resolver span's, else the active one. */
export function statementParent(): Context {
  const active = context.active();
  const deferred = active.getValue(DEFERRED) as DeferredSpan | undefined;
  return deferred ? deferred.started() : active;
}
