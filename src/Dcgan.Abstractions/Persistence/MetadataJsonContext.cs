using System.Text.Json.Serialization;

namespace Dcgan.Persistence;

/// <summary>
/// Source-generated JSON for the metadata values Dcgan.Abstractions reads and writes itself (the class names), so an app
/// published with NativeAOT or trimming, where reflection-based serialisation is off, reads generator files too.
/// </summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;
