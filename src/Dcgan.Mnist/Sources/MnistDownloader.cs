using Dcgan.Mnist.Datasets;
using Dcgan.Mnist.Idx;
using Dcgan.Persistence;

namespace Dcgan.Mnist.Sources;

/// <summary>
/// Downloads a data set's file from the first mirror that serves it with the right content. The bytes are checked
/// (IDX structure and the SHA-256 of the content) before they are written to the cache through a temporary file and
/// a rename, so the cache never holds a partial or wrong file, and a retry after any fault starts clean.
/// </summary>
internal sealed class MnistDownloader(HttpClient client, IdxDatasetSpec dataset, IReadOnlyList<Uri> mirrors, TimeSpan timeout)
{
    // Larger than any file of an MNIST-layout set (47 MB raw); a mirror that sends more is not serving one.
    private const long MaximumBytes = 256L << 20;

    public string Download(IdxFileSpec file, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, file.Name);
        var failures = new List<Exception>();
        foreach (Uri mirror in mirrors)
        {
            var address = new Uri(mirror, file.Name);
            try
            {
                byte[] content = DownloadVerified(address, file, cancellationToken);
                // A failed write leaves any earlier file as it was.
                AtomicFile.Write(target, output => output.Write(content));
                return target;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested &&
                ex is HttpRequestException or IOException or OperationCanceledException or InvalidDataException)
            {
                failures.Add(new IOException($"{address}: {Describe(ex)}", ex));
            }
        }
        throw new IOException(
            $"Could not download {dataset.Name} file '{file.Name}' into '{directory}'. Tried: " +
            string.Join("; ", failures.Select(f => f.Message)) +
            $". Without internet, put the four files in a directory and pass it to Dcgan (for MNIST WithMnist(directory)) or set {dataset.DirectoryVariable}.",
            new AggregateException(failures));
    }

    private byte[] DownloadVerified(Uri address, IdxFileSpec file, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        CancellationToken token = timeoutSource.Token;

        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        using HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        using Stream body = response.Content.ReadAsStream(token);
        using var received = new MemoryStream();
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = body.ReadAsync(buffer, token).AsTask().GetAwaiter().GetResult()) > 0)
        {
            if (received.Length + read > MaximumBytes)
                throw new InvalidDataException($"the response is larger than {MaximumBytes} bytes");
            received.Write(buffer, 0, read);
        }
        byte[] content = received.ToArray();
        file.Verify(IdxReader.Read(new MemoryStream(content), address.ToString()), address.ToString());
        return content;
    }

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "timed out",
        _ => ex.Message,
    };
}
