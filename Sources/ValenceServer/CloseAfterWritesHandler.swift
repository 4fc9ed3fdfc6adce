import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Holds a connection's close until every response byte already written has left: Hummingbird
/// closes a connection right after writing the last part of its response when the server is
/// shutting down (SIGTERM), and a close drops whatever a slow reader had not yet taken. With this,
/// a download in flight at shutdown completes. A reader that takes nothing for 30 seconds is closed
/// anyway, so it cannot hold the shutdown.
final class CloseAfterWritesHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var pendingWrites = 0
    private var deferredClose: EventLoopPromise<Void>??
    static let patience = TimeAmount.seconds(30)

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        pendingWrites += 1
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { result in
            self.pendingWrites -= 1
            promise?.completeWith(result)
            if self.pendingWrites == 0 { self.closeNow(context) }
        }
        context.write(data, promise: written)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, pendingWrites > 0, deferredClose == nil else {
            context.close(mode: mode, promise: promise)
            return
        }
        deferredClose = .some(promise)
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.patience) { self.closeNow(context) }
    }

    private func closeNow(_ context: ChannelHandlerContext) {
        guard let closePromise = deferredClose else { return }
        deferredClose = nil
        context.close(mode: .all, promise: closePromise)
    }
}
