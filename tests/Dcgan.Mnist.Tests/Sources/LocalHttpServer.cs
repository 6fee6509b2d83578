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
    private readonly Func<string, (int Status, byte[] Body)> respond;
    private readonly Task loop;

    public LocalHttpServer(Func<string, (int Status, byte[] Body)> respond)
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
            string name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            lock (Requests)
                Requests.Add(name);
            (int status, byte[] body) = respond(name);
            context.Response.StatusCode = status;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
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
