using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Seedance.Mcp.Hosting;

/// <summary>
/// JSON may escape half a character (<c>"\ud800"</c>), which no text can hold. The SDK rewrites a request's params before
/// any tool code runs and fails there with "An error occurred", so this incoming filter looks first: a <c>tools/call</c>
/// whose arguments hold an unpaired surrogate has its arguments emptied and the problem noted in the request's context,
/// and the tool answers with an error naming the parameter and the position (nothing is run, sent or charged).
/// </summary>
internal static class UnpairedSurrogates
{
    /// <summary>The key in <see cref="JsonRpcMessageContext.Items"/> of the problem found (a string), for the tool to report.</summary>
    public const string ProblemKey = "seedance/unpaired_surrogate";

    public static McpMessageHandler Filter(McpMessageHandler next) => (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject parameters }
            && parameters.TryGetPropertyValue("arguments", out var arguments) && Find(arguments, path: null) is { } problem)
        {
            context.Items[ProblemKey] = problem;
            parameters["arguments"] = new JsonObject();
        }

        return next(context, cancellationToken);
    };

    /// <summary>The problem with the first text in <paramref name="node"/> that is not valid Unicode, such as
    /// <c>prompt: contains an unpaired surrogate (U+D800) at position 6; text must be valid Unicode</c>; null when all is well.</summary>
    internal static string? Find(JsonNode? node, string? path)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> properties;
                try
                {
                    properties = [.. obj];
                }
                catch (InvalidOperationException)
                {
                    // A name that cannot be read as text: the reader refuses to unescape it.
                    return $"{(path is null ? "an argument name" : $"a property name in {path}")}: contains an unpaired surrogate; text must be valid Unicode";
                }

                foreach (var (name, value) in properties)
                {
                    var inner = path is null ? name : $"{path}.{name}";
                    if (Describe(name, path is null ? "an argument name" : $"a property name in {path}") is { } broken)
                    {
                        return broken;
                    }

                    if (Find(value, inner) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Find(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.TryGetValue(out JsonElement element):
                return element.ValueKind == JsonValueKind.String ? Describe(Unescape(element.GetRawText()), path ?? "arguments") : null;
            case JsonValue value when value.TryGetValue(out string? text):
                return Describe(text, path ?? "arguments");
            default:
                return null;
        }
    }

    /// <summary>What is wrong with <paramref name="text"/>, named <paramref name="name"/>; null when it is valid UTF-16.</summary>
    private static string? Describe(string text, string name)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return $"{name}: contains an unpaired surrogate (U+{(int)text[i]:X4}) at position {i}; text must be valid Unicode";
            }
        }

        return null;
    }

    /// <summary>The UTF-16 text of a JSON string literal (quotes included), lone surrogates kept where the reader would refuse.</summary>
    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] != '\\')
            {
                text.Append(literal[i]);
                continue;
            }

            var escaped = literal[++i];
            if (escaped == 'u')
            {
                text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            text.Append(escaped switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => escaped,
            });
        }

        return text.ToString();
    }
}
