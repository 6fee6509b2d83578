using System.Net;
using System.Net.Sockets;

namespace Dcgan.Mnist.Tests.Sources;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener on a free port) whose answers a test decides per file
/// name. Every request is answered in a bounded time; the server stops on dispose.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<string, ServerAnswer> respond;
    private readonly Task loop;

    public LocalHttpServer(Func<string, (int Status, byte[] Body)> respond)
        : this(name => { (int status, byte[] body) = respond(name); return new ServerAnswer(status, body); })
    {
    }

    public LocalHttpServer(Func<string, ServerAnswer> respond)
    {
        this.respond = respond;
        int port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/mnist/");
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public List<string> Requests { get; } = [];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            // Each request on its own task, so a stalled answer does not hold up the next request.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            string name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            lock (Requests)
                Requests.Add(name);
            ServerAnswer answer = respond(name);
            if (answer.Stall > TimeSpan.Zero)
                await Task.Delay(answer.Stall);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentLength64 = answer.Body.Length;
            if (answer.DropAfterBytes >= 0)
            {
                // Announce the whole body, send part of it, then cut the connection.
                await context.Response.OutputStream.WriteAsync(answer.Body.AsMemory(0, answer.DropAfterBytes));
                await context.Response.OutputStream.FlushAsync();
                context.Response.Abort();
                return;
            }
            await context.Response.OutputStream.WriteAsync(answer.Body);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The client went away (timeout) or the server is stopping.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

/// <summary>How <see cref="LocalHttpServer"/> answers one request.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body announced (Content-Length) and, unless dropped, sent.</param>
/// <param name="DropAfterBytes">Cut the connection after this many body bytes; -1 sends everything.</param>
/// <param name="Stall">Wait this long before answering at all.</param>
internal sealed record ServerAnswer(int Status, byte[] Body, int DropAfterBytes = -1, TimeSpan Stall = default);
