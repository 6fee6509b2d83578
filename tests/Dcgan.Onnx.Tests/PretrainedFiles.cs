using Dcgan.Inference;
using Dcgan.Mnist.Pretrained;
using Dcgan.Persistence;

namespace Dcgan.Onnx.Tests;

/// <summary>The shipped pretrained generators as .dcgan files (saved again from the TorchSharp backend: the same tensors), written once per process.</summary>
internal static class PretrainedFiles
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), $"dcgan-onnx-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        using (TorchImageGenerator generator = MnistPretrained.LoadGenerator())
            GeneratorFile.Save(generator.Generator, Path.Combine(folder, "mnist.dcgan"));
        using (TorchImageGenerator generator = MnistPretrained.LoadConditionalGenerator())
            GeneratorFile.Save(generator.Generator, Path.Combine(folder, "mnist-conditional.dcgan"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    public static string Unconditional => Path.Combine(Folder.Value, "mnist.dcgan");

    public static string Conditional => Path.Combine(Folder.Value, "mnist-conditional.dcgan");
}
