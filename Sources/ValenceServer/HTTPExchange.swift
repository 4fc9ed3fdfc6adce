import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 request and its whole response over a connection of its own: the client side of
/// `valence --endpoint-url`. Blocking (the CLI is synchronous); the I/O runs on NIO's shared
/// event loops, the same stack the server runs on.
enum HTTPExchange {
    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
    }

    enum Failure: Error, Equatable {
        /// No connection (refused, unreachable, unknown host): the reason as NIO gives it.
        case cannotConnect(String)
        case connectTimeout
        /// No byte for the read timeout while a response was awaited.
        case readTimeout
        /// The connection closed before the response was complete.
        case closedEarly
    }

    /// Sends `method path` with `headers` and `body` to `host:port` and waits for the response.
    /// A timeout of 0 seconds is none.
    static func send(host: String, port: Int, method: HTTPMethod, path: String, headers: [(name: String, value: String)],
                     body: [UInt8], connectTimeout: Int, readTimeout: Int) throws(Failure) -> Response {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: Response.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout > 0 ? .seconds(Int64(connectTimeout)) : .hours(24))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHTTPClientHandlers()
                    if readTimeout > 0 { try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(Int64(readTimeout)))) }
                    try pipeline.addHandler(ResponseCollector(promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.connect(host: host, port: port).wait()
        } catch ChannelError.connectTimeout {
            promise.fail(Failure.connectTimeout)
            throw .connectTimeout
        } catch {
            promise.fail(Failure.cannotConnect("\(error)"))
            throw .cannotConnect("\(error)")
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        for header in headers { head.headers.add(name: header.name, value: header.value) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        defer { channel.close(promise: nil) }
        do {
            return try promise.futureResult.wait()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .closedEarly
        }
    }
}

/// Collects one response; completes the promise once, with the response, a read timeout, or the
/// error that ended the connection first.
private final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPExchange.Response>
    private var status = 0
    private var body: [UInt8] = []
    private var completed = false

    init(promise: EventLoopPromise<HTTPExchange.Response>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            complete(.success(HTTPExchange.Response(status: status, body: body)))
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            complete(.failure(HTTPExchange.Failure.readTimeout))
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        complete(.failure(HTTPExchange.Failure.closedEarly))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        complete(.failure(HTTPExchange.Failure.closedEarly))
        context.fireChannelInactive()
    }

    private func complete(_ result: Result<HTTPExchange.Response, any Error>) {
        guard !completed else { return }
        completed = true
        promise.completeWith(result)
    }
}
