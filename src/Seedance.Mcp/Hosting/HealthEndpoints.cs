using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seedance.Agents.Journal;
using Seedance.Client.Errors;

namespace Seedance.Mcp.Hosting;

/// <summary>
/// <c>/healthz</c> (the process serves) and <c>/readyz</c> (and its journal answers a query), for a load balancer or an
/// orchestrator: plain text, no authentication, nothing about any caller.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", context => WriteAsync(context, StatusCodes.Status200OK, "ok"));
        app.MapGet("/readyz", async context =>
        {
            try
            {
                await context.RequestServices.GetRequiredService<JournalDatabase>().CheckReachableAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is TaskJournalException or IOException or OptionsValidationException or SeedanceConfigurationException)
            {
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "not ready: the journal cannot be reached");
                return;
            }

            await WriteAsync(context, StatusCodes.Status200OK, "ready");
        });
    }

    private static Task WriteAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}
