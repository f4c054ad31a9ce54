using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seedance.Client.Models;

/// <summary>Source-generated metadata for the catalogue file (snake_case names, as the provider's JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, ReadCommentHandling = JsonCommentHandling.Skip,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ModelCatalogFile.CatalogDocument))]
internal sealed partial class ModelCatalogJsonContext : JsonSerializerContext;
