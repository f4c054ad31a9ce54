using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Seedance.Sandbox.Endpoints;

/// <summary>Writes the provider's JSON answers and error envelopes.</summary>
internal static class SandboxJson
{
    public static Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, string type, string message) =>
        WriteAsync(context, status, Envelope(status, type, message));

    public static JsonObject Envelope(int status, string type, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = status,
            ["message"] = message,
            ["type"] = type,
        },
    };
}
