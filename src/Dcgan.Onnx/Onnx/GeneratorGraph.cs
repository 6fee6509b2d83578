using System.Globalization;
using System.Text.Json;
using Dcgan.Inference;
using Dcgan.Persistence;
using Google.Protobuf;
using Onnx;

namespace Dcgan.Onnx;

/// <summary>
/// Builds the ONNX graph (opset 17) of a Dcgan generator from its file's tensors: the same layers as Dcgan.Core's
/// <c>Generator</c> (a full-size transposed convolution from the 1x1 noise map, then stride-2 transposed convolutions
/// with kernel 4 and padding 1, each but the last followed by batch norm in evaluation form and ReLU, and <c>tanh</c>
/// last), with the one-hot label concatenated to the noise for a class-conditional generator.
/// </summary>
/// <remarks>
/// Inputs: <c>noise</c> float <c>[batch, latent]</c>, and for a conditional generator <c>labels</c> int64 <c>[batch]</c>.
/// Output: <c>images</c> float <c>[batch, channels, size, size]</c> in [-1, 1]. The batch dimension is dynamic. The
/// manifest goes into <c>metadata_props</c> under the generator file's own keys, plus <c>noise</c> (the
/// <see cref="StandardNormalNoise"/> algorithm).
/// </remarks>
internal static class GeneratorGraph
{
    public const string NoiseInput = "noise";
    public const string LabelsInput = "labels";
    public const string ImagesOutput = "images";
    public const string NoiseKey = "noise";
    public const int Opset = 17;
    private const long IrVersion = 8; // the IR version of opset 17
    private const float BatchNormEpsilon = 1e-5f; // TorchSharp's BatchNorm2d default, which Dcgan's generator uses

    public static ModelProto Build(GeneratorFileContent content)
    {
        GeneratorDescription description = content.Description;
        var graph = new GraphProto { Name = "dcgan_generator" };
        graph.Input.Add(Tensor(NoiseInput, TensorProto.Types.DataType.Float, "batch", description.LatentSize));
        string x = NoiseInput;
        int inputWidth = description.LatentSize;
        if (description.IsConditional)
        {
            int classes = description.ClassNames.Count;
            graph.Input.Add(Tensor(LabelsInput, TensorProto.Types.DataType.Int64, "batch"));
            graph.Initializer.Add(Int64s("one_hot_depth", [], [classes]));
            graph.Initializer.Add(Floats("one_hot_values", [2], [0f, 1f]));
            graph.Node.Add(Node("OneHot", [LabelsInput, "one_hot_depth", "one_hot_values"], "one_hot", Int("axis", -1)));
            graph.Node.Add(Node("Concat", [NoiseInput, "one_hot"], "noise_and_label", Int("axis", 1)));
            x = "noise_and_label";
            inputWidth += classes;
        }
        graph.Initializer.Add(Int64s("noise_map_shape", [4], [-1, inputWidth, 1, 1]));
        graph.Node.Add(Node("Reshape", [x, "noise_map_shape"], "noise_map"));
        x = "noise_map";

        int[] layers = content.Tensors.Keys.Select(LayerIndex).Where(i => i >= 0).Distinct().Order().ToArray();
        int convolutions = 0;
        foreach (int layer in layers)
        {
            string prefix = $"main.{layer.ToString(CultureInfo.InvariantCulture)}.";
            if (content.Tensors.ContainsKey(prefix + "running_mean"))
            {
                // Batch norm in evaluation form (running statistics), then the ReLU that follows it in the generator.
                string[] inputs = [x, .. new[] { "weight", "bias", "running_mean", "running_var" }.Select(n => Initializer(graph, content, prefix + n))];
                graph.Node.Add(Node("BatchNormalization", inputs, prefix + "out", Float("epsilon", BatchNormEpsilon)));
                graph.Node.Add(Node("Relu", [prefix + "out"], prefix + "relu"));
                x = prefix + "relu";
            }
            else if (content.Tensors.TryGetValue(prefix + "weight", out SafetensorsEntry? weight) && weight.Shape.Length == 4)
            {
                // The first transposed convolution projects the 1x1 noise map with a full-size kernel; the others double the size.
                bool first = convolutions++ == 0;
                graph.Node.Add(Node("ConvTranspose", [x, Initializer(graph, content, prefix + "weight")], prefix + "out",
                    Ints("strides", first ? [1, 1] : [2, 2]), Ints("pads", first ? [0, 0, 0, 0] : [1, 1, 1, 1])));
                x = prefix + "out";
            }
            else
            {
                throw new InvalidDataException($"The generator's layer {layer} is neither a transposed convolution nor a batch norm: its tensors are [{string.Join(", ", content.Tensors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))}].");
            }
        }
        if (convolutions == 0)
            throw new InvalidDataException("The generator file holds no transposed convolutions ('main.N.weight').");
        graph.Node.Add(Node("Tanh", [x], ImagesOutput));
        graph.Output.Add(Tensor(ImagesOutput, TensorProto.Types.DataType.Float, "batch", description.Channels, description.ImageSize, description.ImageSize));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Dcgan",
            ProducerVersion = content.Metadata.GetValueOrDefault(ModelMetadata.LibraryVersionKey) ?? "",
            Graph = graph,
            DocString = "A Dcgan generator: noise (and labels) in, images in [-1, 1] out.",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach ((string key, string value) in Manifest(content))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>The generator file's manifest keys (all but its format marker and version) plus the noise algorithm.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Manifest(GeneratorFileContent content) =>
        content.Metadata.Where(p => p.Key is not (ModelMetadata.FormatKey or ModelMetadata.VersionKey))
            .Append(KeyValuePair.Create(NoiseKey, StandardNormalNoise.Algorithm))
            .OrderBy(p => p.Key, StringComparer.Ordinal);

    private static int LayerIndex(string name)
    {
        string[] parts = name.Split('.');
        return parts.Length == 3 && parts[0] == "main" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1;
    }

    private static string Initializer(GraphProto graph, GeneratorFileContent content, string name)
    {
        SafetensorsEntry entry = content.Tensors.TryGetValue(name, out SafetensorsEntry? found) ? found
            : throw new InvalidDataException($"The generator file lacks the tensor '{name}'.");
        if (entry.Dtype != "F32")
            throw new InvalidDataException($"The generator's tensor '{name}' is {entry.Dtype}; ONNX export needs F32.");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(entry.Data.Span) };
        tensor.Dims.AddRange(entry.Shape);
        graph.Initializer.Add(tensor);
        return name;
    }

    private static TensorProto Floats(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    private static TensorProto Int64s(string name, long[] dims, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    private static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, string batch, params int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (int dim in dims)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto Ints(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
