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
        var owner = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (owner is null)
        {
            await next(context);
            return;
        }

        var key = context.Items.TryGetValue(ProviderKeyAuthenticationHandler.KeyItem, out var item) ? item as string : null;
        context.Items.Remove(ProviderKeyAuthenticationHandler.KeyItem);
        var caller = SeedanceCaller.For(owner, key);

        // Held in memory, so this process can take over the caller's films if the process running them dies.
        context.RequestServices.GetRequiredService<KnownCallers>().Remember(caller);
        using (SeedanceCaller.Use(caller))
        {
            await next(context);
        }
    }
}
