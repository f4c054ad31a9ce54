using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Http;

/// <summary>
/// Protects the HTTP transport: only known Host names (DNS-rebinding protection), only the server's own browser Origin
/// (one of those hosts on the port the request came in on) or an origin the operator allowed, JSON bodies only, and the
/// bearer token when one is configured (always, off loopback).
/// </summary>
internal sealed class HttpGuard
{
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;
    private readonly byte[]? _token;

    public HttpGuard(ServerSettings settings)
    {
        _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { settings.Host.Trim('[', ']') };
        if (settings.IsLoopback || settings.IsWildcard)
        {
            _hosts.UnionWith(["localhost", "127.0.0.1", "::1"]);
        }

        if (settings.IsWildcard)
        {
            // Bound to every interface: this machine's own names and addresses are legitimate Host values.
            _hosts.Add(Environment.MachineName);
            foreach (var address in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses))
            {
                _hosts.Add(address.Address.ToString());
            }
        }

        _hosts.UnionWith(settings.AllowedHosts.Select(h => h.Trim('[', ']')));
        _origins = new HashSet<string>(settings.AllowedOrigins, StringComparer.OrdinalIgnoreCase);
        _token = settings.Token is null ? null : Encoding.UTF8.GetBytes(settings.Token);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var host = context.Request.Host.Host.Trim('[', ']');
        if (!_hosts.Contains(host))
        {
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, $"Host '{context.Request.Host}' is not served here.");
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin, context.Connection.LocalPort))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden,
                $"Origin '{Surface.SeedanceResources.Shorten(origin)}' is not allowed (only this server's own origin, or one listed with --allowed-origins).");
            return;
        }

        if (_token is not null && !HasToken(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "A valid bearer token is required (SEEDANCE_MCP_TOKEN).");
            return;
        }

        // A message is JSON: without that content type the transport would fail on the body with an internal error.
        if (HttpMethods.IsPost(context.Request.Method) && !IsJson(context.Request.ContentType))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType,
                "Send JSON-RPC messages with Content-Type: application/json.");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// A page on this server (one of its host names, on the port the request came in on) or an origin the operator listed.
    /// Another port on localhost is another program: a local web page must not drive this server.
    /// </summary>
    private bool IsAllowedOrigin(string origin, int localPort)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return _origins.Contains(uri.GetLeftPart(UriPartial.Authority))
            || (uri.Scheme == Uri.UriSchemeHttp && uri.Port == localPort && _hosts.Contains(uri.Host.Trim('[', ']')));
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private bool HasToken(string header)
    {
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var escaped = System.Text.Json.JsonEncodedText.Encode(message).ToString();
        return context.Response.WriteAsync($$"""{"jsonrpc":"2.0","error":{"code":-32001,"message":"{{escaped}}"},"id":null}""");
    }
}
