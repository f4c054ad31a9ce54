using System.Globalization;
using System.Security.Cryptography;
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

    /// <summary>A signed link to <paramref name="fullPath"/>, or null when it is not under the output folder or no base URL is known.</summary>
    public Uri? LinkFor(string fullPath)
    {
        var relative = Path.GetRelativePath(_root, Path.GetFullPath(fullPath)).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var origin = publicUrl is not null
            ? publicUrl.GetLeftPart(UriPartial.Authority) + publicUrl.AbsolutePath.TrimEnd('/')
            : requests.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;
        if (origin is null)
        {
            return null;
        }

        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var path = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
        return new Uri($"{origin}{Prefix}{path}?exp={expires}&sig={Signature(relative, expires)}");
    }

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
