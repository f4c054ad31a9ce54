using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore.Authentication;
using Seedance.Agents;

namespace Seedance.Mcp.Hosting.MultiUser;

/// <summary>
/// <c>--multi-user</c>: each request's bearer token is the caller's own provider key (<see cref="ProviderKeyAuthenticationHandler"/>),
/// a request without one gets the MCP authorization spec's 401 (<c>WWW-Authenticate: Bearer resource_metadata="…"</c>, from
/// the SDK's MCP scheme, which also serves the protected-resource metadata), and the rest of the request runs as that
/// caller (<see cref="CallerScope"/>).
/// </summary>
internal static class MultiUserHosting
{
    /// <summary>The server's address as callers reach it (https://video.example.com), for file links; default: the request's own.</summary>
    public const string PublicUrlVariable = "SEEDANCE_PUBLIC_URL";

    /// <summary>Team mode: the OpenID Connect issuer whose tokens are accepted, and the audience they must name.</summary>
    public const string AuthorityVariable = "SEEDANCE_OIDC_AUTHORITY";

    /// <inheritdoc cref="AuthorityVariable"/>
    public const string AudienceVariable = "SEEDANCE_OIDC_AUDIENCE";

    public static IServiceCollection AddMultiUserHosting(this IServiceCollection services, ServerSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var journal = sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value.ResolveJournalPath();
            return CallerIdentity.Load(name => configuration[name], Path.Combine(Path.GetDirectoryName(journal)!, "server-secret"));
        });
        if (settings.Team)
        {
            // Team mode: tokens from the operator's OpenID Connect issuer; the SDK's scheme names that issuer in the
            // protected-resource metadata, so clients know where to sign in.
            var authority = configuration[AuthorityVariable] is { Length: > 0 } a && Uri.TryCreate(a, UriKind.Absolute, out var issuer)
                ? issuer
                : throw new Client.Errors.SeedanceConfigurationException([$"--team needs {AuthorityVariable}: the OpenID Connect issuer (https://login.example.com/realm)."]);
            var audience = configuration[AudienceVariable] is { Length: > 0 } aud
                ? aud
                : throw new Client.Errors.SeedanceConfigurationException([$"--team needs {AudienceVariable}: the audience the tokens are issued for."]);
            services.AddAuthentication(o =>
                {
                    o.DefaultAuthenticateScheme = Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
                })
                .AddJwtBearer(o =>
                {
                    o.Authority = authority.AbsoluteUri.TrimEnd('/');
                    o.Audience = audience;
                    o.MapInboundClaims = false;
                    // Plain http is accepted only for an issuer on this machine (tests, a local identity server).
                    o.RequireHttpsMetadata = !authority.IsLoopback;
                })
                .AddMcp(o => o.ResourceMetadata = new ModelContextProtocol.Authentication.ProtectedResourceMetadata
                {
                    AuthorizationServers = [authority.AbsoluteUri.TrimEnd('/')],
                    BearerMethodsSupported = ["header"],
                    ResourceName = "Seedance video generation (sign in with your team's account)",
                });
        }
        else
        {
            services.AddAuthentication(o =>
                {
                    o.DefaultAuthenticateScheme = ProviderKeyAuthenticationHandler.SchemeName;
                    o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
                })
                .AddScheme<AuthenticationSchemeOptions, ProviderKeyAuthenticationHandler>(ProviderKeyAuthenticationHandler.SchemeName, null)
                .AddMcp(o => o.ResourceMetadata = new ModelContextProtocol.Authentication.ProtectedResourceMetadata
                {
                    BearerMethodsSupported = ["header"],
                    ResourceName = "Seedance video generation (bring your own APIMart key as the bearer token)",
                });
        }

        services.AddAuthorization();
        services.AddHttpContextAccessor();
        // The request rate is counted in the journal when the instances share it, so a caller's limit is not one per instance.
        services.AddSingleton(sp => new UserLimits(sp.GetRequiredService<IConfiguration>(), sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<Agents.Journal.JournalDatabase>().IsShared ? sp.GetRequiredService<Agents.Journal.RequestCounts>() : null));
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var output = sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value.ResolveOutputDirectory();
            var publicUrl = Uri.TryCreate(configuration[PublicUrlVariable], UriKind.Absolute, out var given) ? given : null;
            return new FileLinks(sp.GetRequiredService<CallerIdentity>(), output, publicUrl,
                sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>(), sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return services;
    }

    /// <summary>A caller's paid calls wait while too many of their videos are in progress (<see cref="UserLimits"/>).</summary>
    public static IMcpServerBuilder WithUserLimits(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => (request, cancellationToken) =>
            request.Services!.GetRequiredService<UserLimits>().OpenTasksFilter(next)(request, cancellationToken)));

    /// <summary>Authentication, then the caller scope; the MCP endpoint itself then requires an authenticated caller.</summary>
    public static void UseMultiUser(this WebApplication app)
    {
        // Price answers (multi round-trip request states) are signed with the shared secret, so any instance can check them.
        Tools.MrtrPaidCallApprover.UseSharedKey(app.Services.GetRequiredService<CallerIdentity>().Sign("mrtr-request-state", "v1"));
        // Signed file links need no bearer: the signature is the permission (a video player cannot send headers).
        app.Services.GetRequiredService<FileLinks>().Map(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use((context, next) => CallerScope.InvokeAsync(context, _ => next()));
        var limits = app.Services.GetRequiredService<UserLimits>();
        app.Use((context, next) => limits.InvokeAsync(context, _ => next()));
    }
}
