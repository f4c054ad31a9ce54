using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seedance.Client.Errors;

namespace Seedance.Client.Requests;

/// <summary>
/// Tells a refusal of a request's content from every other refusal. After a send whose outcome is unsure, only a refusal
/// that names one of the body's own fields (a 400 or 422 saying, say, "duration must be …") shows that the same body
/// would have been refused the first time too, so nothing was created. A 409 ("still being processed"), a 5xx, a rate
/// limit, an authentication or permission refusal, or a 400 that names no field says nothing about the first send.
/// </summary>
internal static partial class RuleRefusal
{
    public static bool SettlesNothingCreated(SeedanceApiException error, string body)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Kind != SeedanceErrorKind.InvalidRequest || error.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            || string.IsNullOrWhiteSpace(error.ProviderMessage))
        {
            return false;
        }

        var words = new HashSet<string>(Word().Matches(error.ProviderMessage).Select(m => m.Value), StringComparer.OrdinalIgnoreCase);
        return Fields(body).Any(words.Contains);
    }

    private static string[] Fields(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Select(p => p.Name).ToArray()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    // Field names are snake_case words: image_with_roles is one word here.
    [GeneratedRegex("[A-Za-z][A-Za-z0-9_]*")]
    private static partial Regex Word();
}
