using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;

namespace Seedance.Client.Http;

/// <summary>
/// A provider answer read whole: status, body (secrets already removed) and the headers the client acts on.
/// <paramref name="Replayed"/> is the <c>Idempotency-Replayed: true</c> header: the answer repeats an earlier request's.
/// </summary>
internal sealed record ProviderResponse(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter, string? ContentType, bool Replayed = false)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public bool LooksLikeJson => Body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{' or (byte)'[', ..];

    public bool TryParse([NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        if (!LooksLikeJson)
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(Body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
