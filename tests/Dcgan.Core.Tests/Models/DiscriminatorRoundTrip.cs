using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Tests;

namespace Dcgan.Core.Tests.Models;

/// <summary>Sends a discriminator through its model file, for the tests of each option that changes its layers.</summary>
internal static class DiscriminatorRoundTrip
{
    /// <summary>Saves <paramref name="discriminator"/> to a temporary file and loads it back.</summary>
    /// <returns>The loaded copy (owned by the caller) and the file's metadata.</returns>
    public static (Discriminator Loaded, IReadOnlyDictionary<string, string> Metadata) Of(Discriminator discriminator)
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "d.dcgan");
        DiscriminatorFile.Save(discriminator, path);
        return (DiscriminatorFile.Load(path), SafetensorsFile.Read(File.ReadAllBytes(path), path).Metadata);
    }
}
