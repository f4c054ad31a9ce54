using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Http;

/// <summary>
/// Protects the HTTP transport: only known Host names (DNS-rebinding protection), only browser Origins on those
/// hosts, and the bearer token when one is configured (always, off loopback).
/// </summary>
internal sealed class HttpGuard
{
    private readonly HashSet<string> _hosts;
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
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !_hosts.Contains(uri.Host.Trim('[', ']'))))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, $"Origin '{origin}' is not allowed.");
            return;
        }

        if (_token is not null && !HasToken(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "A valid bearer token is required (SEEDANCE_MCP_TOKEN).");
            return;
        }

        await next(context);
    }

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
