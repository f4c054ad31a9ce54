using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Seedance.Client.Security;

/// <summary>
/// Removes the configured API key and any bearer token from text the provider (or a gateway in front of it) sent, before
/// that text can reach an exception, a log line, a task snapshot or anything a caller stores. Some gateways echo the
/// request's <c>Authorization</c> header in their error messages; one place strips it, where bodies are read.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    private readonly string? _key;

    public SecretRedactor(string? apiKey)
    {
        _key = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }

    /// <summary>
    /// <paramref name="text"/> with the key and every bearer token replaced by <see cref="Mask"/>; the same instance when
    /// there was nothing to remove.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (_key is not null && text.Contains(_key, StringComparison.Ordinal))
        {
            text = text.Replace(_key, Mask, StringComparison.Ordinal);
        }

        // The key of the caller being served (multi-user hosting), which the configured key above is not.
        if (Callers.SeedanceCaller.Current.ApiKey is { } callerKey && text.Contains(callerKey, StringComparison.Ordinal))
        {
            text = text.Replace(callerKey, Mask, StringComparison.Ordinal);
        }

        return text.Contains("bearer", StringComparison.OrdinalIgnoreCase) ? BearerToken().Replace(text, Mask) : text;
    }

    /// <summary>
    /// A response body with every secret removed; the same array when there was nothing to remove. JSON keeps its shape
    /// (only string values change, after their escapes are decoded, so <c>\u0042earer</c> is caught too); other bodies are
    /// redacted as text.
    /// </summary>
    public byte[] RedactBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var text = Encoding.UTF8.GetString(body);
        var redacted = Redact(text);
        var escapes = text.Contains('\\', StringComparison.Ordinal);
        if (ReferenceEquals(redacted, text) && !escapes)
        {
            return body;
        }

        if (TryRedactJson(body, out var json))
        {
            return json;
        }

        return ReferenceEquals(redacted, text) ? body : Encoding.UTF8.GetBytes(redacted);
    }

    private bool TryRedactJson(byte[] body, [NotNullWhen(true)] out byte[]? redacted)
    {
        redacted = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return false;
        }

        if (root is null)
        {
            return false;
        }

        redacted = RedactNode(root) is { } replaced ? Encoding.UTF8.GetBytes(replaced.ToJsonString()) : RedactChildren(root) ? Encoding.UTF8.GetBytes(root.ToJsonString()) : body;
        return true;
    }

    /// <summary>A replacement for a string value that held a secret, or null when the node can stay.</summary>
    private JsonValue? RedactNode(JsonNode node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            var clean = Redact(text);
            return ReferenceEquals(clean, text) ? null : JsonValue.Create(clean);
        }

        return null;
    }

    /// <summary>Redacts string values below <paramref name="node"/> in place; true when anything changed.</summary>
    private bool RedactChildren(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToArray())
                {
                    if (obj[name] is not { } child)
                    {
                        continue;
                    }

                    if (RedactNode(child) is { } replacement)
                    {
                        obj[name] = replacement;
                        changed = true;
                    }
                    else
                    {
                        changed |= RedactChildren(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } child)
                    {
                        continue;
                    }

                    if (RedactNode(child) is { } replacement)
                    {
                        array[i] = replacement;
                        changed = true;
                    }
                    else
                    {
                        changed |= RedactChildren(child);
                    }
                }

                break;
        }

        return changed;
    }

    // The token runs to the next space, quote, backslash or separator, as it would inside a header echoed in JSON or prose.
    [GeneratedRegex("""(?<=\bbearer\s+)[^\s"'\\,;<>]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
