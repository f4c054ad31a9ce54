using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Seedance.Mcp.Hosting.MultiUser;

/// <summary>
/// "Bring your own key": the request's bearer token is the caller's own provider key. It is not checked here (the provider
/// checks it on the caller's first paid or status call); the caller becomes the owner id <see cref="CallerIdentity"/>
/// makes of it. The key itself is kept only in <see cref="KeyItem"/> of this request, for <see cref="CallerScope"/>.
/// No bearer is no result, so the challenge (401 with the protected-resource metadata) comes from the MCP scheme.
/// </summary>
internal sealed class ProviderKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerIdentity identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ProviderKey";

    /// <summary>Where this request's key waits for <see cref="CallerScope"/> (the request's items, never a claim).</summary>
    public static readonly object KeyItem = new();

    private const int MaxKeyLength = 512;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = header["Bearer ".Length..].Trim();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            // Never the key in the reason: it is logged by the framework.
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not a usable provider key."));
        }

        var owner = identity.OwnerOf(key);
        Context.Items[KeyItem] = key;
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner)], SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
