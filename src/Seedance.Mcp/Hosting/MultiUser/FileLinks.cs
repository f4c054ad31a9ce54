using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace Seedance.Mcp.Hosting.MultiUser;

/// <summary>
/// Saved videos, last frames and films, reachable by a remote caller: <c>/files/&lt;path under the output folder&gt;?exp=&amp;sig=</c>,
/// links signed with the server's secret (so any instance sharing the folder and the secret serves them) that expire after
/// <see cref="Lifetime"/>, well after the provider's own links. The path is confined to the output folder; a link to a file
/// of another caller cannot be made without the secret.
/// </summary>
internal sealed class FileLinks(CallerIdentity identity, string root, Uri? publicUrl, IHttpContextAccessor requests, TimeProvider time)
{
    public const string Prefix = "/files/";

    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly string _root = Path.GetFullPath(root);

    // The fields of a result that name a saved file on the server's disk.
    private static readonly HashSet<string> PathFields = new(StringComparer.Ordinal) { "local_video_path", "local_last_frame_path", "film_path" };

    /// <summary>A signed link to <paramref name="fullPath"/>, or null when it is not under the output folder or no base URL is known.</summary>
    public Uri? LinkFor(string fullPath)
    {
        var relative = Path.GetRelativePath(_root, Path.GetFullPath(fullPath)).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var origin = Base();
        if (origin is null)
        {
            return null;
        }

        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var path = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
        return new Uri($"{origin}{Prefix}{path}?exp={expires}&sig={Signature(relative, expires)}");
    }

    /// <summary>The origin the links point at (<c>https://video.example.com</c>), for the player's media policy; null outside a request when no public URL is set.</summary>
    public string? Origin() => Base() is { } origin ? new Uri(origin).GetLeftPart(UriPartial.Authority) : null;

    /// <summary>
    /// A result as a remote caller should read it: each saved file's path on the server's disk (<c>local_video_path</c>,
    /// <c>local_last_frame_path</c>, <c>film_path</c>, at any depth) becomes its signed link, in the structured result and
    /// wherever the text names it; so the player plays, and the model hands on, a link that works where the caller is.
    /// </summary>
    public (JsonElement Structured, string Text) Rewrite(JsonElement structured, string text)
    {
        if (structured.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return (structured, text);
        }

        var node = JsonNode.Parse(structured.GetRawText())!;
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        Replace(node, links);
        if (links.Count == 0)
        {
            return (structured, text);
        }

        // The prose that names them too (the next step, the text the model reads).
        var ordered = links.OrderByDescending(l => l.Key.Length).ToArray();
        string Linked(string value)
        {
            foreach (var (path, link) in ordered)
            {
                value = value.Replace(path, link, StringComparison.Ordinal);
            }

            return value;
        }

        ReplaceInText(node, Linked);
        text = Linked(text);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return (document.RootElement.Clone(), text);
    }

    private void Replace(JsonNode? node, Dictionary<string, string> links)
    {
        switch (node)
        {
            case JsonObject item:
                foreach (var (name, value) in item.ToArray())
                {
                    if (PathFields.Contains(name) && value is JsonValue leaf && leaf.TryGetValue<string>(out var path)
                        && Path.IsPathFullyQualified(path) && LinkFor(path) is { } link)
                    {
                        links[path] = link.AbsoluteUri;
                        item[name] = link.AbsoluteUri;
                    }
                    else
                    {
                        Replace(value, links);
                    }
                }

                break;
            case JsonArray list:
                foreach (var value in list)
                {
                    Replace(value, links);
                }

                break;
        }
    }

    private static void ReplaceInText(JsonNode? node, Func<string, string> linked)
    {
        switch (node)
        {
            case JsonObject item:
                foreach (var (name, value) in item.ToArray())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        var replaced = linked(text);
                        if (replaced != text)
                        {
                            item[name] = replaced;
                        }
                    }
                    else
                    {
                        ReplaceInText(value, linked);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        var replaced = linked(text);
                        if (replaced != text)
                        {
                            list[i] = replaced;
                        }
                    }
                    else
                    {
                        ReplaceInText(list[i], linked);
                    }
                }

                break;
        }
    }

    private string? Base() => publicUrl is not null
        ? publicUrl.GetLeftPart(UriPartial.Authority) + publicUrl.AbsolutePath.TrimEnd('/')
        : requests.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;

    public void Map(IEndpointRouteBuilder app) => app.MapGet(Prefix + "{**path}", ServeAsync);

    private async Task ServeAsync(HttpContext context)
    {
        var relative = context.Request.RouteValues["path"] as string ?? string.Empty;
        var expires = context.Request.Query["exp"].ToString();
        var given = context.Request.Query["sig"].ToString();
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            || until < time.GetUtcNow().ToUnixTimeSeconds()
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(given), System.Text.Encoding.ASCII.GetBytes(Signature(relative, expires))))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("This link is not valid or has expired: ask check_task for the task again for a new one.\n");
            return;
        }

        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var type = Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".mp4" => "video/mp4",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            _ => "application/octet-stream",
        };
        context.Response.Headers.CacheControl = "private, max-age=3600";
        await Results.File(full, type, enableRangeProcessing: true).ExecuteAsync(context);
    }

    private string Signature(string relative, string expires) =>
        Convert.ToHexStringLower(identity.Sign("files", relative + "\n" + expires))[..40];
}
