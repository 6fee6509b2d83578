using Dcgan.Onnx;
using Dcgan.Pretrained;

namespace Dcgan.Hosting;

/// <summary>
/// Which generator a host serves and how: a generator file (<see cref="ModelPath"/>) or a pretrained one
/// (<see cref="Pretrained"/>), the backend that runs it and its threads. Bound from configuration (for example the
/// section <c>Dcgan:Generator</c>) and validated when the host starts.
/// </summary>
public sealed class DcganGeneratorOptions
{
    /// <summary>A <c>.dcgan</c> generator file (or an exported <c>.onnx</c> model for the ONNX Runtime backend). When set, it wins over <see cref="Pretrained"/>.</summary>
    public string? ModelPath { get; set; }

    /// <summary>A pretrained generator of Dcgan.Pretrained (<see cref="PretrainedGenerators.Names"/>), used when <see cref="ModelPath"/> is not set.</summary>
    public string? Pretrained { get; set; }

    /// <summary>The backend's name: <c>onnxruntime</c> (default, no libtorch) or <c>torchsharp</c> (register it with <c>AddDcganBackend&lt;TorchSharpBackend&gt;()</c>).</summary>
    public string Backend { get; set; } = OnnxRuntimeBackend.BackendName;

    /// <summary>Threads one generation may use (ONNX Runtime's intra-op threads), or null for the backend's default.</summary>
    public int? Threads { get; set; }

    /// <summary>What the generator is loaded from: <see cref="ModelPath"/> when set, else the pretrained generator <see cref="Pretrained"/>; named in errors.</summary>
    public string ModelSource => UsesFile ? ModelPath! : $"pretrained '{Pretrained}'";

    private bool UsesFile => !string.IsNullOrWhiteSpace(ModelPath);

    /// <summary>Opens <see cref="ModelSource"/>: the file at <see cref="ModelPath"/> or the pretrained generator's resource.</summary>
    /// <returns>A readable stream at the start of the model, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">Neither is set, or <see cref="Pretrained"/> names no pretrained generator.</exception>
    public Stream OpenModel() => UsesFile ? File.OpenRead(ModelPath!) : PretrainedGenerators.Open(Pretrained ?? "");

    /// <summary>The problems with these options, one sentence each; empty when valid. Checks that the file exists, not that it loads.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UsesFile)
        {
            if (!File.Exists(ModelPath))
                errors.Add($"{nameof(ModelPath)} '{ModelPath}' does not exist.");
        }
        else if (string.IsNullOrWhiteSpace(Pretrained))
        {
            errors.Add($"Set {nameof(ModelPath)} to a generator file or {nameof(Pretrained)} to one of {string.Join(", ", PretrainedGenerators.Names)}.");
        }
        else if (!PretrainedGenerators.Names.Contains(Pretrained))
        {
            errors.Add($"{nameof(Pretrained)} '{Pretrained}' is not a pretrained generator; the names are {string.Join(", ", PretrainedGenerators.Names)}.");
        }
        if (string.IsNullOrWhiteSpace(Backend))
            errors.Add($"{nameof(Backend)} must name a backend, for example '{OnnxRuntimeBackend.BackendName}'.");
        if (Threads is <= 0)
            errors.Add($"{nameof(Threads)} must be positive when set, but was {Threads}.");
        return errors;
    }
}
