using System.Text.Json;
using Dcgan.Tests;
using Mono.Cecil;

namespace Dcgan.Onnx.Tests;

/// <summary>The runtime package needs neither TorchSharp nor libtorch: neither its assembly nor its resolved package graph names them.</summary>
public sealed class DependencyClosureTests
{
    private static bool IsTorch(string name) => name.Contains("torch", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void DcganOnnx_ResolvedPackageGraph_HoldsNoTorchSharpOrLibtorch()
    {
        string assets = Path.Combine(TestData.RepositoryRoot, "src", "Dcgan.Onnx", "obj", "project.assets.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(assets));

        string[] libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToArray();

        libraries.Should().Contain(l => l.StartsWith("Microsoft.ML.OnnxRuntime/", StringComparison.Ordinal), "the graph was read");
        libraries.Should().NotContain(l => IsTorch(l));
    }

    [Fact]
    public void DcganOnnx_AndWhatItReferences_ReferNoTorchAssembly()
    {
        string directory = Path.GetDirectoryName(typeof(OnnxImageGenerator).Assembly.Location)!;
        foreach (string name in new[] { "Dcgan.Onnx", "Dcgan.Abstractions" })
        {
            using AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(Path.Combine(directory, name + ".dll"));
            assembly.MainModule.AssemblyReferences.Select(r => r.Name).Should().NotContain(n => IsTorch(n), $"{name} must run without TorchSharp");
        }
    }
}
