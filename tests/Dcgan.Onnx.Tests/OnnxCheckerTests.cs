using Dcgan.Tests;

namespace Dcgan.Onnx.Tests;

/// <summary>Slow tier: every exported model passes the ONNX project's own checker (Debian's python3-onnx), with full shape inference.</summary>
[Trait("Category", "Slow")]
public sealed class OnnxCheckerTests
{
    [PythonOnnxFact]
    public void ExportedModels_UnconditionalAndConditional_PassTheOnnxChecker()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        foreach ((string name, string source) in new[] { ("mnist.onnx", PretrainedFiles.Unconditional), ("conditional.onnx", PretrainedFiles.Conditional) })
        {
            string onnxFile = Path.Combine(folder.Path, name);
            OnnxExport.Write(source, onnxFile);

            (int exitCode, string output) = ChildProcess.Run("/usr/bin/python3",
                $"-c \"import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print('ok', m.opset_import[0].version)\" {onnxFile}",
                TimeSpan.FromMinutes(2));

            exitCode.Should().Be(0, output);
            output.Should().Contain("ok 17");
        }
    }
}
