using System.Security.Cryptography;
using Dcgan.Persistence;

namespace Dcgan.Mnist.Sources;

/// <summary>
/// Downloads an MNIST file from the first mirror that serves it with the right SHA-256. The bytes go to a
/// temporary file in the cache folder and are renamed into place only after the checksum matches, so the
/// cache never holds a partial or wrong file, and a retry after any fault starts clean.
/// </summary>
internal sealed class MnistDownloader(HttpClient client, IReadOnlyList<Uri> mirrors, TimeSpan timeout)
{
    public string Download(MnistFile file, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, file.Name);
        var failures = new List<Exception>();
        foreach (Uri mirror in mirrors)
        {
            var address = new Uri(mirror, file.Name);
            try
            {
                DownloadVerified(address, file, target, cancellationToken);
                return target;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested &&
                ex is HttpRequestException or IOException or OperationCanceledException or InvalidDataException)
            {
                failures.Add(new IOException($"{address}: {Describe(ex)}", ex));
            }
        }
        throw new IOException(
            $"Could not download MNIST file '{file.Name}' into '{directory}'. Tried: " +
            string.Join("; ", failures.Select(f => f.Message)) +
            $". Without internet, put the four MNIST files in a directory and pass it to WithMnist(directory) or set {MnistOptions.DirectoryVariable}.",
            new AggregateException(failures));
    }

    private void DownloadVerified(Uri address, MnistFile file, string target, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        CancellationToken token = timeoutSource.Token;

        // A failed or mismatching download leaves any earlier file as it was.
        AtomicFile.Write(target, output =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            using HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, token);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            using Stream body = response.Content.ReadAsStream(token);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = body.ReadAsync(buffer, token).AsTask().GetAwaiter().GetResult()) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }
            string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(actual, file.Sha256, StringComparison.Ordinal))
                throw new InvalidDataException($"SHA-256 mismatch: expected {file.Sha256}, got {actual} ({output.Length} bytes)");
        });
    }

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "timed out",
        _ => ex.Message,
    };
}
