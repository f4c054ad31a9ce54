using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Seedance.Agents.Tasks;
using Seedance.Client.Callers;

namespace Seedance.Mcp.Hosting.MultiUser;

/// <summary>
/// Makes the authenticated caller the ambient <see cref="SeedanceCaller"/> for the rest of the request: the journal then
/// reads and writes only their rows, files go to their folder, and provider calls carry their key (and the tasks a call
/// starts in the background keep it, in memory only).
/// </summary>
internal static class CallerScope
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        SeedanceCaller caller;
        if (context.User.Identity?.AuthenticationType == ProviderKeyAuthenticationHandler.SchemeName
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } owner)
        {
            // Their own key: it pays for their calls.
            var key = context.Items.TryGetValue(ProviderKeyAuthenticationHandler.KeyItem, out var item) ? item as string : null;
            context.Items.Remove(ProviderKeyAuthenticationHandler.KeyItem);
            caller = SeedanceCaller.For(owner, key);
        }
        else if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue("sub") is { Length: > 0 } subject)
        {
            // A team member signed in: the token's subject (at its issuer) is the user; the operator's key pays.
            var identity = context.RequestServices.GetRequiredService<CallerIdentity>();
            caller = SeedanceCaller.For("t" + identity.OwnerOf(context.User.FindFirstValue("iss") + "\n" + subject)[1..]);
        }
        else
        {
            await next(context);
            return;
        }


        // Held in memory, so this process can take over the caller's films if the process running them dies.
        context.RequestServices.GetRequiredService<KnownCallers>().Remember(caller);
        using (SeedanceCaller.Use(caller))
        {
            await next(context);
        }
    }
}
