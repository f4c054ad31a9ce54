using System.Text.Json.Serialization;
using Seedance.Client.Requests;

namespace Seedance.Client.Serialization;

/// <summary>The source-generated JSON metadata of every wire type (keeps the client AOT-safe).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(VideoGenerationRequest))]
[JsonSerializable(typeof(ImageWithRole))]
[JsonSerializable(typeof(VideoTool))]
internal sealed partial class SeedanceJsonContext : JsonSerializerContext;
